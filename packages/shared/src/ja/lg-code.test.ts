import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidLgCode, lgCodeCheckDigit, normalizeLgCode, toLgCode6 } from './lg-code';
import { hasSharedData, parseCsv, readSharedData } from './testing/shared-data';

const WEIGHTS = [6, 5, 4, 3, 2];
const remainder = (code5: string) => WEIGHTS.reduce((s, w, i) => s + w * Number(code5[i]), 0) % 11;

describe('lgCodeCheckDigit', () => {
  it('matches the documented examples', () => {
    expect(toLgCode6('14130')).toBe('141305'); // 川崎市
    expect(toLgCode6('14133')).toBe('141330'); // 川崎市中原区
    expect(lgCodeCheckDigit('13101')).toBe(6); // 千代田区 131016
    expect(toLgCode6('01000')).toBe('010006'); // 北海道
  });

  it('maps r = 0 to 1 and r = 1 to 0, i.e. (11 − r) mod 10', () => {
    // 14010: 6+20+0+3+0 = 29, r = 7 → 4
    expect(lgCodeCheckDigit('14010')).toBe(4);
    // 01000: 5 → r = 5 → 6; 13000: 6+15 = 21, r = 10 → 1
    expect(lgCodeCheckDigit('13000')).toBe(1);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), (c) => {
        const r = remainder(c);
        expect(lgCodeCheckDigit(c)).toBe((11 - r) % 10);
        if (r === 0) expect(lgCodeCheckDigit(c)).toBe(1);
        if (r === 1) expect(lgCodeCheckDigit(c)).toBe(0);
      }),
    );
  });

  it('rejects anything but 5 ASCII digits', () => {
    for (const c of ['', '1413', '141305', '1413a', '１４１３０']) {
      expect(() => lgCodeCheckDigit(c), c).toThrow(RangeError);
    }
  });
});

describe('isValidLgCode', () => {
  it('checks format and check digit', () => {
    expect(isValidLgCode('141305')).toBe(true);
    expect(isValidLgCode('141330')).toBe(true);
    expect(isValidLgCode('141306')).toBe(false);
    expect(isValidLgCode('14130')).toBe(false);
    expect(isValidLgCode('１４１３０５')).toBe(false);
    expect(isValidLgCode(' 141305')).toBe(false);
    expect(isValidLgCode('')).toBe(false);
  });

  it('catches single-digit errors in the body unless r moves between 0 and 10', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        (code5, pos, delta) => {
          const code6 = toLgCode6(code5);
          const digit = (Number(code5[pos]) + delta) % 10;
          const changed5 = `${code5.slice(0, pos)}${digit}${code5.slice(pos + 1)}`;
          const pair = [remainder(code5), remainder(changed5)].sort().join();
          expect(isValidLgCode(`${changed5}${code6[5]}`)).toBe(pair === '0,10');
        },
      ),
    );
  });

  it('catches every change of the check digit itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5}$/), fc.integer({ min: 1, max: 9 }), (code5, delta) => {
        const wrong = (lgCodeCheckDigit(code5) + delta) % 10;
        expect(isValidLgCode(`${code5}${wrong}`)).toBe(false);
      }),
    );
  });
});

describe('normalizeLgCode', () => {
  it('accepts 5 digits, valid 6 digits and full-width digits', () => {
    expect(normalizeLgCode('14130')).toBe('141305');
    expect(normalizeLgCode('141305')).toBe('141305');
    expect(normalizeLgCode(' １４１３０ ')).toBe('141305');
    expect(normalizeLgCode('141306')).toBeNull();
    expect(normalizeLgCode('10006')).toBe('100064'); // not guessed as 北海道 010006
    expect(normalizeLgCode('1413')).toBeNull();
  });
});

describe.skipIf(!hasSharedData)('every code in code4fukui/localgovjp', () => {
  it('validates all 1,916 municipality and ward codes in localgovjp-utf8.csv', () => {
    const text = readSharedData('localgovjp-utf8.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1916);
    for (const row of rows) {
      const code6 = row.lgcode ?? '';
      expect(isValidLgCode(code6), `${row.city} ${code6}`).toBe(true);
      expect(toLgCode6(code6.slice(0, 5))).toBe(code6);
      expect(code6.slice(0, 5)).toBe((row.cid ?? '').padStart(5, '0'));
    }
    // The data exercises both special cases of the check digit.
    const remainders = new Set(rows.map((r) => remainder(r.lgcode ?? '')));
    expect(remainders.has(0) && remainders.has(1)).toBe(true);
  });

  it('validates all 47 prefecture codes in prefjp-utf8.csv once the lost leading zero is restored', () => {
    const rows = parseCsv(readSharedData('prefjp-utf8.csv'));
    expect(rows).toHaveLength(47);
    for (const row of rows) {
      const raw = row.lgcode ?? '';
      const code6 = raw.padStart(6, '0');
      expect(isValidLgCode(code6), `${row.pref} ${raw}`).toBe(true);
      expect(code6.slice(0, 2)).toBe((row.pid ?? '').padStart(2, '0'));
    }
    expect(rows[0]?.lgcode).toBe('10006');
    expect(isValidLgCode('10006')).toBe(false);
  });
});
