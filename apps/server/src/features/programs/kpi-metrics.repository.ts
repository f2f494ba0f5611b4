import type { Database } from '@banso/db';
import type { KpiRecord, MetricDefinition } from '@banso/shared';
import { zeroes } from './kpi-metric-buckets.repository';
import {
  type CompanyMetric,
  createCompanyMetricsRepository,
} from './kpi-metrics-companies.repository';
import {
  createFollowUpMetricsRepository,
  type FollowUpMetric,
} from './kpi-metrics-follow-ups.repository';
import { createVisitMetricsRepository, type VisitMetric } from './kpi-metrics-visits.repository';
import type { KpiPeriod } from './kpi-period';

/**
 * Computes metric values over Banso's records; the only place metrics touch the ORM. Each
 * entity (companies, visits, follow-ups) has its own repository; this one sends every metric
 * to its entity's and puts the answers back in order.
 */
export function createKpiMetricsRepository(db: Database) {
  const byEntity = {
    companies: createCompanyMetricsRepository(db),
    visits: createVisitMetricsRepository(db),
    follow_ups: createFollowUpMetricsRepository(db),
  };

  /** The metrics of one entity with their positions in the caller's list. */
  const pick = <M extends MetricDefinition>(
    metrics: MetricDefinition[],
    entity: M['entity'],
  ): { metric: M; i: number }[] =>
    metrics.flatMap((metric, i) => (metric.entity === entity ? [{ metric: metric as M, i }] : []));

  return {
    /**
     * The values of many metrics (of any entities) for each of the periods (all of one basis):
     * one grouped scan per entity (per dated event for follow-ups), not one per metric.
     */
    async valuesMany(
      tenantId: string,
      metrics: MetricDefinition[],
      periods: KpiPeriod[],
    ): Promise<Map<number, number>[]> {
      const results = zeroes(metrics.length, periods);
      const companies = pick<CompanyMetric>(metrics, 'companies');
      const visits = pick<VisitMetric>(metrics, 'visits');
      const followUps = pick<FollowUpMetric>(metrics, 'follow_ups');
      const answers = await Promise.all([
        byEntity.companies.valuesMany(
          tenantId,
          companies.map((c) => c.metric),
          periods,
        ),
        byEntity.visits.valuesMany(
          tenantId,
          visits.map((v) => v.metric),
          periods,
        ),
        byEntity.follow_ups.valuesMany(
          tenantId,
          followUps.map((f) => f.metric),
          periods,
        ),
      ]);
      [companies, visits, followUps].forEach((items, e) => {
        items.forEach(({ i }, k) => {
          const value = answers[e]?.[k];
          if (value) results[i] = value;
        });
      });
      return results;
    },

    /** One metric's value for each of the periods (all of one basis). */
    async values(
      tenantId: string,
      metric: MetricDefinition,
      periods: KpiPeriod[],
    ): Promise<Map<number, number>> {
      const [result] = await this.valuesMany(tenantId, [metric], periods);
      return result ?? new Map();
    },

    /** The records behind one period's value, oldest first (at most `limit`), and their count. */
    async records(
      tenantId: string,
      metric: MetricDefinition,
      period: KpiPeriod,
      limit: number,
    ): Promise<{ total: number; items: KpiRecord[] }> {
      switch (metric.entity) {
        case 'companies':
          return byEntity.companies.records(tenantId, metric, period, limit);
        case 'visits':
          return byEntity.visits.records(tenantId, metric, period, limit);
        case 'follow_ups':
          return byEntity.follow_ups.records(tenantId, metric, period, limit);
      }
    },
  };
}
