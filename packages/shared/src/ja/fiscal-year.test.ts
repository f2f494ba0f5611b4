import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fiscalYearOf,
  fiscalYearOfDateString,
  fiscalYearRange,
  isInFiscalYear,
  localDateOf,
} from './fiscal-year';

describe('fiscalYearOf', () => {
  it('uses the Tokyo calendar date by default', () => {
    // 2025-03-31T15:00Z is 2025-04-01 00:00 in Tokyo.
    expect(fiscalYearOf(new Date('2025-03-31T15:00:00Z'))).toBe(2025);
    expect(fiscalYearOf(new Date('2025-03-31T14:59:59.999Z'))).toBe(2024);
    expect(fiscalYearOf(new Date('2024-12-31T23:00:00Z'))).toBe(2024);
  });

  it('honours an explicit time zone', () => {
    const instant = new Date('2025-03-31T15:00:00Z');
    expect(fiscalYearOf(instant, 'UTC')).toBe(2024);
    expect(fiscalYearOf(instant, 'Asia/Tokyo')).toBe(2025);
    // 2025-04-01T05:00Z is still 2025-03-31 in Los Angeles (UTC−7 in summer time).
    expect(fiscalYearOf(new Date('2025-04-01T05:00:00Z'), 'America/Los_Angeles')).toBe(2024);
    expect(fiscalYearOf(new Date('2025-04-01T07:00:00Z'), 'America/Los_Angeles')).toBe(2025);
  });

  it('rejects invalid dates and unknown time zones', () => {
    expect(() => fiscalYearOf(new Date('nonsense'))).toThrow(RangeError);
    expect(() => fiscalYearOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  describe('independence from the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it('gives the same answers whether TZ is UTC, Asia/Tokyo or America/New_York', () => {
      const instants = fc.sample(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        { numRuns: 300, seed: 42 },
      );
      instants.push(new Date('2025-03-31T15:00:00Z'), new Date('2025-03-31T14:59:59.999Z'));
      const results = ['UTC', 'Asia/Tokyo', 'America/New_York'].map((tz) => {
        process.env.TZ = tz;
        return instants.map(
          (d) => `${localDateOf(d)} ${fiscalYearOf(d)} ${fiscalYearOf(d, 'UTC')}`,
        );
      });
      // Sanity: changing TZ really changes local Date methods in this process.
      process.env.TZ = 'UTC';
      const utcHours = new Date('2025-03-31T15:00:00Z').getHours();
      process.env.TZ = 'Asia/Tokyo';
      expect(new Date('2025-03-31T15:00:00Z').getHours()).not.toBe(utcHours);
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    });
  });

  it('matches the UTC+9 calendar date for any instant since 1952 (Tokyo has no DST since)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1952-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (d) => {
          const tokyo = new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
          expect(localDateOf(d)).toBe(tokyo);
          expect(fiscalYearOf(d)).toBe(fiscalYearOfDateString(tokyo));
        },
      ),
    );
  });
});

describe('fiscalYearOfDateString', () => {
  it('switches on April 1', () => {
    expect(fiscalYearOfDateString('2025-03-31')).toBe(2024);
    expect(fiscalYearOfDateString('2025-04-01')).toBe(2025);
    expect(fiscalYearOfDateString('2025-12-31')).toBe(2025);
    expect(fiscalYearOfDateString('2026-01-01')).toBe(2025);
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => fiscalYearOfDateString('2025-02-29')).toThrow(RangeError);
    expect(() => fiscalYearOfDateString('2025/04/01')).toThrow(RangeError);
  });
});

describe('fiscalYearRange', () => {
  it('runs from April 1 to March 31', () => {
    expect(fiscalYearRange(2022)).toEqual({ start: '2022-04-01', end: '2023-03-31' });
    expect(fiscalYearRange(2019)).toEqual({ start: '2019-04-01', end: '2020-03-31' });
  });

  it('is consistent with fiscalYearOfDateString at both edges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (fy) => {
        const { start, end } = fiscalYearRange(fy);
        expect(fiscalYearOfDateString(start)).toBe(fy);
        expect(fiscalYearOfDateString(end)).toBe(fy);
        expect(fiscalYearOfDateString(`${fy}-03-31`)).toBe(fy - 1);
        expect(fiscalYearOfDateString(`${fy + 1}-04-01`)).toBe(fy + 1);
        expect(isInFiscalYear(start, fy)).toBe(true);
        expect(isInFiscalYear(`${fy}-03-31`, fy)).toBe(false);
      }),
    );
  });

  it('rejects non-integer years', () => {
    expect(() => fiscalYearRange(2022.5)).toThrow(RangeError);
    expect(() => fiscalYearRange(Number.NaN)).toThrow(RangeError);
  });
});
