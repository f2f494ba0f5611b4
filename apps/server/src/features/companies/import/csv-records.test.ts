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
