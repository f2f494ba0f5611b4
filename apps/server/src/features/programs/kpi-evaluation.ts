import {
  type KpiDirection,
  type KpiYearResult,
  MetricDefinition,
  type ProgramAchievement,
} from '@banso/shared';

/**
 * A KPI's stored metric definition (jsonb), read. No definition: a manual KPI. A definition that
 * does not parse (written by another version, edited by hand) is `unreadable`: the KPI then has
 * no computed actuals, and the response reports it rather than passing it off as manual.
 */
export function readStoredMetric(value: unknown): {
  metric: MetricDefinition | null;
  unreadable: boolean;
} {
  if (value === null || value === undefined) return { metric: null, unreadable: false };
  const parsed = MetricDefinition.safeParse(value);
  return parsed.success
    ? { metric: parsed.data, unreadable: false }
    : { metric: null, unreadable: true };
}

/** 1 decimal, half away from zero (what a person checking by hand expects). */
export const round1 = (n: number) => (Math.sign(n) * Math.round(Math.abs(n) * 10)) / 10;

/**
 * Achievement of one KPI year. Increase KPIs: rate = actual ÷ plan, achieved when actual ≥ plan.
 * Decrease KPIs (lower is better): rate = plan ÷ actual, achieved when actual ≤ plan.
 * Without both figures there is nothing to judge (null). A zero denominator gives no rate.
 */
export function achievementOf(
  direction: KpiDirection,
  plan: number | null,
  actual: number | null,
): { achievementRate: number | null; achieved: boolean | null } {
  if (plan === null || actual === null) return { achievementRate: null, achieved: null };
  if (direction === 'decrease') {
    return {
      achievementRate: actual === 0 ? null : round1((plan / actual) * 100),
      achieved: actual <= plan,
    };
  }
  return {
    achievementRate: plan === 0 ? null : round1((actual / plan) * 100),
    achieved: actual >= plan,
  };
}

/**
 * One KPI year as reported: the manual actual wins over the computed one and is flagged as an
 * override; a computed actual is used when nothing was entered.
 */
export function evaluateKpiYear(
  direction: KpiDirection,
  year: { fy: number; plan: number | null; actual: number | null },
  computed: number | null,
): KpiYearResult {
  const manual = year.actual;
  const actual = manual ?? computed;
  return {
    fy: year.fy,
    plan: year.plan,
    actual,
    manualActual: manual,
    computedActual: computed,
    actualSource: manual !== null ? 'manual' : computed !== null ? 'computed' : null,
    overridden: manual !== null && computed !== null,
    ...achievementOf(direction, year.plan, actual),
  };
}

/** How many of a program's KPIs were achieved in one fiscal year. */
export function programAchievement(
  program: { id: string; name: string },
  fy: number,
  kpis: { years: KpiYearResult[] }[],
): ProgramAchievement {
  let evaluated = 0;
  let achieved = 0;
  for (const kpi of kpis) {
    const year = kpi.years.find((y) => y.fy === fy);
    if (!year || year.achieved === null) continue;
    evaluated += 1;
    if (year.achieved) achieved += 1;
  }
  return {
    programId: program.id,
    name: program.name,
    fy,
    evaluated,
    achieved,
    share: evaluated === 0 ? null : round1((achieved / evaluated) * 100),
  };
}
