import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareKana,
  foldKanjiVariants,
  hiraganaToKatakana,
  kanaSortKey,
  katakanaToHiragana,
  normalizeForSearch,
  queryTokens,
  searchTokens,
  stripCompanyForm,
} from './kana';

/** Characters that exercise the normalisation: kana of all widths, ASCII of both widths, kanji, spaces, marks. */
const jaChar = fc.constantFrom(
  ...Array.from('かわさきがぱゃっゔカワサキガパャッヴヵヶーｶﾜｻｷﾞﾟｧｯｰ･・'),
  ...Array.from('川崎市製作所株式会社髙﨑高崎塚'),
  ...Array.from('abcABCａｂｃＡＢＣ0123０１２３'),
  ' ',
  '\u3000',
  '\t',
  '゛',
  '゜',
  '〜',
  '～',
  '-',
  '(',
  '）',
  '㈱',
  '𠮷',
);
const jaString = fc.string({ unit: jaChar, maxLength: 12 });
const anyString = fc.string({ unit: 'binary', maxLength: 12 });

describe('normalizeForSearch', () => {
  it('makes katakana, hiragana and half-width katakana equivalent', () => {
    expect(normalizeForSearch('カワサキ')).toBe('かわさき');
    expect(normalizeForSearch('かわさき')).toBe('かわさき');
    expect(normalizeForSearch('ｶﾜｻｷ')).toBe('かわさき');
    expect(normalizeForSearch('ｶﾞｽ')).toBe(normalizeForSearch('ガス'));
    expect(normalizeForSearch('ﾊﾟﾝ')).toBe('ぱん');
  });

  it('makes full-width ASCII and case equivalent', () => {
    expect(normalizeForSearch('ＡＢＣ')).toBe('abc');
    expect(normalizeForSearch('ABC')).toBe('abc');
    expect(normalizeForSearch('１２３')).toBe('123');
  });

  it('removes all whitespace and the middle dot, keeps ー and the legal form', () => {
    expect(normalizeForSearch(' エヌ・ティ・ティ\u3000データ\t')).toBe('えぬてぃてぃでーた');
    expect(normalizeForSearch('ｴﾇ･ﾃｨ･ﾃｨ')).toBe('えぬてぃてぃ');
    expect(normalizeForSearch('Banso 株式会社')).toBe('banso株式会社');
    expect(normalizeForSearch('㈱川崎')).toBe('(株)川崎');
    expect(normalizeForSearch('（株）川崎')).toBe('(株)川崎');
  });

  it('folds ヴ, ヵ, ヶ and recomposes a spacing sound mark', () => {
    expect(normalizeForSearch('ヴァイオリン')).toBe('ゔぁいおりん');
    expect(normalizeForSearch('ｳﾞｧｲｵﾘﾝ')).toBe('ゔぁいおりん');
    expect(normalizeForSearch('ヶ')).toBe('ゖ');
    expect(normalizeForSearch('カ゛')).toBe('が');
    expect(normalizeForSearch('ハ゜')).toBe('ぱ');
  });

  it('keeps the wave dash, unifying 〜 (WAVE DASH) and ～ (FULLWIDTH TILDE) as CP932 does not', () => {
    expect(normalizeForSearch('10〜20')).toBe('10~20');
    expect(normalizeForSearch('10～20')).toBe('10~20');
    expect(normalizeForSearch('A−B')).toBe(normalizeForSearch('A－B'));
  });

  it('folds 髙 and 﨑 (which NFKC leaves alone) to 高 and 崎, and 塚 U+FA10 by NFKC', () => {
    expect('髙﨑'.normalize('NFKC')).toBe('髙﨑');
    expect(normalizeForSearch('髙﨑')).toBe('高崎');
    expect(normalizeForSearch('髙橋')).toBe(normalizeForSearch('高橋'));
    expect(normalizeForSearch('\ufa10').codePointAt(0)).toBe(0x585a); // 塚 → 塚
    expect(normalizeForSearch('\ufa19').codePointAt(0)).toBe(0x795e); // 神 → 神
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(jaString, anyString), (s) => {
        const once = normalizeForSearch(s);
        expect(normalizeForSearch(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves whitespace, ・, full-width katakana ァ–ヶ or upper-case ASCII', () => {
    fc.assert(
      fc.property(jaString, (s) => {
        expect(normalizeForSearch(s)).not.toMatch(/[\s・\u30a1-\u30f6A-Z]/u);
      }),
    );
  });
});

describe('foldKanjiVariants', () => {
  it('folds common name variants for search only', () => {
    expect(foldKanjiVariants('髙橋')).toBe('高橋');
    expect(foldKanjiVariants('山﨑製作所')).toBe('山崎製作所');
    expect(foldKanjiVariants('𠮷野家')).toBe('吉野家');
    expect(foldKanjiVariants('川崎市')).toBe('川崎市');
  });
});

describe('kana conversion', () => {
  it('round-trips hiragana and katakana', () => {
    expect(katakanaToHiragana('ヴァヵヶヽヾー・ヷ')).toBe('ゔぁゕゖゝゞー・ヷ');
    expect(hiraganaToKatakana('ゔぁゕゖゝゞー')).toBe('ヴァヵヶヽヾー');
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0x3041, max: 0x3096 }).map((c) => String.fromCodePoint(c)),
        }),
        (h) => {
          expect(katakanaToHiragana(hiraganaToKatakana(h))).toBe(h);
        },
      ),
    );
  });
});

describe('stripCompanyForm', () => {
  it.each([
    ['㈱川崎製作所', '川崎製作所'],
    ['株式会社 川崎製作所', '川崎製作所'],
    ['株式会社\u3000川崎製作所', '川崎製作所'],
    ['川崎製作所株式会社', '川崎製作所'],
    ['Banso 株式会社', 'Banso'],
    ['(株)川崎製作所', '川崎製作所'],
    ['（株）川崎製作所', '川崎製作所'],
    ['川崎製作所（有）', '川崎製作所'],
    ['(有)川崎', '川崎'],
    ['㈲川崎', '川崎'],
    ['㍿川崎', '川崎'],
    ['有限会社川崎', '川崎'],
    ['合同会社バンソウ', 'バンソウ'],
    ['合名会社川崎', '川崎'],
    ['合資会社川崎', '川崎'],
    ['一般社団法人 川崎産業振興会', '川崎産業振興会'],
    ['公益財団法人川崎市産業振興財団', '川崎市産業振興財団'],
    ['一般財団法人川崎', '川崎'],
    ['公益社団法人川崎', '川崎'],
    ['特定非営利活動法人かわさき', 'かわさき'],
    ['NPO法人かわさき', 'かわさき'],
    ['ＮＰＯ法人かわさき', 'かわさき'],
    ['国立大学法人東京大学', '東京大学'],
    ['学校法人川崎学園', '川崎学園'],
    ['川崎 株式会社 製作所', '川崎 製作所'],
    ['カブシキガイシャカワサキ', 'カワサキ'],
    ['カワサキカブシキカイシャ', 'カワサキ'],
    ['ユウゲンガイシャカワサキ', 'カワサキ'],
    ['ゴウドウガイシャバンソウ', 'バンソウ'],
    ['かぶしきがいしゃかわさき', 'かわさき'],
    ['ｶﾌﾞｼｷｶﾞｲｼｬ ｶﾜｻｷ', 'ｶﾜｻｷ'],
  ])('%s → %s', (input, expected) => {
    expect(stripCompanyForm(input)).toBe(expected);
  });

  it('leaves names without a legal form unchanged, spacing included', () => {
    for (const s of ['川崎製作所', 'トヨタ　自動車', 'かわさき', 'Banso', '株式', '会社']) {
      expect(stripCompanyForm(s)).toBe(s);
    }
  });

  it('lets a name compare with its 国税庁 furigana, which omits the legal form', () => {
    const name = normalizeForSearch(stripCompanyForm('カブシキガイシャ カワサキセイサクショ'));
    expect(name).toBe(normalizeForSearch('カワサキセイサクショ'));
  });

  it('composes with normalizeForSearch in either order for kanji forms', () => {
    for (const s of ['株式会社 川崎', '㈱川崎', '（株）川崎', 'ｶﾌﾞｼｷｶﾞｲｼｬｶﾜｻｷ', 'ＮＰＯ法人川崎']) {
      expect(stripCompanyForm(normalizeForSearch(s)), s).toBe(
        normalizeForSearch(stripCompanyForm(s)),
      );
    }
  });
});

describe('searchTokens / queryTokens', () => {
  it('produces distinct unigrams and bigrams of the normalised string', () => {
    expect(searchTokens('カワサキ')).toEqual(['か', 'わ', 'さ', 'き', 'かわ', 'わさ', 'さき']);
    expect(searchTokens('ｶﾜｻｷ')).toEqual(searchTokens('かわさき'));
    expect(searchTokens('ああああ')).toEqual(['あ', 'ああ']);
    expect(searchTokens('')).toEqual([]);
    expect(searchTokens('𠮷野家')).toEqual(['吉', '野', '家', '吉野', '野家']);
  });

  it('uses the unigram for a one-character query and bigrams otherwise', () => {
    expect(queryTokens('川')).toEqual(['川']);
    expect(queryTokens('ｶ')).toEqual(['か']);
    expect(queryTokens('川崎市')).toEqual(['川崎', '崎市']);
    expect(queryTokens('ｶﾜｻｷ')).toEqual(['かわ', 'わさ', 'さき']);
    expect(queryTokens('ああああ')).toEqual(['ああ']);
    expect(queryTokens('')).toEqual([]);
    expect(queryTokens(' ・ ')).toEqual([]);
  });

  it('never duplicates tokens', () => {
    fc.assert(
      fc.property(jaString, (s) => {
        const t = searchTokens(s);
        expect(new Set(t).size).toBe(t.length);
        const q = queryTokens(s);
        expect(new Set(q).size).toBe(q.length);
      }),
    );
  });

  it('is a superset filter: if normalize(s) contains normalize(q), tokens(s) ⊇ queryTokens(q)', () => {
    let hits = 0;
    const check = (s: string, q: string) => {
      const nq = normalizeForSearch(q);
      if (nq === '' || !normalizeForSearch(s).includes(nq)) return;
      hits++;
      const tokens = new Set(searchTokens(s));
      for (const t of queryTokens(q)) expect(tokens.has(t), `${s} / ${q} / ${t}`).toBe(true);
    };
    // Embedding q in s makes the containment premise true most of the time.
    fc.assert(
      fc.property(jaString, jaString, jaString, (a, q, b) => check(`${a}${q}${b}`, q)),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.oneof(jaString, anyString), fc.oneof(jaString, anyString), check), {
      numRuns: 1000,
    });
    expect(hits).toBeGreaterThan(1000);
  });

  it('filters out strings that cannot contain the query', () => {
    const tokens = new Set(searchTokens('川崎製作所'));
    expect(queryTokens('崎製').every((t) => tokens.has(t))).toBe(true);
    expect(queryTokens('崎作').every((t) => tokens.has(t))).toBe(false);
  });
});

describe('kanaSortKey / compareKana', () => {
  it('normalises width and script but keeps voiced and small kana', () => {
    expect(kanaSortKey('カワサキ')).toBe('かわさき');
    expect(kanaSortKey('ｶﾜｻｷ')).toBe('かわさき');
    expect(kanaSortKey('かわさき し')).toBe('かわさきし');
    expect(kanaSortKey('ガッコウ')).toBe('がっこう');
    expect(kanaSortKey('キャ')).toBe('きゃ');
  });

  it('orders readings by kana regardless of script', () => {
    const names = [
      'サイワイク',
      'あさおく',
      'ｶﾜｻｷｸ',
      'たかつく',
      'ナカハラク',
      'みやまえく',
      'たまく',
    ];
    expect([...names].sort(compareKana)).toEqual([
      'あさおく',
      'ｶﾜｻｷｸ',
      'サイワイク',
      'たかつく',
      'たまく',
      'ナカハラク',
      'みやまえく',
    ]);
    expect(compareKana('カ', 'が')).toBeLessThan(0);
    expect(compareKana('かわさき', 'カワサキ')).toBe(0);
  });
});
