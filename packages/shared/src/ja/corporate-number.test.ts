import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  corporateNumberCheckDigit,
  isValidCorporateNumber,
  localGovernmentCorporateNumber,
  normalizeCorporateNumber,
  toCorporateNumber,
  validateCorporateNumber,
} from './corporate-number';

/** Real numbers as published on the 国税庁 法人番号公表サイト. */
const REAL = [
  ['1180301018771', 'トヨタ自動車株式会社'],
  ['5010401067252', 'ソニーグループ株式会社'],
  ['1130001011420', '任天堂株式会社'],
  ['5010001008846', '株式会社三菱ＵＦＪ銀行'],
  ['8120001059652', '積水ハウス株式会社'],
  ['8000020130001', '東京都'],
  ['7000012050002', '国税庁'],
  ['4000012090001', '経済産業省'],
  ['8700110005901', '国税庁の計算例 (base 700110005901)'],
] as const;

const base12 = fc.stringMatching(/^\d{12}$/);

describe('corporateNumberCheckDigit', () => {
  it.each(REAL)('validates %s (%s)', (number) => {
    expect(corporateNumberCheckDigit(number.slice(1))).toBe(Number(number[0]));
    expect(validateCorporateNumber(number)).toBe('ok');
    expect(isValidCorporateNumber(number)).toBe(true);
  });

  it('computes the documented formula by hand for トヨタ', () => {
    // base 180301018771 from the right: 1·1 + 7·2 + 7·1 + 8·2 + 1·1 + 0·2 + 1·1 + 0·2 + 3·1 + 0·2 + 8·1 + 1·2 = 53
    // 53 mod 9 = 8, 9 − 8 = 1
    expect(corporateNumberCheckDigit('180301018771')).toBe(1);
  });

  it('is never 0 (so a 法人番号 never starts with 0)', () => {
    fc.assert(
      fc.property(base12, (b) => {
        const c = corporateNumberCheckDigit(b);
        expect(c).toBeGreaterThanOrEqual(1);
        expect(c).toBeLessThanOrEqual(9);
      }),
    );
    expect(validateCorporateNumber('0000000000000')).toBe('check_digit');
    expect(corporateNumberCheckDigit('000000000000')).toBe(9);
  });

  it('rejects a base that is not 12 ASCII digits', () => {
    for (const b of [
      '',
      '18030101877',
      '1803010187711',
      '18030101877a',
      '１８０３０１０１８７７１',
    ]) {
      expect(() => corporateNumberCheckDigit(b), b).toThrow(RangeError);
    }
  });
});

describe('validateCorporateNumber', () => {
  it('reports what is wrong', () => {
    expect(validateCorporateNumber('')).toBe('not_digits');
    expect(validateCorporateNumber('T1180301018771')).toBe('not_digits');
    expect(validateCorporateNumber('118030101877x')).toBe('not_digits');
    expect(validateCorporateNumber('118030101877')).toBe('length');
    expect(validateCorporateNumber('11803010187710')).toBe('length');
    expect(validateCorporateNumber('2180301018771')).toBe('check_digit');
    // One digit off from ソニーグループ's number; seen in the wild, caught by the check digit.
    expect(validateCorporateNumber('7010401067252')).toBe('check_digit');
    expect(isValidCorporateNumber('2180301018771')).toBe(false);
  });

  it('normalises full-width digits, spaces and hyphens first', () => {
    expect(normalizeCorporateNumber('１１８０３０１０１８７７１')).toBe('1180301018771');
    expect(normalizeCorporateNumber(' 1-1803-0101-8771 ')).toBe('1180301018771');
    expect(normalizeCorporateNumber('1180\u3000301\u2212018771')).toBe('1180301018771');
    expect(normalizeCorporateNumber('T1180301018771')).toBe('T1180301018771');
    expect(validateCorporateNumber('１１８０３０１０１８７７１')).toBe('ok');
    expect(validateCorporateNumber('1 180301 018771')).toBe('ok');
    expect(validateCorporateNumber('1ー180301ー018771')).toBe('ok');
  });

  it('accepts any base with its computed check digit prepended', () => {
    fc.assert(
      fc.property(base12, (b) => {
        expect(validateCorporateNumber(toCorporateNumber(b))).toBe('ok');
      }),
    );
  });

  it('detects every single-digit substitution except 0↔9 in the base', () => {
    fc.assert(
      fc.property(
        base12,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (b, pos, delta) => {
          const n = toCorporateNumber(b);
          const old = Number(n[pos]);
          const digit = (old + delta) % 10;
          const changed = `${n.slice(0, pos)}${digit}${n.slice(pos + 1)}`;
          const undetectable = pos > 0 && old + digit === 9 && (old === 0 || old === 9);
          expect(validateCorporateNumber(changed)).toBe(undetectable ? 'ok' : 'check_digit');
        },
      ),
    );
  });

  it('so exactly the 0s and 9s of トヨタ’s base are blind spots', () => {
    const n = '1180301018771';
    const missed: string[] = [];
    for (let pos = 0; pos < 13; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === n[pos]) continue;
        const changed = `${n.slice(0, pos)}${d}${n.slice(pos + 1)}`;
        if (isValidCorporateNumber(changed)) missed.push(changed);
      }
    }
    // base 180301018771 has 0s at base positions 4, 6 and 8 (1-based, from the left)
    expect(missed).toEqual(['1189301018771', '1180391018771', '1180301918771']);
  });

  it('detects adjacent transpositions in the base except of a 0 and a 9', () => {
    fc.assert(
      fc.property(base12, fc.integer({ min: 1, max: 11 }), (b, pos) => {
        const n = toCorporateNumber(b);
        const a = n[pos] ?? '';
        const c = n[pos + 1] ?? '';
        fc.pre(a !== c);
        const swapped = `${n.slice(0, pos)}${c}${a}${n.slice(pos + 2)}`;
        const undetectable = (a === '0' && c === '9') || (a === '9' && c === '0');
        expect(isValidCorporateNumber(swapped)).toBe(undetectable);
      }),
    );
  });
});

describe('localGovernmentCorporateNumber', () => {
  it('is the check digit + 000020 + the 6-digit local government code', () => {
    expect(localGovernmentCorporateNumber('130001')).toBe('8000020130001'); // 東京都, real
    expect(localGovernmentCorporateNumber('141305')).toBe('7000020141305'); // 川崎市
    expect(() => localGovernmentCorporateNumber('14130')).toThrow(RangeError);
  });
});
