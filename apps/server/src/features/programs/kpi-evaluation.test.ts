import { describe, expect, it } from 'vitest';
import {
  achievementOf,
  evaluateKpiYear,
  programAchievement,
  readStoredMetric,
} from './kpi-evaluation';
import { kpiPeriod } from './kpi-period';

describe('achievement', () => {
  it('divides actual by plan for increase KPIs, to one decimal', () => {
    expect(achievementOf('increase', 4, 6)).toEqual({ achievementRate: 150, achieved: true });
    expect(achievementOf('increase', 3, 2)).toEqual({ achievementRate: 66.7, achieved: false });
    expect(achievementOf('increase', 340, 568)).toEqual({ achievementRate: 167.1, achieved: true });
    expect(achievementOf('increase', 40, 40)).toEqual({ achievementRate: 100, achieved: true });
  });

  it('judges decrease KPIs the other way round', () => {
    expect(achievementOf('decrease', 10, 8)).toEqual({ achievementRate: 125, achieved: true });
    expect(achievementOf('decrease', 10, 12)).toEqual({ achievementRate: 83.3, achieved: false });
  });

  it('has nothing to judge without both figures, and no rate over zero', () => {
    expect(achievementOf('increase', null, 5)).toEqual({ achievementRate: null, achieved: null });
    expect(achievementOf('increase', 5, null)).toEqual({ achievementRate: null, achieved: null });
    expect(achievementOf('increase', 0, 0)).toEqual({ achievementRate: null, achieved: true });
    expect(achievementOf('increase', 1, 0)).toEqual({ achievementRate: 0, achieved: false });
  });

  it('uses a manual actual over a computed one and flags the override', () => {
    expect(evaluateKpiYear('increase', { fy: 2022, plan: 5, actual: 4 }, 3)).toMatchObject({
      actual: 4,
      actualSource: 'manual',
      overridden: true,
      computedActual: 3,
    });
    expect(evaluateKpiYear('increase', { fy: 2022, plan: 5, actual: null }, 3)).toMatchObject({
      actual: 3,
      actualSource: 'computed',
      overridden: false,
    });
    expect(evaluateKpiYear('increase', { fy: 2022, plan: 5, actual: 7 }, null)).toMatchObject({
      actual: 7,
      actualSource: 'manual',
      overridden: false,
    });
  });

  it('counts a program’s KPIs achieved in a year', () => {
    const kpis = [
      { years: [evaluateKpiYear('increase', { fy: 2022, plan: 4, actual: 6 }, null)] },
      { years: [evaluateKpiYear('increase', { fy: 2022, plan: 3, actual: 2 }, null)] },
      { years: [evaluateKpiYear('increase', { fy: 2022, plan: null, actual: 2 }, null)] },
      { years: [evaluateKpiYear('increase', { fy: 2021, plan: 1, actual: 2 }, null)] },
    ];
    expect(programAchievement({ id: 'p', name: 'n' }, 2022, kpis)).toMatchObject({
      evaluated: 2,
      achieved: 1,
      share: 50,
    });
  });
});

describe('KPI periods (Japan time)', () => {
  it('runs a fiscal year from April 1 00:00 JST to the next April 1', () => {
    const p = kpiPeriod('fiscal', 2022);
    expect([p.from, p.to]).toEqual(['2022-04-01', '2023-03-31']);
    expect(p.start.toISOString()).toBe('2022-03-31T15:00:00.000Z');
    expect(p.end.toISOString()).toBe('2023-03-31T15:00:00.000Z');
  });

  it('runs a calendar year from January 1 00:00 JST', () => {
    const p = kpiPeriod('calendar', 2022);
    expect([p.from, p.to]).toEqual(['2022-01-01', '2022-12-31']);
    expect(p.start.toISOString()).toBe('2021-12-31T15:00:00.000Z');
    expect(p.end.toISOString()).toBe('2022-12-31T15:00:00.000Z');
  });
});

describe('stored metric definitions', () => {
  const metric = { version: 1, entity: 'companies', aggregate: 'count', filters: {} };

  it('reads a valid definition, and no definition as a manual KPI', () => {
    // Defaults (the dated event) are filled in.
    expect(readStoredMetric(metric)).toMatchObject({ metric, unreadable: false });
    expect(readStoredMetric(null)).toEqual({ metric: null, unreadable: false });
    expect(readStoredMetric(undefined)).toEqual({ metric: null, unreadable: false });
  });

  it('marks a definition that does not parse as unreadable, not as absent', () => {
    for (const stored of [
      { ...metric, entity: 'patents' },
      { ...metric, aggregate: 'sum' },
      { ...metric, version: 2 },
      'companies',
      42,
    ])
      expect(readStoredMetric(stored), JSON.stringify(stored)).toEqual({
        metric: null,
        unreadable: true,
      });
  });
});
