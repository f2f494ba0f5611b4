import { CompanyCreate, CompanyId, fieldErrorMessage } from '@banso/shared';
import { sql } from 'drizzle-orm';
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
  // JSIC 24xx/29xx, 川崎市中原区 (141330) / 麻生区 (141372) / 横浜市 (141003), capital in yen.
  await registerAt('c1', '2022-03-31T23:59:59', {
    kind: 'sme',
    employees: 1,
    jsicCode: '2421',
    capitalYen: 1_000_000,
  });
  await registerAt('c2', '2022-04-01T00:00:00', {
    kind: 'sme',
    employees: 10,
    jsicCode: '2421',
    municipalityCode: '141330',
    capitalYen: 10_000_000,
  });
  await registerAt('c3', '2022-12-31T23:59:59', {
    kind: 'sme',
    employees: 20,
    tags: ['福祉'],
    jsicCode: '2431',
    municipalityCode: '141372',
    capitalYen: 30_000_000,
  });
  await registerAt('c4', '2023-01-01T00:00:00', {
    kind: 'sme',
    employees: 30,
    jsicCode: '2911',
    municipalityCode: '141330',
  });
  await registerAt('c5', '2023-03-31T23:59:59', {
    kind: 'startup',
    employees: 40,
    jsicCode: '2422',
    municipalityCode: '141003',
    capitalYen: 5_000_000,
  });
  await registerAt('c6', '2023-04-01T00:00:00', {
    kind: 'sme',
    employees: 50,
    tags: ['福祉'],
    jsicCode: '2431',
    municipalityCode: '141330',
    capitalYen: 50_000_000,
  });
  await registerAt('c7', '2022-06-01T12:00:00', {
    kind: 'sme',
    employees: 70,
    jsicCode: '2421',
    municipalityCode: '141330',
    capitalYen: 70_000_000,
  });
  // An archived company no longer counts.
  await t.services.companies.archive(actor(), CompanyId.parse(ids.c7), 1);
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

  it('filters by JSIC prefix and municipality prefix, and sums capital (archived companies never count)', async () => {
    const values = (kpi: JsonBody) => kpi.years.map((y: { actual: number }) => y.actual);
    const metal = await createKpi({
      name: '金属製品製造業（JSIC 24）の新規登録',
      unit: '件',
      metric: companiesMetric({ filters: { jsicPrefix: '24' } }),
    });
    // FY2021: c1; FY2022: c2, c3, c5 (not c4: 2911; not c7: archived); FY2023: c6.
    expect(values(metal)).toEqual([1, 3, 1]);
    const narrower = await createKpi({
      name: 'JSIC 242 の新規登録',
      unit: '件',
      metric: companiesMetric({ filters: { jsicPrefix: '242' } }),
    });
    expect(values(narrower)).toEqual([1, 2, 0]);
    const nakahara = await createKpi({
      name: '中原区の新規登録',
      unit: '件',
      metric: companiesMetric({ filters: { municipalityPrefix: '14133' } }),
    });
    expect(values(nakahara)).toEqual([0, 2, 1]);
    const capital = await createKpi({
      name: '新規登録企業の資本金',
      unit: 'free',
      unitLabel: '円',
      metric: companiesMetric({ aggregate: 'sum', field: 'capitalYen' }),
    });
    // FY2022: 10M (c2) + 30M (c3) + none (c4) + 5M (c5).
    expect(values(capital)).toEqual([1_000_000, 45_000_000, 50_000_000]);
    const kawasakiCapital = await createKpi({
      name: '川崎市内の新規登録企業の資本金',
      unit: 'free',
      unitLabel: '円',
      metric: companiesMetric({
        aggregate: 'sum',
        field: 'capitalYen',
        filters: { municipalityPrefix: '1413', jsicPrefix: '24' },
      }),
    });
    expect(values(kawasakiCapital)).toEqual([0, 40_000_000, 50_000_000]);
    const drill = await t.request('GET', `/api/v1/kpis/${kawasakiCapital.id}/records?fy=2022`, {
      session: a,
    });
    const body = await drill.json();
    expect(body).toMatchObject({ value: 40_000_000, total: 2 });
    expect(body.items.map((r: { id: string; value: number }) => [r.id, r.value])).toEqual([
      [ids.c2, 10_000_000],
      [ids.c3, 30_000_000],
    ]);
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

  it('reports a stored metric that cannot be read on the KPI, instead of passing it off as manual', async () => {
    const kpi = await createKpi({
      name: '読めない集計方法',
      unit: '件',
      metric: companiesMetric({ filters: { kinds: ['sme'] } }),
      years: [{ fy: 2022, plan: 2 }],
    });
    expect(yearOf(kpi, 2022)).toMatchObject({ computedActual: 3, actualSource: 'computed' });
    expect(kpi).not.toHaveProperty('metricProblem');
    // A definition another version wrote (an entity this one does not know).
    await t.deps.db.execute(
      sql`update kpis set metric = ${JSON.stringify({ version: 2, entity: 'patents', aggregate: 'count', filters: {} })}::jsonb where id = ${kpi.id}`,
    );
    const problem = (locale: 'ja' | 'en') => ({
      field: 'metric',
      code: 'metric_unreadable',
      message: fieldErrorMessage('metric_unreadable')[locale],
    });
    const detail = await (
      await t.request('GET', `/api/v1/programs/${programId}`, { session: a })
    ).json();
    const read = detail.kpis.find((k: { id: string }) => k.id === kpi.id);
    expect(read.metric).toBeNull();
    expect(read.metricProblem).toEqual(problem('ja'));
    // No computed figure, not a computed zero: the year shows only its plan.
    expect(yearOf(read, 2022)).toMatchObject({
      plan: 2,
      actual: null,
      computedActual: null,
      actualSource: null,
      achieved: null,
    });
    // KPIs whose metric reads carry no problem.
    expect(
      detail.kpis.filter((k: { metricProblem?: unknown }) => k.metricProblem !== undefined),
    ).toHaveLength(1);
    const en = await (
      await t.request('GET', `/api/v1/kpis/${kpi.id}`, {
        session: a,
        headers: { 'accept-language': 'en' },
      })
    ).json();
    expect(en.metricProblem).toEqual(problem('en'));
    const drill = await t.request('GET', `/api/v1/kpis/${kpi.id}/records?fy=2022`, {
      session: a,
    });
    expect(drill.status).toBe(404);
    expect((await drill.json()).detail).toBe(fieldErrorMessage('metric_unreadable').ja);
    // Setting the metric again clears it.
    const fixed = await t.request('PATCH', `/api/v1/kpis/${kpi.id}`, {
      session: a,
      json: { version: kpi.version, metric: companiesMetric({ filters: { kinds: ['sme'] } }) },
    });
    expect(fixed.status).toBe(200);
    const body = await fixed.json();
    expect(body).not.toHaveProperty('metricProblem');
    expect(yearOf(body, 2022)).toMatchObject({ computedActual: 3 });
  });
});
