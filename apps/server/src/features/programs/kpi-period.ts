import type { CountingBasis } from '@banso/shared';

/**
 * The days a KPI's year covers, by its counting basis: a fiscal year runs April–March
 * (令和4年度 = 2022-04-01 … 2023-03-31), a calendar year January–December (観光統計).
 * Instants are Japan time (UTC+9; Japan has no daylight saving time).
 */
export interface KpiPeriod {
  basis: CountingBasis;
  fy: number;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
  /** First instant (inclusive). */
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
}

const tokyoMidnight = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day) - 9 * 3600 * 1000);

const ymd = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export function kpiPeriod(basis: CountingBasis, fy: number): KpiPeriod {
  if (basis === 'calendar') {
    return {
      basis,
      fy,
      from: ymd(fy, 1, 1),
      to: ymd(fy, 12, 31),
      start: tokyoMidnight(fy, 1, 1),
      end: tokyoMidnight(fy + 1, 1, 1),
    };
  }
  return {
    basis,
    fy,
    from: ymd(fy, 4, 1),
    to: ymd(fy + 1, 3, 31),
    start: tokyoMidnight(fy, 4, 1),
    end: tokyoMidnight(fy + 1, 4, 1),
  };
}
