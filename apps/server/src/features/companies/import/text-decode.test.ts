import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { TextEncoding } from './encoding-detect';
import { decodeText, REPLACEMENT_CHARACTER } from './text-decode';

const text = '髙﨑①②㈱〜～－,"a""b"\r\nｱｲｳ';

async function decodeInChunks(bytes: Buffer, size: number, encoding: TextEncoding) {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  let out = '';
  for await (const s of decodeText(chunks(), encoding)) out += s;
  return out;
}

describe('decodeText', () => {
  it('keeps characters split between chunks whole, for every chunk size', async () => {
    const utf8 = Buffer.from(text, 'utf8');
    const sjis = iconv.encode(text.replace('〜', '～'), 'shift_jis');
    for (let size = 1; size <= 7; size++) {
      expect(await decodeInChunks(utf8, size, 'utf-8')).toBe(text);
      expect(await decodeInChunks(sjis, size, 'shift_jis')).toBe(text.replace('〜', '～'));
    }
  });

  it('decodes UTF-16 with its BOM, little- and big-endian, a character split between chunks kept whole', async () => {
    const emoji = `${text}\t🏭`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(emoji, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (let size = 1; size <= 5; size++) {
      expect(await decodeInChunks(le, size, 'utf-16le')).toBe(emoji);
      expect(await decodeInChunks(be, size, 'utf-16be')).toBe(emoji);
    }
  });

  it('drops a UTF-8 BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名称', 'utf8')]);
    expect(await decodeInChunks(bytes, 2, 'utf-8')).toBe('名称');
  });

  it('turns invalid bytes into U+FFFD instead of dropping them', async () => {
    expect(await decodeInChunks(Buffer.from([0x41, 0xff, 0x42]), 1, 'utf-8')).toBe(
      `A${REPLACEMENT_CHARACTER}B`,
    );
    expect(await decodeInChunks(Buffer.from([0x41, 0xfd, 0x81, 0x20]), 16, 'shift_jis')).toBe(
      `A${REPLACEMENT_CHARACTER}${REPLACEMENT_CHARACTER} `,
    );
  });
});
