import type { AnyColumn, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { KpiPeriod } from './kpi-period';

/**
 * The year (fiscal April–March or calendar) a dated record falls in, computed in SQL. Instants
 * are moved to Japan time by UTC+9 arithmetic, not the server's time-zone database (Japan has
 * no daylight saving time); a `date` column already holds an Asia/Tokyo day.
 */
export function yearBucket(
  column: AnyColumn | SQL,
  type: 'instant' | 'day',
  basis: KpiPeriod['basis'],
): SQL<number> {
  const local =
    type === 'instant'
      ? sql`((${column} at time zone 'UTC') + interval '9 hours')`
      : sql`(${column})::timestamp`;
  return basis === 'calendar'
    ? sql<number>`extract(year from ${local})::int`
    : sql<number>`extract(year from ${local} - interval '3 months')::int`;
}

/** The span from the first period's start to the last one's end. */
export function span(periods: KpiPeriod[]) {
  const first = periods.reduce((a, p) => (p.start < a.start ? p : a));
  const last = periods.reduce((a, p) => (p.end > a.end ? p : a));
  return {
    basis: first.basis,
    start: first.start,
    end: last.end,
    /** First day, inclusive (YYYY-MM-DD). */
    from: first.from,
    /** Last day, inclusive (YYYY-MM-DD). */
    to: last.to,
  };
}

/** A value per period, 0 to start with, for each metric. */
export const zeroes = (count: number, periods: KpiPeriod[]) =>
  Array.from({ length: count }, () => new Map<number, number>(periods.map((p) => [p.fy, 0])));
