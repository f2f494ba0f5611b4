import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createCp932Encoder, UNENCODABLE_MARK } from './cp932-encoder';

const decode = (b: Buffer) => iconv.decode(b, 'shift_jis');

describe('createCp932Encoder', () => {
  it('keeps CP932 characters (NEC and IBM extensions) exactly', () => {
    const encoder = createCp932Encoder();
    const text = '株式会社髙﨑①②㈱ｱｲｳ\\~ABC';
    expect(decode(encoder.encode(text))).toBe(text);
    expect(encoder.stats).toEqual({ substituted: 0, unencodable: 0, samples: [] });
  });

  it('substitutes the JIS/CP932 pairs iconv-lite would write as ? or \\, and counts them', () => {
    const encoder = createCp932Encoder();
    expect(decode(encoder.encode('9時〜17時 −5℃ ¥100 ‖ —'))).toBe('9時～17時 －5℃ ￥100 ∥ ―');
    expect(encoder.stats.substituted).toBe(5);
  });

  it('writes 〓 for characters Shift_JIS cannot hold, counts them and never writes a silent ?', () => {
    const encoder = createCp932Encoder();
    const bytes = encoder.encode('𠮷野家 Café 😀');
    expect(decode(bytes)).toBe(
      `${UNENCODABLE_MARK}野家 Caf${UNENCODABLE_MARK} ${UNENCODABLE_MARK}`,
    );
    expect(bytes.includes(0x3f)).toBe(false);
    expect(encoder.stats).toMatchObject({ unencodable: 3, samples: ['𠮷', 'é', '😀'] });
  });
});
