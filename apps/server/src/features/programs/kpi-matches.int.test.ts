import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

/**
 * KPIs computed over matches (成約件数, 製品化件数): counted by the day each stage was reached,
 * 3/31 in the old fiscal year and 4/1 in the new, a calendar-year KPI by January–December, a
 * program filter, a manual override, and the drill-down to the matches behind a value.
 */

let t: TestApp;
let a: TestSession;
let programId: string;
let otherProgramId: string;
const matchIds: string[] = [];

const post = async (path: string, json: unknown) => {
  const res = await t.request('POST', path, { session: a, json });
  expect(res.status, `${path} ${JSON.stringify(json)}`).toBeLessThan(300);
  return res.json();
};

/** A match of the program, walked through the stages given (stage, day). */
async function match(
  listingId: string,
  n: number,
  program: string | null,
  steps: [string, string][],
  origin = 'open_meeting',
) {
  const c = await post('/api/v1/companies', buildCompany({ name: `成約テスト${n}` }));
  let m = await post('/api/v1/matches', {
    listingId,
    companyId: c.id,
    origin,
    candidateOn: '2021-04-01',
    ...(program ? { programId: program } : {}),
  });
  for (const [stage, on] of steps)
    m = await post(`/api/v1/matches/${m.id}/stage`, { version: m.version, stage, on });
  matchIds.push(m.id);
  return m;
}

const kpi = (name: string, metric: Record<string, unknown>, basis = 'fiscal') =>
  post(`/api/v1/programs/${programId}/kpis`, {
    name,
    unit: '件',
    basis,
    metric: { version: 1, entity: 'matches', aggregate: 'count', filters: {}, ...metric },
  });
const actual = (k: { years: { fy: number; actual: number | null }[] }, fy: number) =>
  k.years.find((y) => y.fy === fy)?.actual;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki-kpi-matches');
  programId = (
    await post('/api/v1/programs', { name: '知財マッチング事業', fromFy: 2021, toFy: 2023 })
  ).id;
  otherProgramId = (await post('/api/v1/programs', { name: '別の事業', fromFy: 2021, toFy: 2023 }))
    .id;
  const listing = (await post('/api/v1/listings', { title: '抗菌めっき' })).id;
  const welfare = (await post('/api/v1/listings', { title: '見守り', kind: 'welfare_need' })).id;
  // Contracted on 3/31 (FY2022) and on 4/1 (FY2023); one commercialised; one of another program.
  await match(listing, 1, programId, [['contracted', '2023-03-31']]);
  await match(listing, 2, programId, [
    ['contracted', '2023-04-01'],
    ['commercialized', '2023-12-31'],
  ]);
  await match(listing, 3, otherProgramId, [['contracted', '2022-10-01']], 'individual');
  await match(welfare, 4, null, [['meeting', '2022-05-01']]);
  // Reached 紹介, then dropped: it still counts for 紹介.
  const dropped = await match(listing, 5, programId, [['introduced', '2022-06-01']]);
  await post(`/api/v1/matches/${dropped.id}/drop`, {
    version: dropped.version,
    on: '2022-07-01',
    reason: '条件が合わない',
  });
});
afterAll(() => t.close());

describe('KPIs over matches', () => {
  it('counts 成約 by the contract day: 3/31 in the old fiscal year, 4/1 in the new', async () => {
    const k = await kpi('成約件数', { event: 'contracted' });
    expect([actual(k, 2021), actual(k, 2022), actual(k, 2023)]).toEqual([0, 2, 1]);
  });

  it('filters by program, origin and listing kind', async () => {
    const mine = await kpi('成約件数（本事業）', { event: 'contracted', filters: { programId } });
    expect([actual(mine, 2022), actual(mine, 2023)]).toEqual([1, 1]);
    const individual = await kpi('個別成約', {
      event: 'contracted',
      filters: { origins: ['individual'] },
    });
    expect(actual(individual, 2022)).toBe(1);
    const welfare = await kpi('福祉ニーズの面談', {
      event: 'meeting',
      filters: { listingKinds: ['welfare_need'] },
    });
    expect(actual(welfare, 2022)).toBe(1);
  });

  it('counts a stage a dropped match reached, and 製品化 by calendar year when the KPI says so', async () => {
    const introduced = await kpi('紹介件数', { event: 'introduced' });
    expect(actual(introduced, 2022)).toBe(1);
    const products = await kpi('製品化件数（暦年）', { event: 'commercialized' }, 'calendar');
    expect([actual(products, 2022), actual(products, 2023)]).toEqual([0, 1]);
  });

  it('refuses an unknown stage (422, nothing saved)', async () => {
    const before = (
      await (await t.request('GET', `/api/v1/programs/${programId}`, { session: a })).json()
    ).kpis.length;
    const res = await t.request('POST', `/api/v1/programs/${programId}/kpis`, {
      session: a,
      json: {
        name: '誤り',
        unit: '件',
        metric: { version: 1, entity: 'matches', aggregate: 'count', event: 'signed' },
      },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].field).toBe('metric.event');
    const after = (
      await (await t.request('GET', `/api/v1/programs/${programId}`, { session: a })).json()
    ).kpis.length;
    expect(after).toBe(before);
  });

  it('drills down to the matches behind a value, and a manual actual overrides it', async () => {
    const k = await kpi('成約件数（内訳）', { event: 'contracted' });
    const res = await t.request('GET', `/api/v1/kpis/${k.id}/records?fy=2022`, { session: a });
    const body = await res.json();
    expect(body).toMatchObject({
      value: 2,
      total: 2,
      period: { from: '2022-04-01', to: '2023-03-31' },
    });
    expect(body.items.map((r: { id: string }) => r.id)).toEqual([matchIds[2], matchIds[0]]);
    expect(body.items[0]).toMatchObject({ entity: 'match', label: '成約テスト3：抗菌めっき' });
    const patched = await t.request('PATCH', `/api/v1/kpis/${k.id}`, {
      session: a,
      json: { version: k.version, years: [{ fy: 2022, plan: 3, actual: 5 }] },
    });
    expect(patched.status).toBe(200);
    const year = (await patched.json()).years.find((y: { fy: number }) => y.fy === 2022);
    expect(year).toMatchObject({
      actual: 5,
      computedActual: 2,
      actualSource: 'manual',
      overridden: true,
    });
  });
});
