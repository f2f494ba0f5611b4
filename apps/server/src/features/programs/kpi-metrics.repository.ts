import type { TenantTx } from '@banso/db';
import type { CountingBasis, MetricDefinition } from '@banso/shared';
import {
  type CompanyMetric,
  createCompanyMetricsRepository,
} from './kpi-metrics-companies.repository';
import {
  createFollowUpMetricsRepository,
  type FollowUpMetric,
} from './kpi-metrics-follow-ups.repository';
import { createMatchMetricsRepository, type MatchMetric } from './kpi-metrics-matches.repository';
import { createVisitMetricsRepository, type VisitMetric } from './kpi-metrics-visits.repository';
import { type KpiPeriod, kpiPeriod } from './kpi-period';
import type { KpiRecordRows } from './kpi-record-row';

/** A metric with the counting basis of its KPI. */
export interface MetricItem {
  metric: MetricDefinition;
  basis: CountingBasis;
}

/**
 * Computes metric values over Banso's records; the only place metrics touch the ORM. Each
 * entity (companies, visits, follow-ups, matches) has its own repository; this one sends every metric
 * to its entity's and puts the answers back in order.
 */
export function createKpiMetricsRepository(t: TenantTx) {
  const byEntity = {
    companies: createCompanyMetricsRepository(t),
    visits: createVisitMetricsRepository(t),
    follow_ups: createFollowUpMetricsRepository(t),
    matches: createMatchMetricsRepository(t),
  };

  /** The metrics of one entity with their positions in the caller's list. */
  const pick = <M extends MetricDefinition>(
    items: { metric: MetricDefinition; basis: CountingBasis; i?: number }[],
    entity: M['entity'],
  ): { metric: M; basis: CountingBasis; i: number }[] =>
    items.flatMap((item, k) =>
      item.metric.entity === entity
        ? [{ metric: item.metric as M, basis: item.basis, i: item.i ?? k }]
        : [],
    );

  return {
    /**
     * The values of many metrics (of any entities and either counting basis) for each of the
     * years: per entity one grouped scan (per basis and dated event for companies and
     * follow-ups; visits of both bases together), not one per metric.
     */
    async valuesMany(items: MetricItem[], fys: number[]): Promise<Map<number, number>[]> {
      const results = items.map(() => new Map<number, number>(fys.map((fy) => [fy, 0])));
      const put = (positions: number[], answers: Map<number, number>[]) =>
        positions.forEach((i, k) => {
          const value = answers[k];
          if (value) results[i] = value;
        });
      const indexed = items.map((item, i) => ({ ...item, i }));
      const visits = pick<VisitMetric>(indexed, 'visits');
      const work: Promise<void>[] = [
        byEntity.visits
          .valuesMany(
            visits.map(({ metric, basis }) => ({ metric, basis })),
            fys,
          )
          .then((answers) =>
            put(
              visits.map((v) => v.i),
              answers,
            ),
          ),
      ];
      for (const basis of ['fiscal', 'calendar'] as const) {
        const periods = fys.map((fy) => kpiPeriod(basis, fy));
        const ofBasis = indexed.filter((item) => item.basis === basis);
        const companies = pick<CompanyMetric>(ofBasis, 'companies');
        const followUps = pick<FollowUpMetric>(ofBasis, 'follow_ups');
        const matchMetrics = pick<MatchMetric>(ofBasis, 'matches');
        if (matchMetrics.length > 0)
          work.push(
            byEntity.matches
              .valuesMany(
                matchMetrics.map((m) => m.metric),
                periods,
              )
              .then((answers) =>
                put(
                  matchMetrics.map((m) => m.i),
                  answers,
                ),
              ),
          );
        if (companies.length > 0)
          work.push(
            byEntity.companies
              .valuesMany(
                companies.map((c) => c.metric),
                periods,
              )
              .then((answers) =>
                put(
                  companies.map((c) => c.i),
                  answers,
                ),
              ),
          );
        if (followUps.length > 0)
          work.push(
            byEntity.follow_ups
              .valuesMany(
                followUps.map((f) => f.metric),
                periods,
              )
              .then((answers) =>
                put(
                  followUps.map((f) => f.i),
                  answers,
                ),
              ),
          );
      }
      await Promise.all(work);
      return results;
    },

    /** One metric's value for each of the periods (all of one basis). */
    async values(metric: MetricDefinition, periods: KpiPeriod[]): Promise<Map<number, number>> {
      const basis = periods[0]?.basis ?? 'fiscal';
      const [result] = await this.valuesMany(
        [{ metric, basis }],
        periods.map((p) => p.fy),
      );
      return result ?? new Map();
    },

    /** The records behind one period's value, oldest first (at most `limit`), and their count. */
    async records(
      metric: MetricDefinition,
      period: KpiPeriod,
      limit: number,
    ): Promise<KpiRecordRows> {
      switch (metric.entity) {
        case 'companies':
          return byEntity.companies.records(metric, period, limit);
        case 'visits':
          return byEntity.visits.records(metric, period, limit);
        case 'follow_ups':
          return byEntity.follow_ups.records(metric, period, limit);
        case 'matches':
          return byEntity.matches.records(metric, period, limit);
      }
    },
  };
}
