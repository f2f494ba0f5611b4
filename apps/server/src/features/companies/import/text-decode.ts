import { decoderLabel } from '@banso/shared';
import iconv from 'iconv-lite';
import type { TextEncoding } from './encoding-detect';

/**
 * Decodes a byte stream chunk by chunk; a character split between chunks is kept whole. A
 * byte-order mark (UTF-8, UTF-16LE/BE) is dropped. Bytes that are not valid in the encoding become U+FFFD, which the importer
 * reports as an error on that line (never silently imported).
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  if (encoding !== 'shift_jis') {
    const decoder = new TextDecoder(decoderLabel(encoding), { ignoreBOM: false });
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
    return;
  }
  // iconv-lite's shift_jis table is CP932 (NEC/IBM extensions: ①, 髙, 﨑, ㈱ …).
  const decoder = iconv.getDecoder('shift_jis');
  for await (const chunk of chunks) {
    const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

export const REPLACEMENT_CHARACTER = '\uFFFD';
