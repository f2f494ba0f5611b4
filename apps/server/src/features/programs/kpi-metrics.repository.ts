import { companies, type Database } from '@banso/db';
import type { MetricDefinition } from '@banso/shared';
import {
  and,
  arrayContains,
  asc,
  eq,
  gte,
  inArray,
  isNull,
  like,
  lt,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { KpiPeriod } from './kpi-period';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type CompanyMetric = Extract<MetricDefinition, { entity: 'companies' }>;

function companyWhere(tenantId: string, metric: CompanyMetric, start: Date, end: Date): SQL[] {
  const where: SQL[] = [
    eq(companies.tenantId, tenantId),
    isNull(companies.archivedAt),
    gte(companies.createdAt, start),
    lt(companies.createdAt, end),
  ];
  const f = metric.filters;
  if (f.kinds && f.kinds.length > 0) where.push(inArray(companies.kind, f.kinds));
  if (f.tagsAll && f.tagsAll.length > 0) where.push(arrayContains(companies.tags, f.tagsAll));
  if (f.jsicPrefix) where.push(like(companies.jsicCode, `${escapeLike(f.jsicPrefix)}%`));
  if (f.municipalityPrefix)
    where.push(like(companies.municipalityCode, `${escapeLike(f.municipalityPrefix)}%`));
  return where;
}

const companyField = (metric: CompanyMetric) =>
  metric.field === 'capitalYen' ? companies.capitalYen : companies.employees;

/** Computes metric values over Banso's records; the only place metrics touch the ORM. */
export function createKpiMetricsRepository(db: Database) {
  return {
    /**
     * The metric's value for each of the periods (all of one basis), in one query: records are
     * bucketed by their fiscal or calendar year in Japan time. Periods without records give 0.
     */
    async values(
      tenantId: string,
      metric: MetricDefinition,
      periods: KpiPeriod[],
    ): Promise<Map<number, number>> {
      const result = new Map<number, number>(periods.map((p) => [p.fy, 0]));
      if (periods.length === 0) return result;
      const start = new Date(Math.min(...periods.map((p) => p.start.getTime())));
      const end = new Date(Math.max(...periods.map((p) => p.end.getTime())));
      const calendar = periods[0]?.basis === 'calendar';
      // Japan time without relying on the server's time-zone database (UTC+9, no DST).
      const local = sql`((${companies.createdAt} at time zone 'UTC') + interval '9 hours')`;
      const bucket = calendar
        ? sql<number>`extract(year from ${local})::int`
        : sql<number>`extract(year from ${local} - interval '3 months')::int`;
      const aggregate =
        metric.aggregate === 'count'
          ? sql<string>`count(*)`
          : sql<string>`coalesce(sum(${companyField(metric)}), 0)`;
      const rows = await db
        .select({ year: bucket, value: aggregate })
        .from(companies)
        .where(and(...companyWhere(tenantId, metric, start, end)))
        .groupBy(bucket);
      for (const row of rows) {
        const year = Number(row.year);
        if (result.has(year)) result.set(year, Number(row.value));
      }
      return result;
    },

    /** The records behind one period's value, oldest first (at most `limit`), and their count. */
    async records(tenantId: string, metric: MetricDefinition, period: KpiPeriod, limit: number) {
      const where = and(...companyWhere(tenantId, metric, period.start, period.end));
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: companies.id,
            name: companies.name,
            at: companies.createdAt,
            value: metric.aggregate === 'sum' ? companyField(metric) : sql<null>`null`,
          })
          .from(companies)
          .where(where)
          .orderBy(asc(companies.createdAt), asc(companies.id))
          .limit(limit),
        db.select({ n: sql<string>`count(*)` }).from(companies).where(where),
      ]);
      return {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          entity: 'company' as const,
          id: r.id,
          label: r.name,
          at: r.at.toISOString(),
          value: r.value === null ? null : Number(r.value),
        })),
      };
    },
  };
}
