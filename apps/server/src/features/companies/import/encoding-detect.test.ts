import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, hasNonAscii } from './encoding-detect';

const text = '法人番号,名称\r\n1180301018771,株式会社髙﨑精密①②\r\n';
const utf8 = Buffer.from(text, 'utf8');
const sjis = iconv.encode(text, 'shift_jis');

describe('detectEncoding', () => {
  it('tells UTF-8 (with and without BOM) from Shift_JIS', () => {
    expect(detectEncoding(utf8, true)).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), true)).toBe(
      'utf-8',
    );
    expect(detectEncoding(sjis, true)).toBe('shift_jis');
    expect(detectEncoding(Buffer.from('a,b\r\n1,2\r\n'), true)).toBe('utf-8');
  });

  it('is not fooled by a UTF-8 character cut at the sniff boundary, at any cut', () => {
    for (let cut = 1; cut < utf8.length; cut++) {
      expect(detectEncoding(utf8.subarray(0, cut), false), `cut at ${cut}`).toBe('utf-8');
    }
    for (let cut = 20; cut < sjis.length; cut++) {
      expect(detectEncoding(sjis.subarray(0, cut), false), `cut at ${cut}`).toBe('shift_jis');
    }
  });

  it('treats a truncated sequence at the very end of a complete file as not UTF-8', () => {
    expect(detectEncoding(utf8.subarray(0, utf8.length - 4), true)).toBe('shift_jis');
  });

  it("reads UTF-16 by its byte-order mark (Excel's 「Unicode テキスト」), little- and big-endian", () => {
    const tsv = text.replaceAll(',', '\t');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(detectEncoding(le, true)).toBe('utf-16le');
    expect(detectEncoding(be, true)).toBe('utf-16be');
    expect(detectEncoding(le.subarray(0, 7), false)).toBe('utf-16le');
    // Without a BOM, UTF-16 is not guessed: its NUL bytes make it invalid as Shift_JIS text.
    expect(detectEncoding(Buffer.from(tsv, 'utf16le'), true)).toBe('shift_jis');
  });

  it('counts non-ASCII evidence', () => {
    expect(hasNonAscii(Buffer.from('abc'), 1)).toBe(false);
    expect(hasNonAscii(utf8, 10)).toBe(true);
  });
});
