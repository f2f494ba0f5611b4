import type { MetricDefinition } from '@banso/shared';

export type VisitMetric = Extract<MetricDefinition, { entity: 'visits' }>;

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

/** Whether a metric's company filters (company kind, municipality) accept a company. */
export function acceptsVisitCompany(
  metric: VisitMetric,
  c: { companyKind: string; municipalityCode: string | null },
): boolean {
  const f = metric.filters;
  if (given(f.companyKinds) && !(f.companyKinds as readonly string[]).includes(c.companyKind))
    return false;
  if (f.municipalityPrefix && !(c.municipalityCode ?? '').startsWith(f.municipalityPrefix))
    return false;
  return true;
}

/** Whether a metric counts a group: the same rules as `visitFilters` in SQL. */
export function acceptsVisitGroup(metric: VisitMetric, g: VisitGroup): boolean {
  const f = metric.filters;
  if (given(f.kinds) && !(f.kinds as readonly string[]).includes(g.kind)) return false;
  if (!acceptsVisitCompany(metric, g)) return false;
  if (given(f.categories) && !f.categories.some((c) => g.categories.includes(c))) return false;
  return true;
}
