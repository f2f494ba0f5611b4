import { fiscalYearLabel, formatWarekiDate, localDateOf } from '@banso/shared';

/**
 * How Banso shows dates, fiscal years and money. Dates are Japanese calendar
 * days in Asia/Tokyo, whatever the browser's zone: a visit on 3/31 23:30 JST
 * belongs to the old fiscal year on every screen.
 */

export type Calendar = 'gregorian' | 'wareki';
export type UiLanguage = 'ja' | 'en';

/** 'YYYY-MM-DD' of a date string or Date, in Asia/Tokyo (date-only strings are kept as they are). */
export function toYmd(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return localDateOf(typeof value === 'string' ? new Date(value) : value);
}

/** 2025年3月31日, 令和7年3月31日 (wareki), or 31 Mar 2025 in English. */
export function formatDate(
  value: string | Date | null | undefined,
  options: { calendar?: Calendar; language?: UiLanguage } = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const ymd = toYmd(value);
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  if (options.language === 'en') {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.toLocaleDateString('en-GB', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
  }
  if (options.calendar === 'wareki') return formatWarekiDate(ymd);
  return `${y}年${m}月${d}日`;
}

/** A date and time in Asia/Tokyo: 2025年3月31日 14:05. */
export function formatDateTime(
  value: string | Date | null | undefined,
  options: { calendar?: Calendar; language?: UiLanguage } = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  const time = date.toLocaleTimeString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return `${formatDate(date, options)} ${time}`;
}

/** 2024 → '令和6年度 (2024)'; in English 'FY2024 (令和6年度)'. */
export function formatFiscalYear(fy: number, language: UiLanguage = 'ja'): string {
  return language === 'en' ? `FY${fy} (${fiscalYearLabel(fy)})` : `${fiscalYearLabel(fy)} (${fy})`;
}

const integer = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** 1234567 → '1,234,567'. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** Yen with separators: 1234567 → '1,234,567円' (en: '¥1,234,567'). */
export function formatYen(value: number | null | undefined, language: UiLanguage = 'ja'): string {
  if (value === null || value === undefined) return '—';
  return language === 'en' ? `¥${integer.format(value)}` : `${integer.format(value)}円`;
}

/** Thousands of yen, as grant reports write them: 21618 → '21,618千円'. */
export function formatSenYen(
  thousands: number | null | undefined,
  language: UiLanguage = 'ja',
): string {
  if (thousands === null || thousands === undefined) return '—';
  return language === 'en' ? `¥${integer.format(thousands)}k` : `${integer.format(thousands)}千円`;
}
