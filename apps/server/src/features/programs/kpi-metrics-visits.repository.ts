import { companies, type Database, visitIssues, visits } from '@banso/db';
import type { MetricDefinition, VisitKind } from '@banso/shared';
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
import { escapeLike, span, yearBucket, zeroes } from './kpi-metric-buckets.repository';
import type { KpiPeriod } from './kpi-period';

export type VisitMetric = Extract<MetricDefinition, { entity: 'visits' }>;

/** How a visit's kind reads in a drill-down label (the words of the visit form). */
const KIND_LABELS: Record<VisitKind, string> = {
  caravan: '出張キャラバン訪問',
  follow_up: 'フォローアップ訪問',
  online: 'オンライン面談',
  phone: '電話',
  event: 'イベント',
};

/** The attributes of a group of visits that a metric's filters test. */
export interface VisitGroup {
  kind: string;
  companyKind: string;
  municipalityCode: string | null;
  /** Purpose categories and issue categories of the visits, together. */
  categories: string[];
}

const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

/** Whether a metric counts a group: the same rules as `visitFilters` in SQL. */
export function acceptsVisitGroup(metric: VisitMetric, g: VisitGroup): boolean {
  const f = metric.filters;
  if (given(f.kinds) && !(f.kinds as readonly string[]).includes(g.kind)) return false;
  if (given(f.companyKinds) && !(f.companyKinds as readonly string[]).includes(g.companyKind))
    return false;
  if (f.municipalityPrefix && !(g.municipalityCode ?? '').startsWith(f.municipalityPrefix))
    return false;
  if (given(f.categories) && !f.categories.some((c) => g.categories.includes(c))) return false;
  return true;
}

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
const visitPeriod = (tenantId: string, from: string, to: string): SQL[] => [
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
export function createVisitMetricsRepository(db: Database) {
  return {
    /**
     * The values of many metrics for each of the periods (all of one basis), from one scan: the
     * period's completed visits grouped by year and by every attribute a filter tests (and by
     * company when a metric counts companies); each metric adds up the groups it accepts
     * (`acceptsVisitGroup`, the same rules as the SQL of `records`).
     */
    async valuesMany(
      tenantId: string,
      metrics: VisitMetric[],
      periods: KpiPeriod[],
    ): Promise<Map<number, number>[]> {
      const results = zeroes(metrics.length, periods);
      if (periods.length === 0 || metrics.length === 0) return results;
      const { from, to, basis } = span(periods);
      const uses = (key: keyof VisitMetric['filters']) =>
        metrics.some((m) => {
          const value = m.filters[key];
          return Array.isArray(value) ? value.length > 0 : Boolean(value);
        });
      const categories = uses('categories')
        ? sql<
            string[]
          >`array(select distinct u.x from unnest(${visits.purposeCategories} || array(select ${visitIssues.category} from ${visitIssues} where ${visitIssues.tenantId} = ${visits.tenantId} and ${visitIssues.visitId} = ${visits.id})) as u(x) order by u.x)`
        : sql<string[]>`'{}'::text[]`;
      const groups = await db
        .select({
          year: yearBucket(visits.localDate, 'day', basis),
          kind: uses('kinds') ? visits.kind : sql<string>`''`,
          companyKind: uses('companyKinds') ? companies.kind : sql<string>`''`,
          municipalityCode: uses('municipalityPrefix')
            ? companies.municipalityCode
            : sql<string | null>`null::text`,
          categories,
          companyId: metrics.some((m) => m.count === 'companies')
            ? visits.companyId
            : sql<string | null>`null::uuid`,
          count: sql<string>`count(*)`,
        })
        .from(visits)
        .innerJoin(companies, companyJoin)
        .where(and(...visitPeriod(tenantId, from, to)))
        .groupBy(sql`1, 2, 3, 4, 5, 6`);
      const distinct = metrics.map(() => new Map<number, Set<string>>());
      for (const g of groups) {
        const year = Number(g.year);
        metrics.forEach((metric, i) => {
          const result = results[i];
          if (!result?.has(year) || !acceptsVisitGroup(metric, g)) return;
          if (metric.count === 'visits') {
            result.set(year, (result.get(year) ?? 0) + Number(g.count));
            return;
          }
          const seen = distinct[i]?.get(year) ?? new Set<string>();
          seen.add(g.companyId ?? '');
          distinct[i]?.set(year, seen);
          result.set(year, seen.size);
        });
      }
      return results;
    },

    /**
     * The records behind one period's value, oldest first (at most `limit`), and their count:
     * the visits, or for 訪問企業数 the companies (at their first counted visit).
     */
    async records(tenantId: string, metric: VisitMetric, period: KpiPeriod, limit: number) {
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
            label: `${r.name}（訪問${Number(r.visits)}件）`,
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
          label: `${r.name}　${KIND_LABELS[r.kind as VisitKind] ?? r.kind}　${r.day.replaceAll('-', '/')}`,
          at: r.at.toISOString(),
          value: null,
        })),
      };
    },
  };
}
