import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANSO_COLUMNS,
  findBansoColumn,
  formatCell,
  joinList,
  parseDateCell,
  parseIntegerCell,
  splitList,
} from './banso-columns';
import { escapeFormula, unescapeFormula } from './formula-escape';

describe('Banso CSV columns', () => {
  it('has the documented Japanese titles in a fixed order, ID last', () => {
    expect(BANSO_COLUMNS.map((c) => c.title)).toEqual([
      '法人番号',
      '名称',
      'フリガナ',
      '英語名称',
      '種別',
      '産業分類コード',
      '郵便番号',
      '市区町村コード',
      '所在地',
      '従業員数',
      '資本金(円)',
      '設立年',
      '代表者氏名',
      '代表者生年',
      '後継者',
      'ウェブサイト',
      '事業内容',
      '技術',
      '製品',
      '設備',
      'ニーズ',
      'タグ',
      '状態',
      '閉鎖日',
      '閉鎖事由',
      '承継先法人番号',
      'ID',
    ]);
  });

  it('finds a column by title (after NFKC) or by English field name', () => {
    expect(findBansoColumn('資本金（円）')?.key).toBe('capitalYen');
    expect(findBansoColumn(' corporateNumber ')?.key).toBe('corporateNumber');
    expect(findBansoColumn('CORPORATENUMBER')?.key).toBe('corporateNumber');
    expect(findBansoColumn('ｆｕｒｉｇａｎａ')).toBeUndefined();
    expect(findBansoColumn('会社名')).toBeUndefined();
  });

  it("joins lists with '; ' and splits them back; a ';' inside an item stays one item", () => {
    expect(joinList(['切削', '研磨'])).toBe('切削; 研磨');
    expect(splitList('切削; 研磨 ;;')).toEqual(['切削', '研磨']);
    expect(splitList(joinList(['a;b', 'c']))).toEqual(['a；b', 'c']);
    expect(splitList('')).toEqual([]);
  });

  it('reads integers with separators and full-width digits, and dates as Excel rewrites them', () => {
    expect(parseIntegerCell('1,200')).toBe(1200);
    expect(parseIntegerCell('１２')).toBe(12);
    expect(parseIntegerCell('')).toBeNull();
    expect(parseIntegerCell('約10人')).toBe('約10人');
    expect(parseDateCell('2023/3/1')).toBe('2023-03-01');
    expect(parseDateCell('2023-03-31')).toBe('2023-03-31');
    expect(parseDateCell('令和5年')).toBe('令和5年');
  });

  it('formats stored values back into cells', () => {
    expect(formatCell('integer', 30000000)).toBe('30000000');
    expect(formatCell('list', ['a', 'b'])).toBe('a; b');
    expect(formatCell('text', null)).toBe('');
  });
});

describe('formula escaping', () => {
  it('guards cells Excel would run as formulas', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(escapeFormula('-1')).toBe("'-1");
    expect(escapeFormula("'quoted")).toBe("''quoted");
    expect(escapeFormula('株式会社')).toBe('株式会社');
    // Japanese Excel takes the full-width operators as formulas too.
    expect(escapeFormula('＝HYPERLINK("x")')).toBe(`'＝HYPERLINK("x")`);
    expect(escapeFormula('＋81')).toBe("'＋81");
    expect(escapeFormula('－1')).toBe("'－1");
    expect(escapeFormula('＠cmd')).toBe("'＠cmd");
    expect(unescapeFormula("'＝1")).toBe('＝1');
    expect(escapeFormula('−1')).toBe("'−1"); // U+2212: Shift_JIS writes it as －
    expect(unescapeFormula("'abc")).toBe("'abc");
  });

  it('is exactly reversible for every string', () => {
    fc.assert(fc.property(fc.string(), (s) => unescapeFormula(escapeFormula(s)) === s));
  });
});
