import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatYmd, isLeapYear, isValidYmd, parseYmd } from './date';

describe('isValidYmd', () => {
  it('accepts real dates, including leap days', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31']) {
      expect(isValidYmd(d), d).toBe(true);
    }
  });

  it('rejects impossible dates and other formats', () => {
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '0000-01-01',
      '2025-1-01',
      '2025/01/01',
      '２０２５-01-01',
      ' 2025-01-01',
      '2025-01-01T00:00:00Z',
      '',
    ]) {
      expect(isValidYmd(d), d).toBe(false);
    }
  });

  it('agrees with the built-in UTC calendar for any day in years 1970–2200', () => {
    const min = Date.UTC(1970, 0, 1);
    const max = Date.UTC(2200, 11, 31);
    fc.assert(
      fc.property(fc.integer({ min: min / 86_400_000, max: max / 86_400_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const p = parseYmd(iso);
        expect(p).not.toBeNull();
        expect(formatYmd(p?.year ?? 0, p?.month ?? 0, p?.day ?? 0)).toBe(iso);
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it('knows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
    expect(() => daysInMonth(2025, 13)).toThrow(RangeError);
  });

  it('formatYmd pads and validates', () => {
    expect(formatYmd(2025, 4, 1)).toBe('2025-04-01');
    expect(() => formatYmd(2025, 2, 30)).toThrow(RangeError);
    expect(() => formatYmd(2025, 1.5, 1)).toThrow(RangeError);
  });
});
