import { companies, escapeLike, type TenantTx } from '@banso/db';
import type { MetricDefinition, TenantId } from '@banso/shared';
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
import { span, yearBucket, zeroes } from './kpi-metric-buckets.repository';
import type { KpiPeriod } from './kpi-period';
import type { KpiRecordRows } from './kpi-record-row';

export type CompanyMetric = Extract<MetricDefinition, { entity: 'companies' }>;

/** The attributes of a group of companies that a metric's filters test. */
export interface CompanyGroup {
  kind: string;
  tags: string[];
  jsicCode: string | null;
  municipalityCode: string | null;
}

/** Whether a metric counts a group: the same rules as `companyFilters` in SQL. */
export function acceptsGroup(metric: CompanyMetric, g: CompanyGroup): boolean {
  const f = metric.filters;
  if (f.kinds && f.kinds.length > 0 && !(f.kinds as string[]).includes(g.kind)) return false;
  if (f.tagsAll && f.tagsAll.length > 0 && !f.tagsAll.every((t) => g.tags.includes(t)))
    return false;
  if (f.jsicPrefix && !(g.jsicCode ?? '').startsWith(f.jsicPrefix)) return false;
  if (f.municipalityPrefix && !(g.municipalityCode ?? '').startsWith(f.municipalityPrefix))
    return false;
  return true;
}

/** The metric's own filters (kinds, tags, JSIC, municipality) as conditions. */
function companyFilters(metric: CompanyMetric): SQL[] {
  const where: SQL[] = [];
  const f = metric.filters;
  if (f.kinds && f.kinds.length > 0) where.push(inArray(companies.kind, f.kinds));
  if (f.tagsAll && f.tagsAll.length > 0) where.push(arrayContains(companies.tags, f.tagsAll));
  if (f.jsicPrefix) where.push(like(companies.jsicCode, `${escapeLike(f.jsicPrefix)}%`));
  if (f.municipalityPrefix)
    where.push(like(companies.municipalityCode, `${escapeLike(f.municipalityPrefix)}%`));
  return where;
}

/** Companies of the tenant, not archived, registered in [start, end). */
const companyPeriod = (tenantId: TenantId, start: Date, end: Date): SQL[] => [
  eq(companies.tenantId, tenantId),
  isNull(companies.archivedAt),
  gte(companies.createdAt, start),
  lt(companies.createdAt, end),
];

function companyWhere(tenantId: TenantId, metric: CompanyMetric, start: Date, end: Date): SQL[] {
  return [...companyPeriod(tenantId, start, end), ...companyFilters(metric)];
}

const companyField = (metric: CompanyMetric) =>
  metric.field === 'capitalYen' ? companies.capitalYen : companies.employees;

/** Metrics over companies: 企業登録数 and sums of their employees or capital. */
export function createCompanyMetricsRepository({ db, tenantId }: TenantTx) {
  return {
    /**
     * The values of many metrics for each of the periods (all of one basis), from one scan:
     * the period's companies are grouped by year (fiscal or calendar, in Japan time) and by
     * every attribute a filter can test, and each metric adds up the groups its filters accept
     * (`acceptsGroup`, the same rules as the SQL of `records`). Periods without records give 0.
     */
    async valuesMany(
      metrics: CompanyMetric[],
      periods: KpiPeriod[],
    ): Promise<Map<number, number>[]> {
      const results = zeroes(metrics.length, periods);
      if (periods.length === 0 || metrics.length === 0) return results;
      const { start, end, basis } = span(periods);
      const bucket = yearBucket(companies.createdAt, 'instant', basis);
      // Group only by the attributes some metric filters on: fewer, larger groups.
      const uses = (key: keyof CompanyMetric['filters']) =>
        metrics.some((m) => {
          const value = m.filters[key];
          return Array.isArray(value) ? value.length > 0 : Boolean(value);
        });
      const kind = uses('kinds') ? companies.kind : sql<string>`''`;
      const tags = uses('tagsAll') ? companies.tags : sql<string[]>`'{}'::text[]`;
      const jsicCode = uses('jsicPrefix') ? companies.jsicCode : sql<string | null>`null::text`;
      const municipalityCode = uses('municipalityPrefix')
        ? companies.municipalityCode
        : sql<string | null>`null::text`;
      const groups = await db
        .select({
          year: bucket,
          kind,
          tags,
          jsicCode,
          municipalityCode,
          count: sql<string>`count(*)`,
          employees: sql<string>`coalesce(sum(${companies.employees}), 0)`,
          capitalYen: sql<string>`coalesce(sum(${companies.capitalYen}), 0)`,
        })
        .from(companies)
        .where(and(...companyPeriod(tenantId, start, end)))
        .groupBy(sql`1, 2, 3, 4, 5`);
      for (const g of groups) {
        const year = Number(g.year);
        metrics.forEach((metric, i) => {
          const result = results[i];
          if (!result?.has(year) || !acceptsGroup(metric, g)) return;
          const add =
            metric.aggregate === 'count'
              ? Number(g.count)
              : metric.field === 'capitalYen'
                ? Number(g.capitalYen)
                : Number(g.employees);
          result.set(year, (result.get(year) ?? 0) + add);
        });
      }
      return results;
    },

    /** The records behind one period's value, oldest first (at most `limit`), and their count. */
    async records(metric: CompanyMetric, period: KpiPeriod, limit: number): Promise<KpiRecordRows> {
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
          name: r.name,
          at: r.at.toISOString(),
          value: r.value === null ? null : Number(r.value),
        })),
      };
    },
  };
}
