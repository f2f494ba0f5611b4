import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { dumpFileLines, splitLines } from './dump-lines';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function* chunks(...parts: string[]) {
  yield* parts;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'banso-dump-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('splitLines', () => {
  it('joins lines split across chunks and keeps empty lines', () => {
    return expect(
      collect(splitLines(chunks('-- a\nINSERT', ' 1;\n', '\n', 'SELECT 2;\n-- end'))),
    ).resolves.toEqual(['-- a', 'INSERT 1;', '', 'SELECT 2;', '-- end']);
  });

  it('yields nothing for nothing', () =>
    expect(collect(splitLines(chunks()))).resolves.toEqual([]));
});

describe('dumpFileLines', () => {
  // A long line with multi-byte characters straddling the 1 MiB read boundary.
  const long = `INSERT '${'髙﨑製作所😀'.repeat(120_000)}';`;
  const text = `-- format: x\n${long}\n-- end\n`;

  it('reads plain text line by line, multi-byte characters intact across reads', async () => {
    const file = path.join(dir, 'plain.sql');
    writeFileSync(file, text);
    expect(await collect(await dumpFileLines(file))).toEqual(['-- format: x', long, '-- end']);
  });

  it('recognises gzip by its content, whatever the name', async () => {
    const file = path.join(dir, 'compressed.sql');
    writeFileSync(file, gzipSync(text));
    expect(await collect(await dumpFileLines(file))).toEqual(['-- format: x', long, '-- end']);
  });

  it('fails on a gzip file cut short', async () => {
    const file = path.join(dir, 'cut.sql.gz');
    const gz = gzipSync(text);
    writeFileSync(file, gz.subarray(0, gz.length - 100));
    await expect(collect(await dumpFileLines(file))).rejects.toMatchObject({
      code: expect.stringMatching(/^Z_/),
    });
  });
});
