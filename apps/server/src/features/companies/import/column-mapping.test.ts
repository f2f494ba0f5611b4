import { describe, expect, it } from 'vitest';
import { ColumnMappingError, parseColumnMapping } from './column-mapping';

describe('parseColumnMapping', () => {
  it('reads the command-line form and JSON, with Japanese titles or English names as targets', () => {
    expect([...parseColumnMapping('名称=会社名,法人番号=法人番号')]).toEqual([
      ['name', '会社名'],
      ['corporateNumber', '法人番号'],
    ]);
    expect([...parseColumnMapping('{"name":"会社名","所在地":"住所"}')]).toEqual([
      ['name', '会社名'],
      ['address', '住所'],
    ]);
    expect([...parseColumnMapping({ 従業員数: '従業員' })]).toEqual([['employees', '従業員']]);
  });

  it('names every problem', () => {
    const error = (() => {
      try {
        parseColumnMapping('社長=代表,名称=,法人番号=a,corporateNumber=b');
      } catch (e) {
        return e as ColumnMappingError;
      }
    })();
    expect(error).toBeInstanceOf(ColumnMappingError);
    expect(error?.problems).toEqual([
      'unknown Banso field "社長"',
      'no source column for "名称"',
      '"法人番号" is mapped twice',
    ]);
    expect(() => parseColumnMapping('{oops')).toThrow(ColumnMappingError);
    expect(() => parseColumnMapping('')).toThrow(ColumnMappingError);
  });
});
