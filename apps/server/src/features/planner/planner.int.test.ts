import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

/**
 * The planner, the team recommender and the dashboard over real rows, on both drivers.
 * The clock is fixed: companies are registered on 2025-01-10, "today" is 2026-04-15 (Tokyo).
 */
let clock = new Date('2025-01-10T00:00:00Z');
let t: TestApp;
let admin: TestSession;
const ids: Record<string, string> = {};
const people: Record<string, string> = {};

const post = async (path: string, json: unknown, status = 201) => {
  const res = await t.request('POST', path, { session: admin, json });
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const get = async (path: string) => {
  const res = await t.request('GET', path, { session: admin });
  expect(res.status, path).toBe(200);
  return res.json();
};
const visit = (company: string, startsAt: string, extra: Record<string, unknown> = {}) =>
  post('/api/v1/visits', {
    companyId: ids[company],
    startsAt,
    status: 'completed',
    team: [{ supporterId: people.staff, role: 'lead' }],
    ...extra,
  });

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await t.createOrganization('planner-city');
  // 'decided' successors unless succession is the point (an unknown successor is a reason too).
  const decided = { successorStatus: 'decided' } as const;
  const companies: [string, Parameters<typeof buildCompany>[0]][] = [
    ['A', { name: '未訪問工業', nameKana: 'ミホウモン', ...decided }],
    ['B', { name: '久しぶり製作所', nameKana: 'ヒサシブリ', ...decided }],
    [
      'C',
      {
        name: '承継精工',
        nameKana: 'ショウケイ',
        representativeBirthYear: 1950,
        successorStatus: 'none',
      },
    ],
    ['D', { name: '宿題残り化学', nameKana: 'シュクダイ', ...decided }],
    ['E', { name: 'イチオシ電機', nameKana: 'イチオシ', ...decided }],
    ['F', { name: '四月一日訪問', nameKana: 'ワタヌキ', ...decided }],
    ['F2', { name: '三月末訪問', nameKana: 'サンガツマツ', ...decided }],
    [
      'H',
      {
        name: '後継未定製作所',
        nameKana: 'コウケイミテイ',
        representativeBirthYear: 1980,
        successorStatus: 'unknown',
      },
    ],
    ['Bank', { name: 'かわさき銀行', kind: 'financial', ...decided }],
  ];
  for (const [key, c] of companies)
    ids[key] = (await post('/api/v1/companies', buildCompany(c))).id;
  clock = new Date('2026-04-10T01:00:00Z');
  admin = await t.login(admin.slug, admin.email);
  ids.G = (
    await post(
      '/api/v1/companies',
      buildCompany({ name: '新規登録商事', nameKana: 'シンキ', ...decided }),
    )
  ).id;
  clock = new Date('2026-04-15T03:00:00Z'); // 12:00 in Tokyo
  admin = await t.login(admin.slug, admin.email);

  const roster = [
    ['staff', { name: '職員 一', kind: 'staff', expertise: ['販路開拓'], monthlyCapacity: 10 }],
    ['coord', { name: 'コーディ 二', kind: 'coordinator', expertise: ['製品開発', 'DX'] }],
    ['expert', { name: '専門 三', kind: 'expert', expertise: ['知財', '技術・製造'] }],
    ['bank', { name: '金融 四', kind: 'financial', expertise: ['資金調達'] }],
    ['busy', { name: '多忙 五', kind: 'expert', expertise: ['知財'], monthlyCapacity: 1 }],
    ['other', { name: 'その他 六', kind: 'other', expertise: ['人材'] }],
  ] as const;
  for (const [key, body] of roster) people[key] = (await post('/api/v1/supporters', body)).id;

  await visit('B', '2025-03-01T10:00:00+09:00');
  await visit('F2', '2026-03-31T23:30:00+09:00'); // 2026-03-31T14:30Z: FY2025
  await visit('F', '2026-04-01T00:30:00+09:00'); // 2026-03-31T15:30Z: FY2026
  await visit('D', '2026-04-02T10:00:00+09:00', {
    issues: [
      { category: '資金調達', description: '設備資金', raisedBy: 'owner' },
      { category: '販路開拓', raisedBy: 'supporter' },
    ],
    followUps: [{ title: '融資制度の説明', dueOn: '2026-04-10' }],
  });
  await visit('C', '2026-04-03T10:00:00+09:00');
  await visit('E', '2026-04-03T15:00:00+09:00', { kind: 'phone' });
  await visit('H', '2026-04-05T10:00:00+09:00');
  // A visit to a bank counts toward the annual target, not toward the support targets' coverage.
  await visit('Bank', '2026-04-06T10:00:00+09:00');
  const flag = await t.request('PUT', `/api/v1/companies/${ids.E}/flag`, {
    session: admin,
    json: { note: '新工場の計画あり', supporterId: people.coord },
  });
  expect(flag.status).toBe(200);
  // A planned visit of A later this month (the busy expert goes): A leaves the plan.
  await post('/api/v1/visits', {
    companyId: ids.A,
    startsAt: '2026-04-20T10:00:00+09:00',
    team: [{ supporterId: people.busy, role: 'member' }],
  });
});
afterAll(() => t.close());

describe('visit planner', () => {
  it('ranks with every reason shown, deterministic ties, and leaves out companies already planned', async () => {
    const plan = await get('/api/v1/planner?period=month');
    expect(plan.period).toEqual({ kind: 'month', start: '2026-04-01', end: '2026-04-30' });
    const order = plan.items.map((c: { name: string }) => c.name);
    // G 55 (never + new), E 35 and C 35 tie → same last contact day → kana (イ < シ), D 30, B 22,
    // H 10 (successor unknown).
    expect(order).toEqual([
      '新規登録商事',
      'イチオシ電機',
      '承継精工',
      '宿題残り化学',
      '久しぶり製作所',
      '後継未定製作所',
    ]);
    const reasons = Object.fromEntries(
      plan.items.map((c: { name: string; reasons: { code: string }[] }) => [
        c.name,
        c.reasons.map((r) => r.code),
      ]),
    );
    expect(reasons).toEqual({
      新規登録商事: ['never_visited', 'newly_registered'],
      イチオシ電機: ['flagged'],
      承継精工: ['succession_risk'],
      宿題残り化学: ['overdue_follow_ups'],
      久しぶり製作所: ['stale_contact'],
      後継未定製作所: ['succession_risk'],
    });
    expect(plan.candidates).toBe(6);
    const c = plan.items.find((x: { name: string }) => x.name === '承継精工');
    expect(c.reasons[0]).toEqual({
      code: 'succession_risk',
      points: 35,
      detail: { age: 76, successorStatus: 'none' },
    });
    const h = plan.items.find((x: { name: string }) => x.name === '後継未定製作所');
    expect(h.reasons[0]).toEqual({
      code: 'succession_risk',
      points: 10,
      detail: { age: 46, successorStatus: 'unknown' },
    });
    expect(plan.items.map((x: { score: number }) => x.score)).toEqual([55, 35, 35, 30, 22, 10]);
    // limit keeps the top of the same order; candidates still counts them all.
    const top3 = await get('/api/v1/planner?period=month&limit=3');
    expect(top3.items.map((x: { id: string }) => x.id)).toEqual(
      plan.items.slice(0, 3).map((x: { id: string }) => x.id),
    );
    expect(top3.candidates).toBe(6);
    const e = plan.items.find((c: { name: string }) => c.name === 'イチオシ電機');
    expect(e.reasons[0].detail).toEqual({ by: 'コーディ 二', note: '新工場の計画あり' });
    const b = plan.items.find((c: { name: string }) => c.name === '久しぶり製作所');
    expect(b.reasons[0]).toMatchObject({ points: 22, detail: { months: 13, threshold: 12 } });
    expect(order).not.toContain('未訪問工業'); // planned on 4/20
    expect(order).not.toContain('かわさき銀行'); // not a caravan target
    expect(plan.plannedInPeriod).toBe(1);
    expect(plan.groups.flatMap((g: { companyIds: string[] }) => g.companyIds).sort()).toEqual(
      plan.items.map((c: { id: string }) => c.id).sort(),
    );
    const again = await get('/api/v1/planner?period=month');
    expect(again.items).toEqual(plan.items);
    const stricter = await get('/api/v1/planner?period=quarter&staleAfterMonths=24');
    expect(stricter.period.end).toBe('2026-06-30');
    expect(stricter.items.map((c: { name: string }) => c.name)).not.toContain('久しぶり製作所');
  });

  it('counts visits of 2026-03-31 23:30 and 2026-04-01 00:30 JST in FY2025 and FY2026', async () => {
    const fy2025 = await get('/api/v1/dashboard/caravan?fiscalYear=2025');
    expect(fy2025.progress.done).toBe(1);
    expect(fy2025.visitsByMonth).toEqual([{ month: '2026-03', visits: 1 }]);
    const fy2026 = await get('/api/v1/dashboard/caravan?fiscalYear=2026');
    // F (4/1 00:30), D, C, H and the bank; E was a phone call (a contact, not a visit).
    expect(fy2026.progress.done).toBe(5);
    expect(fy2026.visitsByMonth).toEqual([{ month: '2026-04', visits: 5 }]);
    const plan = await get('/api/v1/planner');
    expect(plan.progress).toMatchObject({ fiscalYear: 2026, target: 500, done: 5 });
  });

  it('uses the target set for the fiscal year and shows the pace still needed', async () => {
    await t.request('PUT', '/api/v1/caravan/targets/2026', {
      session: admin,
      json: { target: 120 },
    });
    const plan = await get('/api/v1/planner');
    expect(plan.progress.target).toBe(120);
    // 115 left over the 350 of 365 days still to come → 115 ÷ (350 / 30.42) = 9.99 → 10 a month.
    expect(plan.progress.neededPerMonth).toBe(10);
    expect(plan.suggestedCount).toBe(10 - 1);
  });
});

describe('team recommender', () => {
  it('covers the open issues and the purpose with a bank member, skipping whoever is at capacity', async () => {
    const res = await t.request('POST', `/api/v1/companies/${ids.D}/team-proposal`, {
      session: admin,
      json: { month: '2026-04', purposeCategories: ['知財'] },
    });
    expect(res.status).toBe(200);
    const p = await res.json();
    expect(p.openIssueCategories).toEqual(['販路開拓', '資金調達']);
    expect(p.categories).toEqual(['知財', '販路開拓', '資金調達']);
    expect(p.uncovered).toEqual([]);
    expect(p.financialMemberMissing).toBe(false);
    const byId = Object.fromEntries(
      p.members.map((m: { supporterId: string }) => [m.supporterId, m]),
    );
    expect(byId[people.bank as string].covers).toEqual(['資金調達']);
    expect(byId[people.expert as string].covers).toEqual(['知財']);
    expect(byId[people.busy as string]).toBeUndefined(); // 1 planned of 1 in April
    expect(byId[people.staff as string]).toMatchObject({ role: 'lead', visitsToCompany: 1 });
    expect(byId[people.staff as string].reasons).toContain('continuity');
    expect(p.members.length).toBeGreaterThanOrEqual(4);
    expect(p.members.length).toBeLessThanOrEqual(5);
  });
});

describe('dashboard', () => {
  it('reports coverage, relationship years, overdue follow-ups and issues by category', async () => {
    const d = await get('/api/v1/dashboard/caravan');
    expect(d.fiscalYear).toBe(2026);
    // Support targets: the nine SMEs (A–F, F2, G, H), not the bank.
    expect(d.registeredCompanies).toBe(9);
    // Visited this FY: F, D, C, H. Not E (a phone call is a contact, not a visit), not the bank.
    expect(d.distinctCompanies).toBe(4);
    expect(d.coverage).toBeCloseTo(4 / 9, 5);
    expect(d.followUpsOpen).toBe(1);
    expect(d.followUpsOverdue).toBe(1);
    expect(d.visitsByCategory).toEqual([
      { category: '販路開拓', visits: 1, raisedByOwner: 0, raisedBySupporter: 1 },
      { category: '資金調達', visits: 1, raisedByOwner: 1, raisedBySupporter: 0 },
    ]);
    // First visits: B 2025-03-01 (410 days), F2 3/31 (15), F 4/1 (14), D 4/2 (13), C 4/3 (12),
    // H 4/5 (10); not E's phone call, not the bank.
    expect(d.averageRelationshipYears).toBeCloseTo((410 + 15 + 14 + 13 + 12 + 10) / 6 / 365.25, 2);
  });
});
