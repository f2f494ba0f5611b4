import { CompanyCreate } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context';
import { buildCompany } from '../../testing/factories';
import {
  createTestApp,
  type JsonBody,
  type TestApp,
  type TestSession,
} from '../../testing/test-app';

/**
 * Computed actuals: companies registered across the fiscal-year boundary (3/31 vs 4/1 in
 * Japan time) and the calendar-year boundary, counted by fiscal and calendar KPIs.
 */

/** Real time, except while a company is being registered "at" a chosen instant. */
let clock: Date | null = null;
let t: TestApp;
let a: TestSession;
let programId: string;
const ids: Record<string, string> = {};

const actor = (): Actor => ({
  tenantId: a.tenantId,
  userId: a.userId,
  role: 'admin',
  label: 'test',
  via: 'cli',
});

/** Registers a company "at" a Japan-time instant (the service's clock is set to it). */
async function registerAt(key: string, jst: string, overrides: Partial<CompanyCreate> = {}) {
  clock = new Date(`${jst}+09:00`);
  try {
    const row = await t.services.companies.create(
      actor(),
      CompanyCreate.parse(buildCompany({ name: `集計テスト${key}`, ...overrides })),
    );
    ids[key] = row.id;
  } finally {
    clock = null;
  }
}

const createKpi = async (body: Record<string, unknown>) => {
  const res = await t.request('POST', `/api/v1/programs/${programId}/kpis`, {
    session: a,
    json: body,
  });
  expect(res.status).toBe(201);
  return res.json();
};

const yearOf = (kpi: JsonBody, fy: number) => kpi.years.find((y: { fy: number }) => y.fy === fy);

beforeAll(async () => {
  t = await createTestApp({ now: () => clock ?? new Date() });
  a = await t.createOrganization('kawasaki');
  await registerAt('c1', '2022-03-31T23:59:59', { kind: 'sme', employees: 1 });
  await registerAt('c2', '2022-04-01T00:00:00', { kind: 'sme', employees: 10 });
  await registerAt('c3', '2022-12-31T23:59:59', { kind: 'sme', employees: 20, tags: ['福祉'] });
  await registerAt('c4', '2023-01-01T00:00:00', { kind: 'sme', employees: 30 });
  await registerAt('c5', '2023-03-31T23:59:59', { kind: 'startup', employees: 40 });
  await registerAt('c6', '2023-04-01T00:00:00', { kind: 'sme', employees: 50, tags: ['福祉'] });
  await registerAt('c7', '2022-06-01T12:00:00', { kind: 'sme', employees: 70 });
  // An archived company no longer counts.
  await t.services.companies.archive(actor(), ids.c7 ?? '', 1);
  const p = await t.request('POST', '/api/v1/programs', {
    session: a,
    json: { name: '集計テスト事業', fromFy: 2021, toFy: 2023 },
  });
  programId = (await p.json()).id;
});
afterAll(() => t.close());

const companiesMetric = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  entity: 'companies',
  aggregate: 'count',
  filters: {},
  ...extra,
});

describe('computed KPI actuals', () => {
  it('counts by fiscal year in Japan time: 3/31 23:59 is the old year, 4/1 00:00 the new one', async () => {
    const kpi = await createKpi({
      name: '新規登録の中小企業数',
      unit: '件',
      metric: companiesMetric({ filters: { kinds: ['sme'] } }),
      years: [{ fy: 2022, plan: 2 }],
    });
    expect(kpi.years.map((y: { fy: number; actual: number }) => [y.fy, y.actual])).toEqual([
      [2021, 1],
      [2022, 3],
      [2023, 1],
    ]);
    expect(yearOf(kpi, 2022)).toMatchObject({
      computedActual: 3,
      manualActual: null,
      actualSource: 'computed',
      overridden: false,
      achieved: true,
      achievementRate: 150,
    });
  });

  it('counts by calendar year (January–December) when the KPI says so', async () => {
    const kpi = await createKpi({
      name: '新規登録の企業数（暦年）',
      unit: '件',
      basis: 'calendar',
      metric: companiesMetric(),
    });
    expect(kpi.years.map((y: { fy: number; actual: number }) => [y.fy, y.actual])).toEqual([
      [2021, 0],
      [2022, 3],
      [2023, 3],
    ]);
  });

  it('sums a field and filters by tag', async () => {
    const sum = await createKpi({
      name: '新規登録企業の従業員数',
      unit: '人',
      metric: companiesMetric({ aggregate: 'sum', field: 'employees' }),
    });
    expect(yearOf(sum, 2022)?.actual).toBe(10 + 20 + 30 + 40);
    const tagged = await createKpi({
      name: '福祉分野の新規登録',
      unit: '件',
      metric: companiesMetric({ filters: { tagsAll: ['福祉'] } }),
    });
    expect(tagged.years.map((y: { actual: number }) => y.actual)).toEqual([0, 1, 1]);
    const noField = await t.request('POST', `/api/v1/programs/${programId}/kpis`, {
      session: a,
      json: { name: 'x', unit: '人', metric: companiesMetric({ aggregate: 'sum' }) },
    });
    expect(noField.status).toBe(422);
    expect((await noField.json()).errors[0]).toMatchObject({
      field: 'metric.field',
      code: 'metric_field_required',
    });
  });

  it('lets a manual actual override the computed one, flagged, and the report marks it', async () => {
    const kpi = await createKpi({
      name: '上書きされるKPI',
      unit: '件',
      metric: companiesMetric({ filters: { kinds: ['sme'] } }),
      years: [{ fy: 2022, plan: 5, actual: 4 }],
    });
    expect(yearOf(kpi, 2022)).toMatchObject({
      actual: 4,
      manualActual: 4,
      computedActual: 3,
      actualSource: 'manual',
      overridden: true,
      achieved: false,
      achievementRate: 80,
    });
    expect(yearOf(kpi, 2023)).toMatchObject({
      actual: 1,
      actualSource: 'computed',
      overridden: false,
    });

    const csv = await t.request(
      'GET',
      `/api/v1/reports/kpi?fy=2022&programs=${programId}&format=csv`,
      {
        session: a,
      },
    );
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const line = text
      .split('\r\n')
      .find((l) => l.includes('上書きされるKPI') && l.includes(',2022,'));
    expect(line).toContain(',5,4,手入力（上書き）,未達成');
    const computedLine = text
      .split('\r\n')
      .find((l) => l.includes('新規登録の中小企業数') && l.includes(',2022,'));
    expect(computedLine).toContain(',2,3,自動集計,達成');
  });

  it('drills down to the records behind a computed value', async () => {
    const kpi = await createKpi({
      name: 'ドリルダウン',
      unit: '件',
      metric: companiesMetric({ filters: { kinds: ['sme'] } }),
    });
    const res = await t.request('GET', `/api/v1/kpis/${kpi.id}/records?fy=2022`, { session: a });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      fy: 2022,
      basis: 'fiscal',
      period: { from: '2022-04-01', to: '2023-03-31' },
      value: 3,
      total: 3,
    });
    expect(body.items.map((r: { id: string }) => r.id)).toEqual([ids.c2, ids.c3, ids.c4]);
    expect(body.items[0]).toMatchObject({ entity: 'company', label: '集計テストc2' });
    const manual = await createKpi({ name: '手入力のみ', unit: '件' });
    const none = await t.request('GET', `/api/v1/kpis/${manual.id}/records?fy=2022`, {
      session: a,
    });
    expect(none.status).toBe(404);
  });
});
