/**
 * Calendar-date helpers for 'YYYY-MM-DD' strings (proleptic Gregorian, years 0001–9999).
 * Pure: no Date parsing of strings (which would be time-zone dependent), no I/O.
 */

export interface YmdParts {
  year: number;
  month: number;
  day: number;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month out of range: ${month}`);
  }
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses a strict 'YYYY-MM-DD' calendar date, or returns null if malformed or not a real date. */
export function parseYmd(ymd: string): YmdParts | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a strict, real 'YYYY-MM-DD' date (e.g. '2024-02-29' yes, '2023-02-29' no). */
export function isValidYmd(ymd: string): boolean {
  return parseYmd(ymd) !== null;
}

/** Like parseYmd but throws RangeError. */
export function parseYmdOrThrow(ymd: string): YmdParts {
  const parts = parseYmd(ymd);
  if (!parts) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(ymd)}`);
  return parts;
}

/** Formats parts as 'YYYY-MM-DD' (throws RangeError if they do not form a real date). */
export function formatYmd(year: number, month: number, day: number): string {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!Number.isInteger(year) || !Number.isInteger(day) || !isValidYmd(s)) {
    throw new RangeError(`not a valid date: ${year}-${month}-${day}`);
  }
  return s;
}
