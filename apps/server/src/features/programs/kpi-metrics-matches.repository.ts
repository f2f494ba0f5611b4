import { companies, listings, matches, type TenantTx } from '@banso/db';
import { type MetricDefinition, ProgramId, type TenantId } from '@banso/shared';
import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { span, yearBucket, zeroes } from './kpi-metric-buckets.repository';
import type { KpiPeriod } from './kpi-period';
import type { KpiRecordRows } from './kpi-record-row';

export type MatchMetric = Extract<MetricDefinition, { entity: 'matches' }>;

/** The attributes of a group of matches that a metric's filters test. */
export interface MatchGroup {
  programId: ProgramId | null;
  origin: string;
  listingKind: string;
}

const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

/** Whether a metric counts a group: the same rules as `matchFilters` in SQL. */
export function acceptsMatchGroup(metric: MatchMetric, g: MatchGroup): boolean {
  const f = metric.filters;
  if (f.programId && g.programId !== f.programId) return false;
  if (given(f.origins) && !(f.origins as readonly string[]).includes(g.origin)) return false;
  if (given(f.listingKinds) && !(f.listingKinds as readonly string[]).includes(g.listingKind))
    return false;
  return true;
}

function matchFilters(metric: MatchMetric): SQL[] {
  const f = metric.filters;
  const where: SQL[] = [];
  if (f.programId) where.push(eq(matches.programId, ProgramId.parse(f.programId)));
  if (given(f.origins)) where.push(inArray(matches.origin, [...f.origins]));
  if (given(f.listingKinds)) where.push(inArray(listings.kind, [...f.listingKinds]));
  return where;
}

/** The day a stage was reached (an Asia/Tokyo day from the match's stage days). */
const stageDay = (stage: string) => sql`(${matches.stageDates} ->> ${stage})::date`;

function reachedIn(tenantId: TenantId, stage: string, p: { from: string; to: string }): SQL[] {
  return [
    eq(matches.tenantId, tenantId),
    isNotNull(sql`${matches.stageDates} ->> ${stage}`),
    sql`${stageDay(stage)} between ${p.from}::date and ${p.to}::date`,
  ];
}

const listingJoin = and(
  eq(listings.tenantId, matches.tenantId),
  eq(listings.id, matches.listingId),
) as SQL;

/** Metrics over matches: 成約件数, 製品化件数 and any other stage reached. */
export function createMatchMetricsRepository({ db, tenantId }: TenantTx) {
  return {
    /**
     * The values of many metrics for each of the periods (all of one basis): one grouped scan per
     * stage some metric counts; each metric adds up the groups it accepts.
     */
    async valuesMany(metrics: MatchMetric[], periods: KpiPeriod[]): Promise<Map<number, number>[]> {
      const results = zeroes(metrics.length, periods);
      if (periods.length === 0 || metrics.length === 0) return results;
      const whole = span(periods);
      for (const stage of new Set(metrics.map((m) => m.event))) {
        const groups = await db
          .select({
            year: yearBucket(stageDay(stage), 'day', whole.basis),
            programId: matches.programId,
            origin: matches.origin,
            listingKind: listings.kind,
            count: sql<string>`count(*)`,
          })
          .from(matches)
          .innerJoin(listings, listingJoin)
          .where(and(...reachedIn(tenantId, stage, whole)))
          .groupBy(sql`1, 2, 3, 4`);
        metrics.forEach((m, i) => {
          if (m.event !== stage) return;
          const result = results[i];
          for (const g of groups) {
            const year = Number(g.year);
            if (!result?.has(year) || !acceptsMatchGroup(m, g)) continue;
            result.set(year, (result.get(year) ?? 0) + Number(g.count));
          }
        });
      }
      return results;
    },

    /** The matches behind one period's value, by the day they reached the stage. */
    async records(metric: MatchMetric, period: KpiPeriod, limit: number): Promise<KpiRecordRows> {
      const where = and(...reachedIn(tenantId, metric.event, period), ...matchFilters(metric));
      const day = stageDay(metric.event);
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: matches.id,
            title: listings.title,
            company: companies.name,
            day: sql<string>`(${day})::text`,
          })
          .from(matches)
          .innerJoin(listings, listingJoin)
          .innerJoin(
            companies,
            and(eq(companies.tenantId, matches.tenantId), eq(companies.id, matches.companyId)),
          )
          .where(where)
          .orderBy(asc(day), asc(matches.id))
          .limit(limit),
        db
          .select({ n: sql<string>`count(*)` })
          .from(matches)
          .innerJoin(listings, listingJoin)
          .where(where),
      ]);
      return {
        total: Number(total?.n ?? 0),
        items: rows.map((r) => ({
          entity: 'match' as const,
          id: r.id,
          company: r.company,
          title: r.title,
          at: new Date(`${r.day}T00:00:00+09:00`).toISOString(),
          value: null,
        })),
      };
    },
  };
}
