import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

/**
 * The licence pipeline (マッチング案件) over the API: stage order, days, 不成立, counts per
 * fiscal year across the 3/31–4/1 boundary, tenant isolation and the audit trail.
 */

let t: TestApp;
let a: TestSession;
let b: TestSession;
let listingId: string;
const firms: string[] = [];

type Match = { id: string; version: number; stage: string; stageDates: Record<string, string> };

const open = async (companyId: string, candidateOn = '2024-04-10'): Promise<Match> => {
  const res = await t.request('POST', '/api/v1/matches', {
    session: a,
    json: { listingId, companyId, origin: 'open_meeting', candidateOn },
  });
  expect(res.status).toBe(201);
  return res.json();
};

const move = (m: Match, stage: string, on: string, session = a) =>
  t.request('POST', `/api/v1/matches/${m.id}/stage`, {
    session,
    json: { version: m.version, stage, on },
  });

/** Moves through the stages given, in order; returns the match after the last move. */
const walk = async (m: Match, steps: [string, string][]): Promise<Match> => {
  let current = m;
  for (const [stage, on] of steps) {
    const res = await move(current, stage, on);
    expect(res.status, `${stage} ${on}`).toBe(200);
    current = await res.json();
  }
  return current;
};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki-pipeline');
  b = await t.createOrganization('fukushima-pipeline');
  const listing = await t.request('POST', '/api/v1/listings', {
    session: a,
    json: {
      title: '抗菌性を有する金属表面処理方法',
      ipc: ['C23C 22/00'],
      holderName: '大手化学メーカーD',
    },
  });
  listingId = (await listing.json()).id;
  for (let i = 0; i < 5; i++) {
    const res = await t.request('POST', '/api/v1/companies', {
      session: a,
      json: buildCompany({ name: `株式会社パイプライン${i}` }),
    });
    firms.push((await res.json()).id);
  }
});
afterAll(() => t.close());

describe('licence pipeline', () => {
  it('moves forward with the day of each stage, and keeps them', async () => {
    const m = await open(firms[0] as string);
    expect(m).toMatchObject({ stage: 'candidate', stageDates: { candidate: '2024-04-10' } });
    const after = await walk(m, [
      ['introduced', '2024-05-01'],
      ['meeting', '2024-05-20'],
      ['negotiating', '2024-07-01'],
      ['contracted', '2025-03-31'],
    ]);
    expect(after).toMatchObject({
      stage: 'contracted',
      stageDates: {
        candidate: '2024-04-10',
        introduced: '2024-05-01',
        meeting: '2024-05-20',
        negotiating: '2024-07-01',
        contracted: '2025-03-31',
      },
    });
  });

  it('refuses 製品化 before 契約, a step back, and a day before the last stage’s (422, nothing saved)', async () => {
    const m = await walk(await open(firms[1] as string), [['meeting', '2024-06-01']]);
    const early = await move(m, 'commercialized', '2024-12-01');
    expect(early.status).toBe(422);
    const problem = await early.json();
    expect(problem.errors[0]).toMatchObject({ field: 'stage', code: 'stage_needs_contract' });
    expect(problem.errors[0].message).toBe(
      '試作・評価や製品化の前に、契約（成約）を記録してください。',
    );
    const back = await move(m, 'introduced', '2024-06-02');
    expect((await back.json()).errors[0]).toMatchObject({ field: 'stage', code: 'stage_order' });
    const before = await move(m, 'negotiating', '2024-05-31');
    expect((await before.json()).errors[0]).toMatchObject({
      field: 'stageDates.negotiating',
      code: 'date_order',
    });
    const unchanged = await (
      await t.request('GET', `/api/v1/matches/${m.id}`, { session: a })
    ).json();
    expect(unchanged).toMatchObject({ stage: 'meeting', version: m.version });
  });

  it('drops a match with its reason; a dropped match moves no more', async () => {
    const m = await walk(await open(firms[2] as string), [['introduced', '2024-06-01']]);
    const res = await t.request('POST', `/api/v1/matches/${m.id}/drop`, {
      session: a,
      json: { version: m.version, on: '2024-06-15', reason: '量産設備への投資が見合わない' },
    });
    const dropped = await res.json();
    expect(dropped).toMatchObject({
      status: 'dropped',
      stage: 'introduced',
      droppedOn: '2024-06-15',
      dropReason: '量産設備への投資が見合わない',
    });
    const again = await move(dropped, 'meeting', '2024-07-01');
    expect((await again.json()).errors[0]).toMatchObject({ code: 'match_dropped' });
  });

  it('records licence terms and the product, and answers 409 to a stale version', async () => {
    const m = await walk(await open(firms[3] as string, '2024-10-01'), [
      ['contracted', '2025-04-01'],
      ['prototyping', '2025-06-01'],
      ['commercialized', '2026-02-10'],
    ]);
    const res = await t.request('PATCH', `/api/v1/matches/${m.id}`, {
      session: a,
      json: {
        version: m.version,
        license: { type: 'non_exclusive', territory: '日本国内', royaltyType: 'running' },
        productName: '抗菌ドアハンドル',
        launchedOn: '2026-02-10',
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      license: { type: 'non_exclusive', territory: '日本国内', royaltyType: 'running' },
      productName: '抗菌ドアハンドル',
    });
    const stale = await t.request('PATCH', `/api/v1/matches/${m.id}`, {
      session: a,
      json: { version: m.version, notes: '古い版' },
    });
    expect(stale.status).toBe(409);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=match&entityId=${m.id}`, { session: a })
    ).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(5); // create, three moves, the edit
  });

  it('refuses a second open match for the same pair', async () => {
    const res = await t.request('POST', '/api/v1/matches', {
      session: a,
      json: { listingId, companyId: firms[0] },
    });
    expect(res.status).toBe(409);
  });

  it('counts 成約 and 製品化 by fiscal year of their day: 3/31 in the old year, 4/1 in the new', async () => {
    const summary = await (
      await t.request('GET', '/api/v1/matches/summary', { session: a })
    ).json();
    expect(summary.byFiscalYear).toEqual([
      // firms[0]: contracted 2025-03-31 → FY2024
      {
        fy: 2024,
        contracted: 1,
        commercialized: 0,
        cumulativeContracted: 1,
        cumulativeCommercialized: 0,
      },
      // firms[3]: contracted 2025-04-01 → FY2025, commercialized 2026-02-10 → FY2025
      {
        fy: 2025,
        contracted: 1,
        commercialized: 1,
        cumulativeContracted: 2,
        cumulativeCommercialized: 1,
      },
    ]);
    const stage = (s: string) => summary.funnel.find((f: { stage: string }) => f.stage === s);
    expect(stage('candidate')).toEqual({ stage: 'candidate', current: 0, reached: 4 });
    // Reached: at or past the stage, skipped ones included; the dropped one reached 紹介 too.
    expect(stage('introduced').reached).toBe(4);
    expect(stage('meeting').reached).toBe(3);
    expect(stage('contracted')).toEqual({ stage: 'contracted', current: 1, reached: 2 });
    expect(stage('commercialized')).toEqual({ stage: 'commercialized', current: 1, reached: 1 });
    expect(summary.dropped).toBe(1);
    expect(summary.reference).toEqual({
      source: 'kawasaki',
      contracted: 39,
      commercialized: 27,
      asOf: '2025-03-31',
    });
  });

  it('keeps matches to their organisation', async () => {
    const mine = (await (await t.request('GET', '/api/v1/matches', { session: a })).json()).items;
    expect(mine).toHaveLength(4);
    const id = mine[0].id;
    for (const [method, url, json] of [
      ['GET', `/api/v1/matches/${id}`, undefined],
      ['PATCH', `/api/v1/matches/${id}`, { version: 1, notes: 'x' }],
      ['POST', `/api/v1/matches/${id}/stage`, { version: 1, stage: 'meeting', on: '2024-07-01' }],
      ['POST', `/api/v1/matches/${id}/drop`, { version: 1, on: '2024-07-01', reason: 'x' }],
    ] as const) {
      const res = await t.request(method, url, { session: b, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const create = await t.request('POST', '/api/v1/matches', {
      session: b,
      json: { listingId, companyId: firms[4] },
    });
    expect(create.status).toBe(422);
    const theirs = await (await t.request('GET', '/api/v1/matches/summary', { session: b })).json();
    expect(theirs.byFiscalYear).toEqual([]);
  });
});
