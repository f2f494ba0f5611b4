import { companies, escapeLike, type TenantTx, visitIssues, visits } from '@banso/db';
import type { TenantId } from '@banso/shared';
import {
  and,
  arrayOverlaps,
  asc,
  eq,
  gte,
  inArray,
  like,
  lte,
  min,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type VisitMetricItem, valuesOfVisits } from './kpi-metrics-visits-values.repository';
import type { KpiPeriod } from './kpi-period';
import type { KpiRecordRows } from './kpi-record-row';
import type { VisitMetric } from './kpi-visit-rules';

export type { VisitMetric } from './kpi-visit-rules';

const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

/** Some issue raised on the visit has one of the categories. */
const issueIn = (categories: readonly string[]): SQL =>
  sql`exists (select 1 from ${visitIssues} where ${visitIssues.tenantId} = ${visits.tenantId} and ${visitIssues.visitId} = ${visits.id} and ${inArray(visitIssues.category, [...categories])})`;

/** The metric's own filters as conditions (visits joined with their companies). */
function visitFilters(metric: VisitMetric): SQL[] {
  const where: SQL[] = [];
  const f = metric.filters;
  if (given(f.kinds)) where.push(inArray(visits.kind, [...f.kinds]));
  if (given(f.companyKinds)) where.push(inArray(companies.kind, [...f.companyKinds]));
  if (f.municipalityPrefix)
    where.push(like(companies.municipalityCode, `${escapeLike(f.municipalityPrefix)}%`));
  if (given(f.categories)) {
    const any = or(
      arrayOverlaps(visits.purposeCategories, [...f.categories]),
      issueIn(f.categories),
    );
    if (any) where.push(any);
  }
  return where;
}

/** Completed visits of the tenant on the Asia/Tokyo days from…to (inclusive). */
const visitPeriod = (tenantId: TenantId, from: string, to: string): SQL[] => [
  eq(visits.tenantId, tenantId),
  eq(visits.status, 'completed'),
  gte(visits.localDate, from),
  lte(visits.localDate, to),
];

const companyJoin = and(
  eq(companies.tenantId, visits.tenantId),
  eq(companies.id, visits.companyId),
) as SQL;

/** Metrics over visits: 訪問件数 and 訪問企業数. */
export function createVisitMetricsRepository(t: TenantTx) {
  const { db, tenantId } = t;
  return {
    /**
     * The values of many metrics (fiscal and calendar ones together) for each of the years:
     * `valuesOfVisits` below.
     */
    valuesMany: (items: VisitMetricItem[], fys: number[]) => valuesOfVisits(t, items, fys),

    /**
     * The records behind one period's value, oldest first (at most `limit`), and their count:
     * the visits, or for 訪問企業数 the companies (at their first counted visit).
     */
    async records(metric: VisitMetric, period: KpiPeriod, limit: number): Promise<KpiRecordRows> {
      const where = and(...visitPeriod(tenantId, period.from, period.to), ...visitFilters(metric));
      if (metric.count === 'companies') {
        const first = min(visits.startsAt);
        const [rows, [total]] = await Promise.all([
          db
            .select({
              id: companies.id,
              name: companies.name,
              at: first,
              visits: sql<string>`count(*)`,
            })
            .from(visits)
            .innerJoin(companies, companyJoin)
            .where(where)
            .groupBy(companies.id, companies.name)
            .orderBy(asc(first), asc(companies.id))
            .limit(limit),
          db
            .select({ n: sql<string>`count(distinct ${visits.companyId})` })
            .from(visits)
            .innerJoin(companies, companyJoin)
            .where(where),
        ]);
        return {
          total: Number(total?.n ?? 0),
          items: rows.map((r) => ({
            entity: 'company' as const,
            id: r.id,
            name: r.name,
            visits: Number(r.visits),
            at: new Date(r.at ?? 0).toISOString(),
            value: null,
          })),
        };
      }
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: visits.id,
            at: visits.startsAt,
            day: visits.localDate,
            kind: visits.kind,
            name: companies.name,
          })
          .from(visits)
          .innerJoin(companies, companyJoin)
          .where(where)
          .orderBy(asc(visits.startsAt), asc(visits.id))
          .limit(limit),
        db
          .select({ n: sql<string>`count(*)` })
          .from(visits)
          .innerJoin(companies, companyJoin)
          .where(where),
      ]);
      return {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          entity: 'visit' as const,
          id: r.id,
          company: r.name,
          kind: r.kind,
          day: r.day,
          at: r.at.toISOString(),
          value: null,
        })),
      };
    },
  };
}
