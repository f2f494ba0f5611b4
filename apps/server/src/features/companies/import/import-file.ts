import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { encodingOfBom } from '@banso/shared';
import { type CsvRecord, readCsvRecords } from './csv-records';
import { detectEncoding, hasNonAscii, type TextEncoding } from './encoding-detect';
import { decodeText } from './text-decode';

const SNIFF_CHUNK = 64 * 1024;
const SNIFF_MAX = 1024 * 1024;
const READ_CHUNK = 256 * 1024;

/** Reads the first bytes of a file until they contain enough non-ASCII text to tell the encoding. */
export async function sniffFileEncoding(path: string): Promise<TextEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_MAX);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(
        buffer,
        length,
        Math.min(SNIFF_CHUNK, SNIFF_MAX - length),
        length,
      );
      length += bytesRead;
      const sample = buffer.subarray(0, length);
      const complete = bytesRead === 0;
      const bom = encodingOfBom(sample);
      if (bom && (length >= 3 || complete)) return bom;
      if (complete || length >= SNIFF_MAX || hasNonAscii(sample))
        return detectEncoding(sample, complete);
    }
  } finally {
    await handle.close();
  }
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Counts the bytes read so far (for progress) and optionally hashes them on the way. */
export interface ReadTap {
  bytesRead: number;
  hash?: ReturnType<typeof createHash>;
}

async function* tapped(path: string, tap: ReadTap): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
    const buffer = chunk as Buffer;
    tap.bytesRead += buffer.length;
    tap.hash?.update(buffer);
    yield buffer;
  }
}

/** The file's CSV records, streamed: bytes → text in `encoding` → records with line numbers. */
export function readFileRecords(
  path: string,
  encoding: TextEncoding,
  tap: ReadTap,
): AsyncGenerator<CsvRecord> {
  return readCsvRecords(decodeText(tapped(path, tap), encoding));
}
