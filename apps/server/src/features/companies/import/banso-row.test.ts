import { describe, expect, it } from 'vitest';
import { BANSO_COLUMNS } from './banso-columns';
import { bansoRowInput, resolveBansoHeader } from './banso-row';
import { parseColumnMapping } from './column-mapping';
import { ImportFileError } from './row-error';

const header = (fields: string[]) => ({ line: 1, fields });
const fileErrors = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportFileError)
      return e.errors.map((x) => [x.code, x.field ?? null, x.message.en]);
  }
  return null;
};

describe('resolveBansoHeader', () => {
  it('accepts every Banso title, English names and any order', () => {
    const layout = resolveBansoHeader(header(['name', '法人番号', '資本金（円）']), null);
    expect(layout.columns.map((c) => c.column.key)).toEqual([
      'name',
      'corporateNumber',
      'capitalYen',
    ]);
    expect(
      resolveBansoHeader(header(BANSO_COLUMNS.map((c) => c.title)), null).columns,
    ).toHaveLength(27);
  });

  it('rejects unknown and doubled columns and a missing 名称, all at once', () => {
    expect(
      fileErrors(() => resolveBansoHeader(header(['法人番号', '会社名', 'corporateNumber']), null)),
    ).toEqual([
      ['unknown_field', null, 'Unknown column "会社名" (use a column mapping).'],
      ['invalid_value', 'corporateNumber', 'The column "corporateNumber" appears twice.'],
      ['required', 'name', 'The required column "名称" is missing.'],
    ]);
  });

  it('with a mapping: mapped columns, other Banso titles as they are, the rest ignored', () => {
    const layout = resolveBansoHeader(
      header(['会社名', '法人番号', '業種メモ']),
      parseColumnMapping('名称=会社名'),
    );
    expect(layout.columns.map((c) => [c.index, c.column.key])).toEqual([
      [0, 'name'],
      [1, 'corporateNumber'],
    ]);
    expect(
      fileErrors(() => resolveBansoHeader(header(['社名']), parseColumnMapping('名称=会社名'))),
    ).toEqual([['required', 'name', 'The mapped column "会社名" is not in the file.']]);
  });
});

describe('bansoRowInput', () => {
  const layout = resolveBansoHeader(
    header(['名称', '種別', '従業員数', '技術', '市区町村コード', 'ID']),
    null,
  );

  it('converts cells by kind; an empty enumeration cell is not a change', () => {
    const r = bansoRowInput(layout, {
      line: 7,
      fields: ['川崎精機', '', '1,200', '切削; 研磨', '14133', ''],
    });
    expect(r.errors).toEqual([]);
    expect(r.input).toEqual({
      name: '川崎精機',
      employees: 1200,
      technologies: ['切削', '研磨'],
      municipalityCode: '141330',
    });
    expect(r.owned).toEqual(['name', 'employees', 'technologies', 'municipalityCode']);
    expect(r.municipalityCode).toBe('141330');
  });

  it('undoes the export formula guard', () => {
    expect(
      bansoRowInput(layout, { line: 2, fields: ["'=1+1", 'sme', '', '', '', ''] }).input.name,
    ).toBe('=1+1');
  });

  it('reports a wrong column count and undecodable bytes with the line', () => {
    expect(bansoRowInput(layout, { line: 9, fields: ['a', 'b'] }).errors[0]).toMatchObject({
      line: 9,
      field: '(row)',
      code: 'invalid_format',
    });
    expect(
      bansoRowInput(layout, { line: 4, fields: ['株式会社\uFFFD', 'sme', '', '', '', ''] })
        .errors[0],
    ).toMatchObject({
      line: 4,
      field: 'name',
      code: 'invalid_format',
    });
  });
});
