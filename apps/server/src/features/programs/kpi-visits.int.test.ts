import { CompanyId, FollowUpComplete, FollowUpId, VisitCreate, VisitId } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import {
  adminActorOf,
  createTestApp,
  type JsonBody,
  type TestApp,
  type TestSession,
} from '../../testing/test-app';

/**
 * Computed actuals over the caravan's records: completed visits across the fiscal-year boundary
 * (3/31 vs 4/1 in Japan time) and the calendar-year boundary (12/31 vs 1/1), distinct companies,
 * categories, follow-ups created and completed, drafts and another tenant's records.
 */

/** Real time, except while a visit is being recorded "at" a chosen instant. */
let clock: Date | null = null;
let t: TestApp;
let a: TestSession;
let b: TestSession;
let fiscalProgram: string;
const companies: Record<string, string> = {};
const visits: Record<string, string> = {};
const followUps: Record<string, string> = {};
const leads: Record<string, string> = {};

const actorOf = adminActorOf;

async function company(s: TestSession, key: string, overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/v1/companies', {
    session: s,
    json: buildCompany({ name: `訪問集計${key}`, ...overrides }),
  });
  expect(res.status).toBe(201);
  companies[key] = (await res.json()).id;
}

/** Records a visit that started at a Japan-time instant (the service's clock is set to it). */
async function visitAt(
  s: TestSession,
  key: string,
  companyKey: string,
  jst: string,
  overrides: Record<string, unknown> = {},
) {
  clock = new Date(`${jst}+09:00`);
  try {
    const visit = await t.services.visits.create(
      actorOf(s),
      VisitCreate.parse({
        companyId: companies[companyKey],
        startsAt: `${jst}+09:00`,
        kind: 'caravan',
        status: 'completed',
        team: [{ supporterId: leads[s.tenantId], role: 'lead' }],
        ...overrides,
      }),
    );
    visits[key] = visit.id;
    visit.followUps.forEach((f, i) => {
      followUps[`${key}.${i}`] = f.id;
    });
    return visit;
  } finally {
    clock = null;
  }
}

const createKpi = async (body: Record<string, unknown>, programId = fiscalProgram) => {
  const res = await t.request('POST', `/api/v1/programs/${programId}/kpis`, {
    session: a,
    json: body,
  });
  expect(res.status).toBe(201);
  return res.json();
};

const actuals = (kpi: JsonBody) =>
  kpi.years.map((y: { fy: number; actual: number }) => [y.fy, y.actual]);

const records = async (kpiId: string, fy: number) => {
  const res = await t.request('GET', `/api/v1/kpis/${kpiId}/records?fy=${fy}`, { session: a });
  expect(res.status).toBe(200);
  return res.json();
};

const visitMetric = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  entity: 'visits',
  aggregate: 'count',
  ...extra,
});

const followUpMetric = (extra: Record<string, unknown> = {}) => ({
  version: 1,
  entity: 'follow_ups',
  aggregate: 'count',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp({ now: () => clock ?? new Date() });
  a = await t.createOrganization('kawasaki-kpi-visits');
  b = await t.createOrganization('utsunomiya-kpi-visits');
  for (const s of [a, b]) {
    const res = await t.request('POST', '/api/v1/supporters', {
      session: s,
      json: { name: '市職員 集計', kind: 'staff' },
    });
    expect(res.status).toBe(201);
    leads[s.tenantId] = (await res.json()).id;
  }
  await company(a, 'A', { kind: 'sme', municipalityCode: '141330' });
  await company(a, 'B', { kind: 'startup', municipalityCode: '141372' });
  await company(a, 'X', { kind: 'sme' });
  await company(b, 'other', { kind: 'sme' });

  // FY2025 (令和7年度) ends 2026-03-31 24:00 JST; FY2026 starts at 2026-04-01 00:00 JST.
  await visitAt(a, 'v1', 'A', '2026-03-31T23:30:00', {
    purposeCategories: ['販路開拓'],
    followUps: [{ title: '展示会の案内を送る' }],
  });
  await visitAt(a, 'v2', 'A', '2026-04-01T00:30:00', {
    issues: [{ category: '事業承継', raisedBy: 'owner', description: '後継者が決まっていない' }],
    followUps: [{ title: '事業承継の専門家を紹介する' }],
  });
  // The calendar-year boundary, both in FY2025.
  await visitAt(a, 'v3', 'B', '2025-12-31T23:59:00', { kind: 'online' });
  await visitAt(a, 'v4', 'B', '2026-01-01T00:00:00', { kind: 'phone' });
  // A draft (planned, or not yet written up) never counts, nor do its follow-ups.
  await visitAt(a, 'v5', 'A', '2025-06-10T10:00:00', {
    status: 'draft',
    followUps: [{ title: '下書きのフォローアップ' }],
  });
  // A visit to a company archived later still counts: the visit happened.
  await visitAt(a, 'v6', 'X', '2026-05-01T10:00:00', { purposeCategories: ['事業承継'] });
  await t.services.companies.archive(actorOf(a), CompanyId.parse(companies.X), 1);
  // Another tenant's visit and follow-up in the same years.
  await visitAt(b, 'other', 'other', '2025-07-01T10:00:00', {
    purposeCategories: ['事業承継'],
    followUps: [{ title: '他団体のフォローアップ' }],
  });
  // The follow-up of v1 (created in FY2025) is completed on the first day of FY2026.
  const [f1] = (await t.services.visits.get(actorOf(a), VisitId.parse(visits.v1))).followUps;
  await t.services.followUps.complete(
    actorOf(a),
    FollowUpId.parse(f1?.id),
    FollowUpComplete.parse({ version: f1?.version, completedOn: '2026-04-01' }),
  );
  await t.services.followUps.complete(
    actorOf(b),
    FollowUpId.parse(followUps['other.0']),
    FollowUpComplete.parse({ version: 1, completedOn: '2026-04-02' }),
  );

  const p = await t.request('POST', '/api/v1/programs', {
    session: a,
    json: { name: '出張キャラバン事業', fromFy: 2025, toFy: 2026 },
  });
  fiscalProgram = (await p.json()).id;
});
afterAll(() => t.close());

describe('KPI actuals computed from visits', () => {
  it('counts completed visits by fiscal year in Japan time: 3/31 23:30 is FY2025, 4/1 00:30 FY2026', async () => {
    const kpi = await createKpi({
      name: '訪問件数',
      unit: '件',
      metric: visitMetric(),
      years: [{ fy: 2025, plan: 3 }],
    });
    expect(kpi.metric).toMatchObject({ count: 'visits', event: 'visited', filters: {} });
    // FY2025: v1 (3/31), v3, v4; FY2026: v2 (4/1), v6 (archived company). Not the draft v5,
    // not the other tenant's visit.
    expect(actuals(kpi)).toEqual([
      [2025, 3],
      [2026, 2],
    ]);
    expect(kpi.years[0]).toMatchObject({
      computedActual: 3,
      actualSource: 'computed',
      overridden: false,
      achieved: true,
    });
  });

  it('counts by calendar year: 12/31 23:59 is the old year, 1/1 00:00 the new one', async () => {
    const kpi = await createKpi({
      name: '訪問件数（暦年）',
      unit: '件',
      basis: 'calendar',
      metric: visitMetric(),
    });
    // 2025: v3 (12/31 23:59); 2026: v4 (1/1 00:00), v1, v2, v6.
    expect(actuals(kpi)).toEqual([
      [2025, 1],
      [2026, 4],
    ]);
  });

  it('counts distinct companies visited', async () => {
    const kpi = await createKpi({
      name: '訪問企業数',
      unit: '件',
      metric: visitMetric({ count: 'companies' }),
    });
    // FY2025: A (v1) and B (v3, v4); FY2026: A (v2) and X (v6).
    expect(actuals(kpi)).toEqual([
      [2025, 2],
      [2026, 2],
    ]);
    const body = await records(kpi.id, 2025);
    expect(body).toMatchObject({ value: 2, total: 2 });
    expect(body.items.map((r: { entity: string; id: string }) => [r.entity, r.id])).toEqual([
      ['company', companies.B],
      ['company', companies.A],
    ]);
    expect(body.items[0].label).toBe('訪問集計B（訪問2件）');
    expect(body.items[0].at).toBe(new Date('2025-12-31T23:59:00+09:00').toISOString());
  });

  it('filters by category (purpose or issue, any of), visit kind and company kind', async () => {
    const succession = await createKpi({
      name: '事業承継に関する訪問',
      unit: '件',
      metric: visitMetric({ filters: { categories: ['事業承継'] } }),
    });
    // v2 has the issue 事業承継, v6 the purpose 事業承継; the other tenant's does not count.
    expect(actuals(succession)).toEqual([
      [2025, 0],
      [2026, 2],
    ]);
    const twoCategories = await createKpi({
      name: '販路開拓または事業承継',
      unit: '件',
      metric: visitMetric({ filters: { categories: ['販路開拓', '事業承継'] } }),
    });
    expect(actuals(twoCategories)).toEqual([
      [2025, 1],
      [2026, 2],
    ]);
    const drill = await records(succession.id, 2026);
    expect(drill.items.map((r: { id: string }) => r.id)).toEqual([visits.v2, visits.v6]);

    const noPhone = await createKpi({
      name: '訪問件数（電話を除く）',
      unit: '件',
      metric: visitMetric({ filters: { kinds: ['caravan', 'online', 'follow_up', 'event'] } }),
    });
    expect(actuals(noPhone)).toEqual([
      [2025, 2],
      [2026, 2],
    ]);
    const startups = await createKpi({
      name: 'スタートアップ訪問',
      unit: '件',
      metric: visitMetric({ filters: { companyKinds: ['startup'] } }),
    });
    expect(actuals(startups)).toEqual([
      [2025, 2],
      [2026, 0],
    ]);
  });

  it('lets a manual actual win over the computed one, flagged', async () => {
    const kpi = await createKpi({
      name: '訪問件数（手入力あり）',
      unit: '件',
      metric: visitMetric(),
      years: [{ fy: 2025, plan: 5, actual: 4 }],
    });
    expect(kpi.years[0]).toMatchObject({
      fy: 2025,
      actual: 4,
      manualActual: 4,
      computedActual: 3,
      actualSource: 'manual',
      overridden: true,
      achieved: false,
    });
    expect(kpi.years[1]).toMatchObject({
      fy: 2026,
      actual: 2,
      actualSource: 'computed',
      overridden: false,
    });
  });

  it('drills down to exactly the counted visits, oldest first', async () => {
    const kpi = await createKpi({ name: '訪問件数（内訳）', unit: '件', metric: visitMetric() });
    const fy2025 = await records(kpi.id, 2025);
    expect(fy2025).toMatchObject({
      fy: 2025,
      basis: 'fiscal',
      period: { from: '2025-04-01', to: '2026-03-31' },
      value: 3,
      total: 3,
    });
    expect(fy2025.items.map((r: { id: string }) => r.id)).toEqual([
      visits.v3,
      visits.v4,
      visits.v1,
    ]);
    expect(fy2025.items[2]).toMatchObject({
      entity: 'visit',
      label: '訪問集計A　出張キャラバン　2026/03/31',
      at: new Date('2026-03-31T23:30:00+09:00').toISOString(),
      value: null,
    });
    const fy2026 = await records(kpi.id, 2026);
    expect(fy2026.items.map((r: { id: string }) => r.id)).toEqual([visits.v2, visits.v6]);

    const calendar = await createKpi({
      name: '訪問件数（暦年・内訳）',
      unit: '件',
      basis: 'calendar',
      metric: visitMetric(),
    });
    const cy2025 = await records(calendar.id, 2025);
    expect(cy2025).toMatchObject({ period: { from: '2025-01-01', to: '2025-12-31' }, total: 1 });
    expect(cy2025.items.map((r: { id: string }) => r.id)).toEqual([visits.v3]);
  });

  it("never counts another tenant's visits or follow-ups", async () => {
    // Tenant b sees its own single visit; a's metrics above never included it.
    const p = await t.request('POST', '/api/v1/programs', {
      session: b,
      json: { name: '他団体の事業', fromFy: 2025, toFy: 2026 },
    });
    const res = await t.request('POST', `/api/v1/programs/${(await p.json()).id}/kpis`, {
      session: b,
      json: {
        name: '訪問件数',
        unit: '件',
        metric: visitMetric({ filters: { categories: ['事業承継'] } }),
      },
    });
    const kpi = await res.json();
    expect(actuals(kpi)).toEqual([
      [2025, 1],
      [2026, 0],
    ]);
    const done = await t.request('POST', `/api/v1/programs/${kpi.programId}/kpis`, {
      session: b,
      json: { name: '完了', unit: '件', metric: followUpMetric({ event: 'completed' }) },
    });
    expect(actuals(await done.json())).toEqual([
      [2025, 0],
      [2026, 1],
    ]);
    // And a's drill-down cannot be read by b.
    const mine = await createKpi({ name: '訪問件数（非公開）', unit: '件', metric: visitMetric() });
    const foreign = await t.request('GET', `/api/v1/kpis/${mine.id}/records?fy=2025`, {
      session: b,
    });
    expect(foreign.status).toBe(404);
  });
});

describe('KPI actuals computed from follow-ups', () => {
  it('counts follow-ups by the day they were created, and by status', async () => {
    const created = await createKpi({
      name: 'フォローアップ件数',
      unit: '件',
      metric: followUpMetric({ event: 'created' }),
    });
    // v1's (created 3/31 23:30) in FY2025, v2's (4/1 00:30) in FY2026; not the draft's.
    expect(actuals(created)).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    const open = await createKpi({
      name: '未完了のフォローアップ',
      unit: '件',
      metric: followUpMetric({ event: 'created', filters: { status: 'open' } }),
    });
    expect(actuals(open)).toEqual([
      [2025, 0],
      [2026, 1],
    ]);
  });

  it('counts completed follow-ups by their completion day and drills down to them', async () => {
    const kpi = await createKpi({
      name: 'フォローアップ完了件数',
      unit: '件',
      metric: followUpMetric({ event: 'completed' }),
    });
    expect(actuals(kpi)).toEqual([
      [2025, 0],
      [2026, 1],
    ]);
    const body = await records(kpi.id, 2026);
    expect(body).toMatchObject({ value: 1, total: 1 });
    expect(body.items).toEqual([
      {
        entity: 'follow_up',
        id: followUps['v1.0'],
        label: '訪問集計A：展示会の案内を送る',
        at: new Date('2026-04-01T00:00:00+09:00').toISOString(),
        value: null,
      },
    ]);
  });

  it('rejects an open-status filter on completions', async () => {
    const res = await t.request('POST', `/api/v1/programs/${fiscalProgram}/kpis`, {
      session: a,
      json: {
        name: '矛盾した定義',
        unit: '件',
        metric: followUpMetric({ event: 'completed', filters: { status: 'open' } }),
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({
      field: 'metric.filters.status',
      code: 'invalid_value',
    });
  });
});

describe('many KPIs evaluated together', () => {
  it('gives every KPI, year by year, the count of its own drill-down (the SQL of its filters)', async () => {
    const p = await t.request('POST', '/api/v1/programs', {
      session: a,
      json: { name: '一括集計の検証', fromFy: 2025, toFy: 2026 },
    });
    const programId = (await p.json()).id;
    const definitions: [string, 'fiscal' | 'calendar', Record<string, unknown>][] = [
      ['all', 'fiscal', visitMetric()],
      ['succession (calendar)', 'calendar', visitMetric({ filters: { categories: ['事業承継'] } })],
      [
        'caravan on sales or succession',
        'fiscal',
        visitMetric({ filters: { kinds: ['caravan'], categories: ['販路開拓', '事業承継'] } }),
      ],
      ['in 中原区', 'fiscal', visitMetric({ filters: { municipalityPrefix: '14133' } })],
      [
        'startups in 川崎市 (calendar)',
        'calendar',
        visitMetric({ filters: { companyKinds: ['startup'], municipalityPrefix: '1413' } }),
      ],
      [
        'companies with succession',
        'fiscal',
        visitMetric({ count: 'companies', filters: { categories: ['事業承継'] } }),
      ],
      [
        'companies reached remotely (calendar)',
        'calendar',
        visitMetric({ count: 'companies', filters: { kinds: ['online', 'phone'] } }),
      ],
      [
        'SMEs visited by the caravan',
        'fiscal',
        visitMetric({ count: 'companies', filters: { companyKinds: ['sme'], kinds: ['caravan'] } }),
      ],
      ['follow-ups', 'fiscal', followUpMetric({ event: 'created' })],
    ];
    for (const [i, [name, basis, metric]] of definitions.entries())
      await createKpi({ name, unit: '件', basis, metric, sortOrder: i }, programId);
    const detail = await t.request('GET', `/api/v1/programs/${programId}`, { session: a });
    const kpis = (await detail.json()).kpis as JsonBody[];
    expect(kpis.map((k) => k.name)).toEqual(definitions.map(([name]) => name));
    const byName = Object.fromEntries(kpis.map((k) => [k.name, actuals(k)]));
    // A few by hand: v1 (caravan, 販路開拓) in FY2025; v2 (caravan, issue 事業承継) and v6
    // (caravan, purpose 事業承継) in FY2026.
    expect(byName['caravan on sales or succession']).toEqual([
      [2025, 1],
      [2026, 2],
    ]);
    // A (中原区): v1 in FY2025, v2 in FY2026.
    expect(byName['in 中原区']).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    // B (startup, 麻生区): v3 on 2025-12-31, v4 on 2026-01-01.
    expect(byName['startups in 川崎市 (calendar)']).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    // FY2026: A (v2, issue) and X (v6, purpose), each once.
    expect(byName['companies with succession']).toEqual([
      [2025, 0],
      [2026, 2],
    ]);
    // B once in each calendar year.
    expect(byName['companies reached remotely (calendar)']).toEqual([
      [2025, 1],
      [2026, 1],
    ]);
    // FY2025: A (v1); FY2026: A (v2) and X (v6), SMEs both.
    expect(byName['SMEs visited by the caravan']).toEqual([
      [2025, 1],
      [2026, 2],
    ]);
    let compared = 0;
    for (const kpi of kpis) {
      for (const y of kpi.years as { fy: number; actual: number }[]) {
        const drill = await records(kpi.id, y.fy);
        expect(y.actual, `${kpi.name} ${y.fy}`).toBe(drill.total);
        compared += 1;
      }
    }
    expect(compared).toBe(definitions.length * 2);
  });
});

describe('follow-up filters', () => {
  it('counts follow-ups by the kind of their visit, the company kind and the municipality', async () => {
    const c = await t.createOrganization('kawasaki-follow-up-filters');
    const supporter = await t.request('POST', '/api/v1/supporters', {
      session: c,
      json: { name: '市職員 フォロー', kind: 'staff' },
    });
    leads[c.tenantId] = (await supporter.json()).id;
    await company(c, 'S', { kind: 'sme', municipalityCode: '141330' });
    await company(c, 'U', { kind: 'startup', municipalityCode: '141372' });
    await visitAt(c, 'f1', 'S', '2025-05-01T10:00:00', {
      followUps: [{ title: '見積もりを送る' }, { title: '工場見学を調整する' }],
    });
    await visitAt(c, 'f2', 'U', '2025-06-01T10:00:00', {
      kind: 'online',
      followUps: [{ title: '補助金の資料を送る' }],
    });
    await visitAt(c, 'f3', 'S', '2025-07-01T10:00:00', {
      kind: 'phone',
      followUps: [{ title: '折り返し電話する' }],
    });
    await t.services.followUps.complete(
      actorOf(c),
      FollowUpId.parse(followUps['f2.0']),
      FollowUpComplete.parse({ version: 1, completedOn: '2025-06-10' }),
    );
    const p = await t.request('POST', '/api/v1/programs', {
      session: c,
      json: { name: 'フォローアップ事業', fromFy: 2025, toFy: 2025 },
    });
    const programId = (await p.json()).id;
    const cases: [Record<string, unknown>, number][] = [
      [followUpMetric({ event: 'created', filters: { visitKinds: ['caravan'] } }), 2],
      [followUpMetric({ event: 'created', filters: { visitKinds: ['online', 'phone'] } }), 2],
      [followUpMetric({ event: 'created', filters: { companyKinds: ['startup'] } }), 1],
      [followUpMetric({ event: 'created', filters: { municipalityPrefix: '14133' } }), 3],
      [
        followUpMetric({
          event: 'created',
          filters: { visitKinds: ['caravan', 'phone'], companyKinds: ['sme'] },
        }),
        3,
      ],
      [followUpMetric({ event: 'completed', filters: { visitKinds: ['online'] } }), 1],
      [followUpMetric({ event: 'completed', filters: { visitKinds: ['caravan'] } }), 0],
    ];
    for (const [i, [metric, expected]] of cases.entries()) {
      const res = await t.request('POST', `/api/v1/programs/${programId}/kpis`, {
        session: c,
        json: { name: `フォローアップ${i}`, unit: '件', metric },
      });
      expect(res.status).toBe(201);
      const kpi = await res.json();
      expect(actuals(kpi), JSON.stringify(metric)).toEqual([[2025, expected]]);
      const drill = await t.request('GET', `/api/v1/kpis/${kpi.id}/records?fy=2025`, {
        session: c,
      });
      expect((await drill.json()).total).toBe(expected);
    }
  });
});

describe('previewing a metric before saving it', () => {
  it('answers each year of the program as a saved KPI would count it, and saves nothing', async () => {
    const metric = visitMetric({ filters: { kinds: ['caravan'] } });
    const res = await t.request('POST', `/api/v1/programs/${fiscalProgram}/kpis/preview`, {
      session: a,
      json: { basis: 'calendar', metric },
    });
    expect(res.status).toBe(200);
    const preview = await res.json();
    // Calendar 2025: none by the caravan (v3 online, v4 phone); 2026: v1, v2, v6.
    expect(preview).toMatchObject({ programId: fiscalProgram, basis: 'calendar' });
    expect(preview.years).toEqual([
      { fy: 2025, from: '2025-01-01', to: '2025-12-31', value: 0 },
      { fy: 2026, from: '2026-01-01', to: '2026-12-31', value: 3 },
    ]);
    const saved = await createKpi({
      name: 'キャラバン訪問（暦年）',
      unit: '件',
      basis: 'calendar',
      metric,
    });
    expect(actuals(saved)).toEqual(
      preview.years.map((y: { fy: number; value: number }) => [y.fy, y.value]),
    );
    const before = (
      await (await t.request('GET', `/api/v1/programs/${fiscalProgram}`, { session: a })).json()
    ).kpis.length;
    await t.request('POST', `/api/v1/programs/${fiscalProgram}/kpis/preview`, {
      session: a,
      json: { metric: visitMetric() },
    });
    const after = (
      await (await t.request('GET', `/api/v1/programs/${fiscalProgram}`, { session: a })).json()
    ).kpis.length;
    expect(after).toBe(before);
  });

  it('answers 422 at the field of a bad definition, and 404 for another organisation', async () => {
    const bad = await t.request('POST', `/api/v1/programs/${fiscalProgram}/kpis/preview`, {
      session: a,
      json: { metric: followUpMetric({ event: 'completed', filters: { status: 'open' } }) },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({
      field: 'metric.filters.status',
      code: 'invalid_value',
    });
    const foreign = await t.request('POST', `/api/v1/programs/${fiscalProgram}/kpis/preview`, {
      session: b,
      json: { metric: visitMetric() },
    });
    expect(foreign.status).toBe(404);
  });
});
