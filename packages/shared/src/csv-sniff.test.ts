import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  detectEncoding,
  encodingOfBom,
  TEXT_ENCODING_NAMES,
  TEXT_ENCODINGS,
} from './csv-sniff';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf16le = (text: string) => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = unit & 0xff;
    out[3 + i * 2] = unit >> 8;
  }
  return out;
};

describe('encodingOfBom / detectEncoding', () => {
  it('reads the byte-order marks of UTF-8 and UTF-16 (LE and BE)', () => {
    expect(encodingOfBom(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(encodingOfBom(bytes(0xff, 0xfe, 0x41, 0))).toBe('utf-16le');
    expect(encodingOfBom(bytes(0xfe, 0xff, 0, 0x41))).toBe('utf-16be');
    expect(encodingOfBom(bytes(0x41, 0x42))).toBeNull();
  });

  it('takes a BOM over the content, then valid UTF-8, else Shift_JIS', () => {
    expect(detectEncoding(utf16le('名称\t住所\r\n'), true)).toBe('utf-16le');
    expect(detectEncoding(new TextEncoder().encode('名称,住所'), true)).toBe('utf-8');
    // 名称 in Shift_JIS: 96 BC 8F CC.
    expect(detectEncoding(bytes(0x96, 0xbc, 0x8f, 0xcc), true)).toBe('shift_jis');
  });

  it('names every encoding', () => {
    for (const encoding of TEXT_ENCODINGS) expect(TEXT_ENCODING_NAMES[encoding]).toBeTruthy();
  });
});

describe('detectDelimiter', () => {
  it('reads tabs or commas from the first record only', () => {
    expect(detectDelimiter('名称\t住所\t電話\r\nA,B\tC')).toBe('\t');
    expect(detectDelimiter('名称,住所\n1\t2\t3\t4')).toBe(',');
    expect(detectDelimiter('名称')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('does not count delimiters inside quoted cells, even across lines', () => {
    expect(detectDelimiter('"a,b,c,d"\t"x\ny,z"\tq')).toBe('\t');
    expect(detectDelimiter('"a\tb\tc","say ""hi"""')).toBe(',');
  });
});
