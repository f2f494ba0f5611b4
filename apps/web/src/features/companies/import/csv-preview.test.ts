import { describe, expect, it } from 'vitest';
import {
  countLines,
  decodeSample,
  detectEncoding,
  detectFormat,
  guessMapping,
  mappingQuery,
  parseCsv,
  previewFile,
} from './csv-preview';
import { csvFile, OTHER_SYSTEM_CSV, SJIS_BANSO_CSV } from './test-files';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
  it('takes valid UTF-8 (with or without BOM) as UTF-8, anything else as Shift_JIS', () => {
    expect(detectEncoding(utf8('名称\r\n川崎'), true)).toBe('utf-8');
    expect(detectEncoding(utf8('\uFEFFabc'), true)).toBe('utf-8');
    expect(detectEncoding(utf8('plain ascii'), true)).toBe('utf-8');
    expect(detectEncoding(SJIS_BANSO_CSV, true)).toBe('shift_jis');
  });

  it('ignores a UTF-8 character cut at the end of a sample, but not in a whole file', () => {
    const bytes = utf8('名称,川崎');
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('shift_jis');
  });

  it('decodes CP932 extensions (髙, 﨑, ①) from Shift_JIS', () => {
    expect(decodeSample(SJIS_BANSO_CSV, 'shift_jis')).toContain('株式会社髙﨑精密');
    expect(decodeSample(SJIS_BANSO_CSV, 'shift_jis')).toContain('丸①商事');
  });
});

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF', () => {
    const text = 'a,"b,1","say ""hi"""\r\n"multi\r\nline",x\ny,"",z\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['multi\r\nline', 'x'],
      ['y', '', 'z'],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell, skips blank rows, reads a last line without a break', () => {
    expect(parseCsv('5"2,b\r\n,,\r\n\r\nlast,row')).toEqual([
      ['5"2', 'b'],
      ['last', 'row'],
    ]);
  });

  it('stops after maxRows, and drops an unfinished record of a partial text', () => {
    expect(parseCsv('1\n2\n3\n', 2)).toEqual([['1'], ['2']]);
    expect(parseCsv('1\n2\n"unfinished', 10, true)).toEqual([['1'], ['2']]);
    expect(parseCsv('1\n2\n"unfinished', 10, false)).toEqual([['1'], ['2'], ['unfinished']]);
  });
});

describe('detectFormat', () => {
  const nta = Array.from({ length: 30 }, (_, i) => (i === 1 ? '1180301018771' : 'x'));
  it('tells 国税庁 data, a Banso CSV and other files apart', () => {
    expect(detectFormat([nta])).toBe('nta');
    expect(detectFormat([['2024-04-01', '120', '1', '1'], nta])).toBe('nta');
    expect(detectFormat([['名称', 'フリガナ', '資本金（円）', 'corporateNumber']])).toBe('banso');
    expect(detectFormat([['フリガナ', '所在地']])).toBe('other'); // no 名称
    expect(detectFormat([['会社名', '法人番号']])).toBe('other');
    expect(detectFormat([])).toBe('other');
  });
});

describe('guessMapping and mappingQuery', () => {
  it('pre-fills the mapping from header names and writes the API mapping JSON', () => {
    const mapping = guessMapping(['会社名', '法人番号', '住所', '従業員', '業種メモ']);
    expect(mapping).toEqual({
      name: '会社名',
      corporateNumber: '法人番号',
      address: '住所',
      employees: '従業員',
      businessDescription: '業種メモ',
    });
    expect(JSON.parse(mappingQuery({ ...mapping, employees: null }))).toEqual({
      法人番号: '法人番号',
      名称: '会社名',
      所在地: '住所',
      事業内容: '業種メモ',
    });
  });
});

describe('previewFile and countLines', () => {
  it('previews a Shift_JIS file decoded, with its format', async () => {
    const preview = await previewFile(csvFile(SJIS_BANSO_CSV, 'sjis.csv'));
    expect(preview.detectedEncoding).toBe('shift_jis');
    expect(preview.format).toBe('banso');
    expect(preview.rows).toEqual([
      ['名称', 'フリガナ', '所在地'],
      ['株式会社髙﨑精密', 'タカサキセイミツ', '川崎市高津区\r\n久本１丁目'],
      ['丸①商事', 'マルイチショウジ', '川崎市'],
    ]);
    const wrong = await previewFile(csvFile(SJIS_BANSO_CSV, 'sjis.csv'), 'utf-8');
    expect(wrong.detectedEncoding).toBe('shift_jis');
    expect(wrong.rows[1]?.[0]).toContain('\uFFFD');
  });

  it('previews another system’s file as needing a mapping, BOM dropped', async () => {
    const preview = await previewFile(csvFile(OTHER_SYSTEM_CSV, 'other.csv'));
    expect(preview).toMatchObject({ detectedEncoding: 'utf-8', format: 'other' });
    expect(preview.rows[0]?.[0]).toBe('会社名');
    expect(preview.rows[1]?.[3]).toBe('1,200');
  });

  it('counts physical lines, with or without a final line break', async () => {
    expect(await countLines(csvFile(SJIS_BANSO_CSV, 'a.csv'))).toBe(4);
    expect(await countLines(csvFile(utf8('a\nb'), 'b.csv'))).toBe(2);
    expect(await countLines(csvFile(utf8(''), 'c.csv'))).toBe(0);
  });

  it("previews and counts Excel's 「Unicode テキスト」 (UTF-16LE with BOM, tab-separated)", async () => {
    // 上 is U+4E0A: the byte 0x0A in UTF-16LE that is not a line feed.
    const text = '名称\t所在地\r\n上野精工\t"川崎市\t幸区"\r\n丸①商事\t川崎市';
    const units = new Uint16Array([0xfeff, ...Array.from(text, (c) => c.charCodeAt(0))]);
    const file = csvFile(new Uint8Array(units.buffer), 'unicode.txt');
    const preview = await previewFile(file);
    expect(preview).toMatchObject({ detectedEncoding: 'utf-16le', format: 'banso' });
    expect(preview.rows).toEqual([
      ['名称', '所在地'],
      ['上野精工', '川崎市\t幸区'],
      ['丸①商事', '川崎市'],
    ]);
    expect(await countLines(file)).toBe(3);
  });
});
