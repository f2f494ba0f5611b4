/**
 * Japanese fiscal year (年度): FY N runs from N-04-01 to (N+1)-03-31.
 */
import { formatYmd, parseYmdOrThrow } from './date';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Explicit Gregorian calendar and Latin digits, so the user's locale cannot change the parts.
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar date ('YYYY-MM-DD') of an instant as seen in a time zone (IANA name).
 * Independent of the process time zone. Supports years 1–9999 CE.
 */
export function localDateOf(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return formatYmd(year, month, day);
}

function fiscalYearOfParts(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

/**
 * The fiscal year of an instant as seen in `timeZone` (default Asia/Tokyo):
 * 2025-03-31T15:00:00Z is 2025-04-01 in Tokyo, so FY2025.
 */
export function fiscalYearOf(date: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const { year, month } = parseYmdOrThrow(localDateOf(date, timeZone));
  return fiscalYearOfParts(year, month);
}

/** The fiscal year of a 'YYYY-MM-DD' calendar date ('2025-03-31' → 2024). RangeError if invalid. */
export function fiscalYearOfDateString(ymd: string): number {
  const { year, month } = parseYmdOrThrow(ymd);
  return fiscalYearOfParts(year, month);
}

/** First and last day of a fiscal year: 2022 → { start: '2022-04-01', end: '2023-03-31' }. */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  if (!Number.isInteger(fy) || fy < 1 || fy > 9998) throw new RangeError(`bad fiscal year: ${fy}`);
  return { start: formatYmd(fy, 4, 1), end: formatYmd(fy + 1, 3, 31) };
}

/** True if the 'YYYY-MM-DD' date falls in fiscal year `fy`. */
export function isInFiscalYear(ymd: string, fy: number): boolean {
  return fiscalYearOfDateString(ymd) === fy;
}
