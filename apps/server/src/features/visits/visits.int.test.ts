import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let a: TestSession;
let b: TestSession;
let companyId: string;
const team: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki-caravan');
  b = await t.createOrganization('utsunomiya-caravan');
  const company = await t.request('POST', '/api/v1/companies', {
    session: a,
    json: buildCompany({ name: '株式会社キャラバン精機', address: '川崎市高津区坂戸3-2-1' }),
  });
  companyId = (await company.json()).id;
  const people = [
    { key: 'staff', name: '市職員 太郎', kind: 'staff', expertise: ['販路開拓'], userId: a.userId },
    { key: 'coord', name: 'コーディ 花子', kind: 'coordinator', expertise: ['製品開発', 'DX'] },
    { key: 'expert', name: '専門 一郎', kind: 'expert', expertise: ['技術・製造', '知財'] },
    {
      key: 'bank',
      name: '銀行 次郎',
      kind: 'financial',
      organization: 'かわさき信用金庫',
      expertise: ['資金調達'],
    },
  ];
  for (const { key, ...p } of people) {
    const res = await t.request('POST', '/api/v1/supporters', { session: a, json: p });
    expect(res.status, key).toBe(201);
    team[key] = (await res.json()).id;
  }
});
afterAll(() => t.close());

const visitBody = (overrides: Record<string, unknown> = {}) => ({
  companyId,
  startsAt: '2026-05-12T10:00:00+09:00',
  kind: 'caravan',
  purpose: '新製品の販路相談',
  purposeCategories: ['販路開拓'],
  listeningNotes: '「うちの技術を医療分野で使えないか」と社長',
  ownerAwareness: '自社の強みは微細加工だと気づいた',
  team: [
    { supporterId: team.staff, role: 'lead' },
    { supporterId: team.coord, role: 'member' },
    { supporterId: team.expert, role: 'member' },
    { supporterId: team.bank, role: 'member' },
  ],
  issues: [
    { category: '販路開拓', description: '医療機器メーカーとの接点がない', raisedBy: 'owner' },
    { category: '資金調達', description: '設備投資の資金', raisedBy: 'supporter' },
  ],
  followUps: [
    { title: '医療機器メーカーを紹介する', assigneeId: team.coord, dueOn: '2026-06-01' },
    { title: '補助金の案内を送る', assigneeId: team.bank, dueOn: '2026-05-20' },
  ],
  status: 'completed',
  ...overrides,
});

describe('supporters', () => {
  it('lists the roster in kana order, filters by kind and expertise, and refuses unknown categories', async () => {
    const all = await (await t.request('GET', '/api/v1/supporters', { session: a })).json();
    expect(all.items).toHaveLength(4);
    const banks = await (
      await t.request('GET', '/api/v1/supporters?kind=financial', { session: a })
    ).json();
    expect(banks.items.map((s: { name: string }) => s.name)).toEqual(['銀行 次郎']);
    const ip = await (
      await t.request('GET', `/api/v1/supporters?expertise=${encodeURIComponent('知財')}`, {
        session: a,
      })
    ).json();
    expect(ip.items.map((s: { id: string }) => s.id)).toEqual([team.expert]);
    const bad = await t.request('POST', '/api/v1/supporters', {
      session: a,
      json: { name: 'x', kind: 'expert', expertise: ['占い'] },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe('expertise.0');
  });

  it('links a login at most once, updates with versions and audits', async () => {
    const me = all(await t.request('GET', `/api/v1/supporters/${team.staff}`, { session: a }));
    const s = await me;
    expect(s).toMatchObject({ userId: a.userId, kind: 'staff', version: 1, active: true });
    const dup = await t.request('POST', '/api/v1/supporters', {
      session: a,
      json: { name: '二重', kind: 'staff', userId: a.userId },
    });
    expect(dup.status).toBe(409);
    const upd = await t.request('PATCH', `/api/v1/supporters/${team.staff}`, {
      session: a,
      json: { monthlyCapacity: 6, version: 1 },
    });
    expect(upd.status).toBe(200);
    expect((await upd.json()).monthlyCapacity).toBe(6);
    const stale = await t.request('PATCH', `/api/v1/supporters/${team.staff}`, {
      session: a,
      json: { monthlyCapacity: 7, version: 1 },
    });
    expect(stale.status).toBe(409);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=supporter&entityId=${team.staff}`, {
        session: a,
      })
    ).json();
    expect(audit.items[0].changes.monthlyCapacity).toEqual({ before: 8, after: 6 });
  });

  it('seeds the default taxonomy, lets an admin replace it, and keeps the target per fiscal year', async () => {
    const cats = await (
      await t.request('GET', '/api/v1/caravan/categories', { session: b })
    ).json();
    expect(cats.items.map((c: { name: string }) => c.name)).toContain('事業承継');
    expect(cats.items.find((c: { name: string }) => c.name === '資金調達').finance).toBe(true);
    const put = await t.request('PUT', '/api/v1/caravan/categories', {
      session: b,
      json: { items: [{ name: '販路開拓' }, { name: '融資', finance: true }] },
    });
    expect(put.status).toBe(200);
    expect((await put.json()).items).toEqual([
      { name: '販路開拓', finance: false, active: true },
      { name: '融資', finance: true, active: true },
    ]);
    const def = await (
      await t.request('GET', '/api/v1/caravan/targets/2026', { session: b })
    ).json();
    expect(def).toEqual({ fiscalYear: 2026, target: 500, isDefault: true });
    await t.request('PUT', '/api/v1/caravan/targets/2026', { session: b, json: { target: 120 } });
    const set = await (
      await t.request('GET', '/api/v1/caravan/targets/2026', { session: b })
    ).json();
    expect(set).toEqual({ fiscalYear: 2026, target: 120, isDefault: false });
    const staff = await t.addUser(b, 'staff');
    const denied = await t.request('PUT', '/api/v1/caravan/targets/2026', {
      session: staff,
      json: { target: 1 },
    });
    expect(denied.status).toBe(403);
  });
});

const all = async (res: Response) => res.json();

describe('visits and follow-ups', () => {
  let visitId: string;

  it('records a completed visit with a team of four, issues and two follow-ups', async () => {
    const res = await t.request('POST', '/api/v1/visits', { session: a, json: visitBody() });
    expect(res.status).toBe(201);
    const v = await res.json();
    visitId = v.id;
    expect(v).toMatchObject({
      company: { id: companyId, name: '株式会社キャラバン精機' },
      localDate: '2026-05-12',
      fiscalYear: 2026,
      status: 'completed',
      location: '川崎市高津区坂戸3-2-1',
    });
    expect(v.team).toHaveLength(4);
    expect(v.team[0]).toMatchObject({ supporterId: team.staff, role: 'lead' });
    expect(v.issues.map((i: { raisedBy: string }) => i.raisedBy)).toEqual(['owner', 'supporter']);
    expect(v.followUps.map((f: { title: string }) => f.title).sort()).toEqual([
      '医療機器メーカーを紹介する',
      '補助金の案内を送る',
    ]);
  });

  it('refuses a second lead, an unknown supporter, and completing a visit without a team', async () => {
    const twoLeads = await t.request('POST', '/api/v1/visits', {
      session: a,
      json: visitBody({
        team: [
          { supporterId: team.staff, role: 'lead' },
          { supporterId: team.coord, role: 'lead' },
        ],
      }),
    });
    expect(twoLeads.status).toBe(422);
    expect((await twoLeads.json()).errors[0].field).toBe('team.1.role');
    const unknown = await t.request('POST', '/api/v1/visits', {
      session: a,
      json: visitBody({ team: [{ supporterId: crypto.randomUUID(), role: 'lead' }] }),
    });
    expect((await unknown.json()).errors[0].field).toBe('team.0.supporterId');
    const noTeam = await t.request('POST', '/api/v1/visits', {
      session: a,
      json: visitBody({ team: [], followUps: [] }),
    });
    expect((await noTeam.json()).errors[0]).toMatchObject({ field: 'team', code: 'required' });
  });

  it('audits an edit of a completed visit with the changed fields and team', async () => {
    const res = await t.request('PATCH', `/api/v1/visits/${visitId}`, {
      session: a,
      json: {
        version: 1,
        ownerAwareness: '医療分野への展開に意欲',
        team: [
          { supporterId: team.staff, role: 'lead' },
          { supporterId: team.expert, role: 'member' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const v = await res.json();
    expect(v.version).toBe(2);
    expect(v.team).toHaveLength(2);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=visit&entityId=${visitId}`, { session: a })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    const changes = audit.items[0].changes;
    expect(changes.ownerAwareness.after).toBe('医療分野への展開に意欲');
    expect(changes.team.before).toHaveLength(4);
    expect(changes.team.after).toHaveLength(2);
    expect(changes.editedAfterCompletion.after).toBe(true);
  });

  it('lists my follow-ups and overdue ones, and completes one with a note', async () => {
    // a's user is linked to the staff supporter; give them one follow-up, overdue.
    const added = await t.request('POST', `/api/v1/visits/${visitId}/follow-ups`, {
      session: a,
      json: { title: '社長に議事録を送る', assigneeId: team.staff, dueOn: '2020-01-01' },
    });
    expect(added.status).toBe(201);
    const f = await added.json();
    expect(f.overdue).toBe(true);
    const mine = await (
      await t.request('GET', '/api/v1/follow-ups?mine=true', { session: a })
    ).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([f.id]);
    const overdue = await (
      await t.request('GET', '/api/v1/follow-ups?overdue=true', { session: a })
    ).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(f.id);
    const byTeam = await (
      await t.request('GET', `/api/v1/follow-ups?teamMemberId=${team.expert}`, { session: a })
    ).json();
    expect(byTeam.items).toHaveLength(3);
    const done = await t.request('POST', `/api/v1/follow-ups/${f.id}/complete`, {
      session: a,
      json: { version: 1, note: 'メールで送付済み', completedOn: '2026-05-13' },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      status: 'done',
      overdue: false,
      completedOn: '2026-05-13',
      completionNote: 'メールで送付済み',
      version: 2,
    });
    const after = await (
      await t.request('GET', '/api/v1/follow-ups?overdue=true', { session: a })
    ).json();
    expect(after.items.map((x: { id: string }) => x.id)).not.toContain(f.id);
  });

  it('shows the company timeline newest first with who was there', async () => {
    await t.request('POST', '/api/v1/visits', {
      session: a,
      json: visitBody({
        startsAt: '2026-07-01T14:00:00+09:00',
        status: 'draft',
        followUps: [],
        issues: [],
        kind: 'follow_up',
      }),
    });
    const tl = await (
      await t.request('GET', `/api/v1/companies/${companyId}/timeline`, { session: a })
    ).json();
    const kinds = tl.items.map(
      (i: { type: string; at: string }) => `${i.type}@${i.at.slice(0, 10)}`,
    );
    expect(kinds).toEqual([
      'visit@2026-07-01',
      'follow_up@2026-06-01',
      'follow_up@2026-05-20',
      'follow_up@2026-05-13',
      'visit@2026-05-12',
    ]);
    expect(tl.firstVisitOn).toBe('2026-05-12');
    expect(tl.items[4].visit.team.map((m: { name: string }) => m.name)).toContain('市職員 太郎');
  });

  it('saves a draft with a team, completes it, and counts it only once completed; keeps the next contact day', async () => {
    const dashboard = async () =>
      (await t.request('GET', '/api/v1/dashboard/caravan?fiscalYear=2026', { session: a })).json();
    const before = await dashboard();
    const created = await t.request('POST', '/api/v1/visits', {
      session: a,
      json: visitBody({
        startsAt: '2026-06-03T10:00:00+09:00',
        status: 'draft',
        nextContactOn: '2026-09-01',
        followUps: [],
        team: [
          { supporterId: team.staff, role: 'lead' },
          { supporterId: team.bank, role: 'member' },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const draft = await created.json();
    expect(draft).toMatchObject({ status: 'draft', completedAt: null, version: 1 });
    expect(draft.team.map((m: { supporterId: string }) => m.supporterId)).toEqual([
      team.staff,
      team.bank,
    ]);
    const read = await (
      await t.request('GET', `/api/v1/visits/${draft.id}`, { session: a })
    ).json();
    expect(read.nextContactOn).toBe('2026-09-01');
    // A draft is a plan, not a visit: the counts do not move.
    const whileDraft = await dashboard();
    expect(whileDraft.progress.done).toBe(before.progress.done);
    expect(whileDraft.visitsByMonth).toEqual(before.visitsByMonth);

    const stale = await t.request('POST', `/api/v1/visits/${draft.id}/complete`, {
      session: a,
      json: { version: 2 },
    });
    expect(stale.status).toBe(409);
    const done = await t.request('POST', `/api/v1/visits/${draft.id}/complete`, {
      session: a,
      json: { version: 1 },
    });
    expect(done.status).toBe(200);
    const completed = await done.json();
    expect(completed).toMatchObject({
      status: 'completed',
      version: 2,
      nextContactOn: '2026-09-01',
    });
    expect(completed.completedAt).not.toBeNull();
    const after = await dashboard();
    expect(after.progress.done).toBe(before.progress.done + 1);
    const june = (d: { visitsByMonth: { month: string; visits: number }[] }) =>
      d.visitsByMonth.find((m) => m.month === '2026-06')?.visits ?? 0;
    expect(june(after)).toBe(june(before) + 1);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=visit&entityId=${draft.id}`, { session: a })
    ).json();
    expect(audit.items[0].changes.status).toEqual({ before: 'draft', after: 'completed' });

    // The next contact day is changed and cleared like any field, and read back.
    const moved = await t.request('PATCH', `/api/v1/visits/${draft.id}`, {
      session: a,
      json: { version: 2, nextContactOn: '2026-10-15' },
    });
    expect((await moved.json()).nextContactOn).toBe('2026-10-15');
    await t.request('PATCH', `/api/v1/visits/${draft.id}`, {
      session: a,
      json: { version: 3, nextContactOn: null },
    });
    const cleared = await (
      await t.request('GET', `/api/v1/visits/${draft.id}`, { session: a })
    ).json();
    expect(cleared).toMatchObject({ nextContactOn: null, version: 4 });
  });

  it('flags a company for the planner with a note', async () => {
    const res = await t.request('PUT', `/api/v1/companies/${companyId}/flag`, {
      session: a,
      json: { note: '後継者の話を聞きたい' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      note: '後継者の話を聞きたい',
      supporter: { id: team.staff },
      flaggedBy: '市職員 太郎',
    });
    const tl = await (
      await t.request('GET', `/api/v1/companies/${companyId}/timeline`, { session: a })
    ).json();
    expect(tl.flag.note).toBe('後継者の話を聞きたい');
  });
});

describe('partner scoping and tenant isolation', () => {
  it('lets a partner see only visits, follow-ups and timelines of assigned companies, and complete only their own', async () => {
    const partner = await t.addUser(a, 'partner');
    const other = await (
      await t.request('POST', '/api/v1/companies', {
        session: a,
        json: buildCompany({ name: '担当外製作所' }),
      })
    ).json();
    const otherVisit = await (
      await t.request('POST', '/api/v1/visits', {
        session: a,
        json: visitBody({ companyId: other.id }),
      })
    ).json();
    const ownVisits = await (
      await t.request('GET', `/api/v1/visits?companyId=${companyId}&limit=1`, { session: a })
    ).json();
    const assignedVisit = ownVisits.items[0];
    // Not assigned yet: nothing visible, one visit by its id neither.
    let list = await (await t.request('GET', '/api/v1/visits', { session: partner })).json();
    expect(list.items).toHaveLength(0);
    expect(
      (await t.request('GET', `/api/v1/visits/${assignedVisit.id}`, { session: partner })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/v1/companies/${companyId}/timeline`, { session: partner }))
        .status,
    ).toBe(404);
    await t.request('POST', `/api/v1/companies/${companyId}/assignments`, {
      session: a,
      json: { userId: partner.userId },
    });
    list = await (await t.request('GET', '/api/v1/visits?limit=500', { session: partner })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(new Set(list.items.map((v: { company: { id: string } }) => v.company.id))).toEqual(
      new Set([companyId]),
    );
    const fus = await (await t.request('GET', '/api/v1/follow-ups', { session: partner })).json();
    expect(new Set(fus.items.map((f: { companyId: string }) => f.companyId))).toEqual(
      new Set([companyId]),
    );
    expect(
      (await t.request('GET', `/api/v1/companies/${other.id}/timeline`, { session: partner }))
        .status,
    ).toBe(404);
    // A visit of a company not assigned to the partner is not found; one of theirs is.
    expect(
      (await t.request('GET', `/api/v1/visits/${otherVisit.id}`, { session: partner })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/v1/visits/${assignedVisit.id}`, { session: partner })).status,
    ).toBe(200);
    // The planner and the dashboard are not for partners.
    expect((await t.request('GET', '/api/v1/planner', { session: partner })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/dashboard/caravan', { session: partner })).status).toBe(
      403,
    );
    // The bank officer's supporter record gets linked to the partner login.
    const bank = await (
      await t.request('GET', `/api/v1/supporters/${team.bank}`, { session: a })
    ).json();
    await t.request('PATCH', `/api/v1/supporters/${team.bank}`, {
      session: a,
      json: { userId: partner.userId, version: bank.version },
    });
    const own = fus.items.find(
      (f: { assignee: { id: string } | null }) => f.assignee?.id === team.bank,
    );
    const notOwn = fus.items.find(
      (f: { assignee: { id: string } | null; status: string }) =>
        f.assignee?.id !== team.bank && f.status === 'open',
    );
    expect(
      (
        await t.request('POST', `/api/v1/follow-ups/${notOwn.id}/complete`, {
          session: partner,
          json: { version: notOwn.version },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', `/api/v1/follow-ups/${own.id}/complete`, {
          session: partner,
          json: { version: own.version, note: '融資制度を説明済み' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/visits', { session: partner, json: visitBody() })).status,
    ).toBe(403);
  });

  it('answers 404 to another tenant on every visit, follow-up, supporter and timeline route', async () => {
    const visits = await (await t.request('GET', '/api/v1/visits?limit=1', { session: a })).json();
    const v = visits.items[0];
    const f =
      v.followUps[0] ??
      (await (await t.request('GET', '/api/v1/follow-ups', { session: a })).json()).items[0];
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/visits/${v.id}`],
      ['PATCH', `/api/v1/visits/${v.id}`, { version: v.version, purpose: 'x' }],
      ['POST', `/api/v1/visits/${v.id}/complete`, { version: v.version }],
      ['POST', `/api/v1/visits/${v.id}/follow-ups`, { title: 'x' }],
      ['GET', `/api/v1/follow-ups/${f.id}`],
      ['POST', `/api/v1/follow-ups/${f.id}/complete`, { version: f.version }],
      ['PATCH', `/api/v1/follow-ups/${f.id}`, { version: f.version, title: 'x' }],
      ['GET', `/api/v1/supporters/${team.staff}`],
      ['PATCH', `/api/v1/supporters/${team.staff}`, { version: 1, name: 'x' }],
      ['GET', `/api/v1/companies/${companyId}/timeline`],
      ['PUT', `/api/v1/companies/${companyId}/flag`, { note: 'x' }],
      ['DELETE', `/api/v1/companies/${companyId}/flag`],
      ['POST', `/api/v1/companies/${companyId}/team-proposal`, { purposeCategories: ['知財'] }],
    ];
    for (const [method, path, json] of attempts) {
      const res = await t.request(method, path, { session: b, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const bVisits = await (await t.request('GET', '/api/v1/visits', { session: b })).json();
    expect(bVisits.items).toHaveLength(0);
    // a's company is flagged, visited and has open follow-ups; b's planner and dashboard see none
    // of it (b has no companies and no visits).
    const aPlan = await (await t.request('GET', '/api/v1/planner', { session: a })).json();
    expect(aPlan.items.map((c: { id: string }) => c.id)).toContain(companyId);
    const bPlan = await (await t.request('GET', '/api/v1/planner', { session: b })).json();
    expect(bPlan).toMatchObject({ candidates: 0, items: [], plannedInPeriod: 0 });
    expect(bPlan.progress.done).toBe(0);
    const aDash = await (
      await t.request('GET', '/api/v1/dashboard/caravan?fiscalYear=2026', { session: a })
    ).json();
    expect(aDash.progress.done).toBeGreaterThan(0);
    expect(aDash.followUpsOpen).toBeGreaterThan(0);
    const bDash = await (
      await t.request('GET', '/api/v1/dashboard/caravan?fiscalYear=2026', { session: b })
    ).json();
    expect(bDash).toMatchObject({
      visitsByMonth: [],
      distinctCompanies: 0,
      registeredCompanies: 0,
      followUpsOpen: 0,
      followUpsOverdue: 0,
      visitsByCategory: [],
      averageRelationshipYears: null,
    });
    expect(bDash.progress.done).toBe(0);
    const bFollow = await (await t.request('GET', '/api/v1/follow-ups', { session: b })).json();
    expect(bFollow.items).toHaveLength(0);
    const cross = await t.request('POST', '/api/v1/visits', {
      session: b,
      json: { companyId, startsAt: '2026-05-12T10:00:00+09:00' },
    });
    expect(cross.status).toBe(422);
    expect((await cross.json()).errors[0].field).toBe('companyId');
  });
});
