import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Splits a stream of text chunks into lines (without the `\n`; a `\r` before
 * it is kept, as it would be part of a statement). Pulls chunk by chunk, so a
 * dump is never held in memory whole: only the current line is.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      const line = carry + chunk.slice(start, nl);
      carry = '';
      yield line;
      start = nl + 1;
    }
    carry += chunk.slice(start);
  }
  if (carry !== '') yield carry;
}

/** Is the file gzip (by its magic bytes, not its name)? */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The lines of a dump file, gunzipped when it is gzip. */
export async function dumpFileLines(file: string): Promise<AsyncGenerator<string>> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream: Readable = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
  if (stream !== raw) raw.once('error', (error) => stream.destroy(error));
  stream.setEncoding('utf8');
  return splitLines(stream as AsyncIterable<string>);
}
