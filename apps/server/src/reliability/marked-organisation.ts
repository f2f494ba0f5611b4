import { ROLES, type Role } from '@banso/shared';
import { bansoHeaderLine, bansoTestCells, csvLine } from '../features/companies/import/test-files';
import type { TestApp, TestResponse, TestSession } from '../testing/test-app';

/** Kinds of ids an organisation has, as path parameters and id fields name them. */
export const ID_KINDS = [
  'company',
  'user',
  'apiToken',
  'import',
  'program',
  'kpi',
  'supporter',
  'visit',
  'visitIssue',
  'followUp',
  'calendarFeed',
  'listing',
  'match',
  'matchDecision',
  'job',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

export interface MarkedOrganisation {
  admin: TestSession;
  /** A signed-in user of every role (the admin included). */
  sessions: Record<Role, TestSession>;
  /** A personal API token of the admin. */
  token: string;
  /** The calendar feed's file name (`<token>.ics`). */
  feedFile: string;
  ids: Record<IdKind, string[]>;
  /** Strings that appear in this organisation's data and nowhere else. */
  markers: string[];
}

async function expectStatus(res: TestResponse, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`seeding ${what}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

/**
 * A new organisation with a little of everything, each text carrying `marker` (e.g. `QXZB`),
 * made through the HTTP API as its admin: users of every role, an API token, supporters, caravan
 * categories and a visit target, companies (one assigned to the partner, one flagged), a visit
 * with an issue and follow-ups, listings, a match decision and a match, a program with a KPI,
 * matching settings, a calendar feed, a finished CSV import and a queued listings import job.
 */
export async function seedMarkedOrganisation(
  t: TestApp,
  slug: string,
  marker: string,
): Promise<MarkedOrganisation> {
  const admin = await t.createOrganization(slug, `${marker} 支援機関`);
  const ids = Object.fromEntries(ID_KINDS.map((k) => [k, [] as string[]])) as Record<
    IdKind,
    string[]
  >;
  ids.user.push(admin.userId);
  const post = (path: string, json: unknown, status = 201, what = path) =>
    t.request('POST', path, { session: admin, json }).then((r) => expectStatus(r, status, what));
  const put = (path: string, json: unknown) =>
    t.request('PUT', path, { session: admin, json }).then((r) => expectStatus(r, 200, path));

  const sessions = { admin } as Record<Role, TestSession>;
  for (const role of ROLES) {
    if (role === 'admin') continue;
    const s = await t.addUser(admin, role, `${role}-${marker.toLowerCase()}@${slug}.example.jp`);
    sessions[role] = s;
    ids.user.push(s.userId);
  }
  const token = await post('/api/v1/auth/tokens', { name: `${marker} トークン` });
  ids.apiToken.push(token.id);

  await put('/api/v1/caravan/categories', {
    items: [{ name: `${marker}資金繰り`, finance: true }, { name: `${marker}販路開拓` }],
  });
  await put('/api/v1/caravan/targets/2025', { target: 120 });
  await put('/api/v1/matching/settings', { partnerRegions: ['09'] });

  for (const [i, kind] of (['staff', 'financial'] as const).entries()) {
    const s = await post('/api/v1/supporters', {
      name: `${marker} 支援者${i}`,
      kind,
      notes: `${marker} 備考`,
      ...(i === 0 ? { userId: sessions.staff.userId } : {}),
    });
    ids.supporter.push(s.id);
  }
  for (let i = 0; i < 3; i++) {
    const c = await post('/api/v1/companies', {
      name: `${marker}精工${i}株式会社`,
      businessDescription: `${marker} の事業`,
      technologies: [`${marker}切削`],
      tags: [`${marker}タグ`],
      municipalityCode: '141305',
    });
    ids.company.push(c.id);
  }
  const [company0, company1] = ids.company as [string, string];
  const [supporter0, supporter1] = ids.supporter as [string, string];
  await post(`/api/v1/companies/${company0}/assignments`, { userId: sessions.partner.userId }, 204);
  await put(`/api/v1/companies/${company1}/flag`, {
    note: `${marker} 要訪問`,
    supporterId: supporter0,
  });

  const visit = await post('/api/v1/visits', {
    companyId: company0,
    startsAt: '2025-06-03T10:00:00+09:00',
    kind: 'caravan',
    status: 'completed',
    purpose: `${marker} 訪問目的`,
    purposeCategories: [`${marker}資金繰り`],
    team: [
      { supporterId: supporter0, role: 'lead' },
      { supporterId: supporter1, role: 'member' },
    ],
    issues: [{ category: `${marker}販路開拓`, raisedBy: 'owner', description: `${marker} 課題` }],
    followUps: [{ title: `${marker} 宿題`, assigneeId: supporter1, dueOn: '2025-07-01' }],
  });
  ids.visit.push(visit.id);
  for (const issue of visit.issues ?? []) ids.visitIssue.push(issue.id);
  const followUp = await post(`/api/v1/visits/${visit.id}/follow-ups`, {
    title: `${marker} 追加の宿題`,
    assigneeId: supporter0,
  });
  ids.followUp.push(followUp.id);
  for (const f of visit.followUps ?? []) ids.followUp.push(f.id);

  for (let i = 0; i < 2; i++) {
    const l = await post('/api/v1/listings', {
      kind: 'open_patent',
      title: `${marker} 炭素繊維の成形技術${i}`,
      abstract: `${marker} 要約`,
      holderName: `${marker} 化学`,
    });
    ids.listing.push(l.id);
  }
  const [listing0, listing1] = ids.listing as [string, string];
  const decision = await t.request('POST', '/api/v1/matching/decisions', {
    session: admin,
    json: {
      listingId: listing1,
      companyId: company1,
      verdict: 'rejected',
      reason: `${marker} 理由`,
    },
  });
  if (decision.status === 201) ids.matchDecision.push((await decision.json()).id);
  const program = await post('/api/v1/programs', {
    name: `${marker} 事業`,
    fromFy: 2024,
    toFy: 2026,
    summary: [`${marker} 概要`],
  });
  ids.program.push(program.id);
  const kpi = await post(`/api/v1/programs/${program.id}/kpis`, {
    name: `${marker} 成約件数`,
    unit: '件',
    notes: `${marker} 注記`,
  });
  ids.kpi.push(kpi.id);
  const match = await post('/api/v1/matches', {
    listingId: listing0,
    companyId: company0,
    origin: 'individual',
    notes: `${marker} 案件メモ`,
    programId: program.id,
  });
  ids.match.push(match.id);

  const feed = await post(`/api/v1/supporters/${supporter0}/calendar-feeds`, {});
  ids.calendarFeed.push(feed.id);

  const csv =
    bansoHeaderLine() +
    csvLine(bansoTestCells(Math.floor(Math.random() * 1e9), { name: `${marker}インポート工業` }));
  const imported = await t.request('POST', '/api/v1/companies/import', {
    session: admin,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  });
  const result = await expectStatus(imported, 200, 'company import');
  ids.import.push(result.id);
  const job = await t.request('POST', '/api/v1/listings/import', {
    session: admin,
    body: `${JSON.stringify({ id: `${marker}-J1`, title: `${marker} 非同期の出願` })}\n`,
    headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
  });
  ids.job.push((await expectStatus(job, 202, 'listings import job')).jobId);

  return {
    admin,
    sessions,
    token: token.token,
    feedFile: `${String(feed.path ?? feed.token)
      .split('/')
      .pop()
      ?.replace(/\.ics$/, '')}.ics`,
    ids,
    markers: [marker, `${slug}.example.jp`],
  };
}
