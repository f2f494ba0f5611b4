import { LIMITS } from '@banso/shared';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, CsvSyntaxError, readCsvRecords } from './csv-records';

async function records(text: string, chunk = 5): Promise<CsvRecord[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords(chunks())) out.push(r);
  return out;
}

describe('readCsvRecords', () => {
  it('numbers records by the physical line they start on, across multi-line quoted cells (CRLF and LF)', async () => {
    const text = 'a,b\r\n1,"x\r\ny\r\nz"\r\n\r\n2,"p\nq"\n,,\r\n3,"he said ""hi"""\r\n';
    expect(await records(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\r\ny\r\nz'] },
      { line: 6, fields: ['2', 'p\nq'] },
      { line: 9, fields: ['3', 'he said "hi"'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted cell as text, as Excel does', async () => {
    expect((await records('a,b\n12",x"y\n'))[1]?.fields).toEqual(['12"', 'x"y']);
  });

  it('reports an unclosed quote at the line where its record starts', async () => {
    const text = 'a,b\r\n1,x\r\n2,"open\r\n3,z\r\n4,w\r\n';
    const error = await records(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(3);
  });

  it('accepts a file without a final line break and with LF only', async () => {
    expect(await records('a,b\n1,2')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });
});

describe('readCsvRecords: tabs and absurd shapes', () => {
  const fail = (text: string, chunk = 4096) =>
    records(text, chunk).then(
      () => null,
      (e: unknown) => e as CsvSyntaxError,
    );

  it("reads tab-separated text (Excel's 「Unicode テキスト」), with quoted tabs and line breaks", async () => {
    const text = '名称\t住所\r\n"髙﨑\t精密"\t"川崎市\r\n幸区"\r\n丸①商事\t\r\n';
    expect(await records(text, 3)).toEqual([
      { line: 1, fields: ['名称', '住所'] },
      { line: 2, fields: ['髙﨑\t精密', '川崎市\r\n幸区'] },
      { line: 4, fields: ['丸①商事', ''] },
    ]);
  });

  it(`takes ${LIMITS.csvColumns} columns and refuses one more, at the line of the record, saying the limit`, async () => {
    const row = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect((await records(`${row(LIMITS.csvColumns)}\n1\n`, 1000))[0]?.fields).toHaveLength(
      LIMITS.csvColumns,
    );
    const error = await fail(`a,b\n1,2\n"x\ny",${row(LIMITS.csvColumns)}\n`);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error?.line).toBe(3);
    expect(error?.limit?.code).toBe('too_big');
    expect(error?.limit?.message.ja).toContain('1,000列まで');
    expect(error?.limit?.message.en).toContain('at most 1,000');
  });

  it('refuses a header of millions of empty columns before building it', async () => {
    const error = await fail(','.repeat(2_600_000), 256 * 1024);
    expect(error?.line).toBe(1);
    expect(error?.limit?.code).toBe('too_big');
  });

  it('refuses a record over the character limit (an unclosed quote swallowing the file)', async () => {
    const long = 'x'.repeat(64 * 1024);
    const text = `a,b\n1,"${Array.from({ length: 17 }, () => long).join('\n')}`;
    const error = await fail(text, 64 * 1024);
    expect(error?.line).toBe(2);
    expect(error?.limit?.code).toBe('too_long');
    expect(error?.limit?.message.en).toContain('1,048,576 characters');
  });

  it('follows "" and closing quotes split between chunks', async () => {
    const text = 'a,b\n"he said ""hi""",x\n"q",y\n';
    for (let chunk = 1; chunk <= 6; chunk++) {
      expect(await records(text, chunk)).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['he said "hi"', 'x'] },
        { line: 3, fields: ['q', 'y'] },
      ]);
    }
  });
});
