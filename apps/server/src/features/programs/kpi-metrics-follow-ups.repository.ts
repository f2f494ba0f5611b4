import { companies, escapeLike, followUps, type TenantTx, visits } from '@banso/db';
import type { MetricDefinition, TenantId } from '@banso/shared';
import { and, asc, eq, gte, inArray, like, lt, lte, type SQL, sql } from 'drizzle-orm';
import { span, yearBucket, zeroes } from './kpi-metric-buckets.repository';
import type { KpiPeriod } from './kpi-period';
import type { KpiRecordRows } from './kpi-record-row';

export type FollowUpMetric = Extract<MetricDefinition, { entity: 'follow_ups' }>;
type FollowUpEvent = FollowUpMetric['event'];

/** The attributes of a group of follow-ups that a metric's filters test. */
export interface FollowUpGroup {
  status: string;
  visitKind: string;
  companyKind: string;
  municipalityCode: string | null;
}

const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

/** Whether a metric counts a group: the same rules as `followUpFilters` in SQL. */
export function acceptsFollowUpGroup(metric: FollowUpMetric, g: FollowUpGroup): boolean {
  const f = metric.filters;
  if (f.status && g.status !== f.status) return false;
  if (given(f.visitKinds) && !(f.visitKinds as readonly string[]).includes(g.visitKind))
    return false;
  if (given(f.companyKinds) && !(f.companyKinds as readonly string[]).includes(g.companyKind))
    return false;
  if (f.municipalityPrefix && !(g.municipalityCode ?? '').startsWith(f.municipalityPrefix))
    return false;
  return true;
}

function followUpFilters(metric: FollowUpMetric): SQL[] {
  const where: SQL[] = [];
  const f = metric.filters;
  if (f.status) where.push(eq(followUps.status, f.status));
  if (given(f.visitKinds)) where.push(inArray(visits.kind, [...f.visitKinds]));
  if (given(f.companyKinds)) where.push(inArray(companies.kind, [...f.companyKinds]));
  if (f.municipalityPrefix)
    where.push(like(companies.municipalityCode, `${escapeLike(f.municipalityPrefix)}%`));
  return where;
}

/**
 * Follow-ups of the tenant's completed visits whose event falls in the span: created in
 * [start, end), or done with a completion day from…to.
 */
function followUpPeriod(
  tenantId: TenantId,
  event: FollowUpEvent,
  p: { start: Date; end: Date; from: string; to: string },
): SQL[] {
  const base = [eq(followUps.tenantId, tenantId), eq(visits.status, 'completed')];
  return event === 'created'
    ? [...base, gte(followUps.createdAt, p.start), lt(followUps.createdAt, p.end)]
    : [
        ...base,
        eq(followUps.status, 'done'),
        gte(followUps.completedOn, p.from),
        lte(followUps.completedOn, p.to),
      ];
}

const visitJoin = and(
  eq(visits.tenantId, followUps.tenantId),
  eq(visits.id, followUps.visitId),
) as SQL;
const companyJoin = and(
  eq(companies.tenantId, followUps.tenantId),
  eq(companies.id, followUps.companyId),
) as SQL;

/** Metrics over follow-ups: フォローアップ件数 by creation or completion. */
export function createFollowUpMetricsRepository({ db, tenantId }: TenantTx) {
  return {
    /**
     * The values of many metrics for each of the periods (all of one basis): one grouped scan
     * per dated event (created, completed) that some metric uses; each metric adds up the groups
     * it accepts (`acceptsFollowUpGroup`, the same rules as the SQL of `records`).
     */
    async valuesMany(
      metrics: FollowUpMetric[],
      periods: KpiPeriod[],
    ): Promise<Map<number, number>[]> {
      const results = zeroes(metrics.length, periods);
      if (periods.length === 0 || metrics.length === 0) return results;
      const whole = span(periods);
      for (const event of ['created', 'completed'] as const) {
        const mine = metrics.flatMap((m, i) => (m.event === event ? [{ m, i }] : []));
        if (mine.length === 0) continue;
        const dated = event === 'created' ? followUps.createdAt : followUps.completedOn;
        const groups = await db
          .select({
            year: yearBucket(dated, event === 'created' ? 'instant' : 'day', whole.basis),
            status: followUps.status,
            visitKind: visits.kind,
            companyKind: companies.kind,
            municipalityCode: companies.municipalityCode,
            count: sql<string>`count(*)`,
          })
          .from(followUps)
          .innerJoin(visits, visitJoin)
          .innerJoin(companies, companyJoin)
          .where(and(...followUpPeriod(tenantId, event, whole)))
          .groupBy(sql`1, 2, 3, 4, 5`);
        for (const g of groups) {
          const year = Number(g.year);
          for (const { m, i } of mine) {
            const result = results[i];
            if (!result?.has(year) || !acceptsFollowUpGroup(m, g)) continue;
            result.set(year, (result.get(year) ?? 0) + Number(g.count));
          }
        }
      }
      return results;
    },

    /** The follow-ups behind one period's value, oldest event first (at most `limit`). */
    async records(
      metric: FollowUpMetric,
      period: KpiPeriod,
      limit: number,
    ): Promise<KpiRecordRows> {
      const where = and(
        ...followUpPeriod(tenantId, metric.event, period),
        ...followUpFilters(metric),
      );
      const order = metric.event === 'created' ? followUps.createdAt : followUps.completedOn;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: followUps.id,
            title: followUps.title,
            createdAt: followUps.createdAt,
            completedOn: followUps.completedOn,
            name: companies.name,
          })
          .from(followUps)
          .innerJoin(visits, visitJoin)
          .innerJoin(companies, companyJoin)
          .where(where)
          .orderBy(asc(order), asc(followUps.id))
          .limit(limit),
        db
          .select({ n: sql<string>`count(*)` })
          .from(followUps)
          .innerJoin(visits, visitJoin)
          .innerJoin(companies, companyJoin)
          .where(where),
      ]);
      return {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          entity: 'follow_up' as const,
          id: r.id,
          company: r.name,
          title: r.title,
          at:
            metric.event === 'completed' && r.completedOn
              ? new Date(`${r.completedOn}T00:00:00+09:00`).toISOString()
              : r.createdAt.toISOString(),
          value: null,
        })),
      };
    },
  };
}
