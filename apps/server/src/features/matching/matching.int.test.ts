import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  findMunicipality,
  isValidJsicCode,
  ListingId,
  MATCHING_INDEX_BUILDING,
} from '@banso/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../http/app';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { createMatchingService } from './matching.service';

/**
 * IP matching over the API on a real database: listings and companies from the labelled
 * fixtures, explained candidates both ways, decisions that change later rankings, the index
 * kept current by the database's notifications (also for a second app on the same database,
 * as a second server process would be), and tenant isolation.
 */

const fixtures = path.resolve(import.meta.dirname, '../../../../../test/fixtures/matching');
const jsonl = (file: string) =>
  readFileSync(path.join(fixtures, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const patents = jsonl('patents.jsonl').slice(0, 6);
const firms = jsonl('companies.jsonl').slice(0, 8);

let t: TestApp;
let a: TestSession;
let b: TestSession;
const company: Record<string, string> = {};
const listing: Record<string, string> = {};
let holderId: string;

/** Polls until `ok` holds (a notification arrives asynchronously); generous for a loaded machine. */
const waitFor = <T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string) =>
  vi.waitFor(
    async () => {
      const v = await probe();
      if (!ok(v)) throw new Error(`still waiting for ${what}`);
      return v;
    },
    { timeout: 30_000, interval: 50 },
  );

const candidatesOf = async (listingId: string, session = a) => {
  const res = await t.request('GET', `/api/v1/listings/${listingId}/candidates?top=10`, {
    session,
  });
  expect(res.status).toBe(200);
  return (await res.json()).items as {
    id: string;
    label: string;
    score: number;
    summary: string;
    reasons: { type: string; term?: string; reason?: string; verdict?: string }[];
    highlight: string[];
    decision: { verdict: string; reason: string } | null;
    matchId: string | null;
  }[];
};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki-ip');
  b = await t.createOrganization('gifu-ip');
  const holder = await t.request('POST', '/api/v1/companies', {
    session: a,
    json: buildCompany({
      name: '大手素材メーカーA株式会社',
      kind: 'large',
      technologies: ['炭素繊維強化樹脂', 'プリプレグ積層'],
      businessDescription: '炭素繊維強化樹脂の素材と成形技術を持つ。',
    }),
  });
  holderId = (await holder.json()).id;
  for (const f of firms) {
    const res = await t.request('POST', '/api/v1/companies', {
      session: a,
      json: buildCompany({
        name: String(f.name),
        kind: 'sme',
        businessDescription: String(f.description),
        technologies: f.technologies as string[],
        products: f.products as string[],
        equipment: f.equipment as string[],
        needs: [String(f.needs)],
        // The engine's fixture has a few codes the registry refuses (JSIC 2919, 141381).
        ...(isValidJsicCode(String(f.jsic)) ? { jsicCode: String(f.jsic) } : {}),
        ...(findMunicipality(String(f.municipality))
          ? { municipalityCode: String(f.municipality) }
          : {}),
      }),
    });
    expect(res.status, String(f.id)).toBe(201);
    company[String(f.id)] = (await res.json()).id;
  }
  for (const p of patents) {
    const res = await t.request('POST', '/api/v1/listings', {
      session: a,
      json: {
        title: p.title,
        abstract: p.abstract,
        technicalFields: p.fields,
        applicableProducts: p.applicable_products,
        ipc: p.ipc,
        externalId: p.id,
        ...(p.id === 'P01' ? { holderCompanyId: holderId } : { holderName: p.holder }),
        source: 'INPIT 開放特許情報データベース（試験データ）',
      },
    });
    expect(res.status, String(p.id)).toBe(201);
    listing[String(p.id)] = (await res.json()).id;
  }
  // Load the analyser and build the index once here: a loaded CI machine may need longer than
  // a request waits (the 503 while building is tested on its own below).
  await t.services.matching.index.ready(a.tenantId);
}, 120_000);
afterAll(() => t.close());

describe('open-patent registry', () => {
  it('stores a listing with normalised IPC codes, its holder and the audit trail', async () => {
    const res = await t.request('GET', `/api/v1/listings/${listing.P01}`, { session: a });
    const body = await res.json();
    expect(body).toMatchObject({
      kind: 'open_patent',
      side: 'seed',
      title: '炭素繊維強化樹脂製の軽量パネル及びその成形方法',
      ipc: ['B29C 70/06', 'B32B 5/28'],
      holderCompanyId: holderId,
      holderName: '大手素材メーカーA株式会社',
      status: 'offered',
      licensing: 'non_exclusive',
    });
    const audit = await t.request('GET', `/api/v1/audit?entity=listing&entityId=${listing.P01}`, {
      session: a,
    });
    expect((await audit.json()).items.map((e: { action: string }) => e.action)).toContain('create');
  });

  it('refuses an unknown IPC subclass and registration before filing (422, nothing saved)', async () => {
    const before = (await (await t.request('GET', '/api/v1/listings', { session: a })).json())
      .total;
    const res = await t.request('POST', '/api/v1/listings', {
      session: a,
      json: {
        title: '試験',
        ipc: ['B29Z 1/00'],
        filedOn: '2020-05-01',
        registeredOn: '2020-04-01',
      },
    });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'ipc.0', code: 'ipc_unknown' }),
        expect.objectContaining({ field: 'registeredOn', code: 'date_order' }),
      ]),
    );
    expect(problem.errors[0].message).toMatch(/国際特許分類|登録|日付/);
    const after = (await (await t.request('GET', '/api/v1/listings', { session: a })).json()).total;
    expect(after).toBe(before);
  });

  it('searches listings width- and kana-insensitively, by IPC prefix and by kind', async () => {
    const list = async (q: string) =>
      (await (await t.request('GET', `/api/v1/listings?${q}`, { session: a })).json()).items.map(
        (l: { externalId: string }) => l.externalId,
      );
    // Half-width katakana finds ドローン among P01's applicable products.
    expect(await list(`q=${encodeURIComponent('ﾄﾞﾛｰﾝ')}`)).toEqual(['P01']);
    expect(await list(`q=${encodeURIComponent('外観検査')}`)).toEqual(['P02']);
    expect(await list(`q=${encodeURIComponent('存在しない語')}`)).toEqual([]);
    expect(await list('ipc=G06T')).toEqual(['P02']);
    expect(await list('kind=welfare_need')).toEqual([]);
  });
});

describe('candidates, explained', () => {
  it('ranks the firm written for a patent first, with shared terms and the fields they came from', async () => {
    const items = await candidatesOf(listing.P01 as string);
    expect(items[0]?.id).toBe(company.C01);
    expect(items[0]?.label).toBe('株式会社川崎コンポジット');
    expect(items[0]?.summary).toMatch(/共通|関連/);
    expect(items[0]?.reasons.some((r) => r.type === 'term')).toBe(true);
    expect(items[0]?.highlight.length).toBeGreaterThan(0);
    // The holder (a large company) is never its own candidate; only SMEs and startups are.
    expect(items.map((i) => i.id)).not.toContain(holderId);
  });

  it('ranks patents for a company (the other direction)', async () => {
    const res = await t.request('GET', `/api/v1/companies/${company.C02}/listing-candidates`, {
      session: a,
    });
    const items = (await res.json()).items;
    expect(items[0].id).toBe(listing.P02);
    expect(items[0].label).toBe('画像認識を用いた外観検査装置');
  });

  it('says the index is ready, with the documents it holds', async () => {
    const res = await t.request('GET', '/api/v1/matching/status', { session: a });
    expect(await res.json()).toMatchObject({ state: 'ready', seeds: 6, needs: 9 });
  });
});

describe('decisions teach the engine', () => {
  it('a rejected candidate falls with its reason shown; an accepted one opens a 候補 match', async () => {
    const before = await candidatesOf(listing.P02 as string);
    const top = before[0];
    const second = before[1];
    if (!top || !second) throw new Error('expected two candidates');
    const reject = await t.request('POST', '/api/v1/matching/decisions', {
      session: a,
      json: {
        listingId: listing.P02,
        companyId: top.id,
        verdict: 'rejected',
        reason: '自社製品と競合する',
      },
    });
    expect(reject.status).toBe(201);
    expect((await reject.json()).matchId).toBeNull();
    const accept = await t.request('POST', '/api/v1/matching/decisions', {
      session: a,
      json: { listingId: listing.P02, companyId: second.id, verdict: 'accepted' },
    });
    const { matchId } = await accept.json();
    expect(matchId).toEqual(expect.any(String));

    const after = await candidatesOf(listing.P02 as string);
    const rejected = after.find((c) => c.id === top.id);
    // The rejected pair falls below the others; the accepted one rises (learned associations).
    expect(after.findIndex((c) => c.id === top.id)).toBeGreaterThan(0);
    expect(rejected?.score).toBeLessThan(top.score * 0.1);
    expect(after.find((c) => c.id === second.id)?.score).toBeGreaterThan(second.score);
    expect(rejected?.decision).toMatchObject({ verdict: 'rejected', reason: '自社製品と競合する' });
    expect(rejected?.reasons).toContainEqual(
      expect.objectContaining({
        type: 'feedback',
        verdict: 'rejected',
        reason: '自社製品と競合する',
      }),
    );
    expect(after.find((c) => c.id === second.id)?.matchId).toBe(matchId);

    const match = await (
      await t.request('GET', `/api/v1/matches/${matchId}`, { session: a })
    ).json();
    expect(match).toMatchObject({
      stage: 'candidate',
      status: 'active',
      origin: 'engine',
      listingTitle: '画像認識を用いた外観検査装置',
    });
    expect(match.proposal.summary).not.toBe('');
  });

  it('a rejection needs a reason', async () => {
    const res = await t.request('POST', '/api/v1/matching/decisions', {
      session: a,
      json: { listingId: listing.P03, companyId: company.C03, verdict: 'rejected' },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({ field: 'reason', code: 'required' });
  });
});

describe('kept current by the database', () => {
  it('updates candidates when a company changes (API edit, announced by the trigger)', async () => {
    const id = company.C08 as string;
    const current = await (
      await t.request('GET', `/api/v1/companies/${id}`, { session: a })
    ).json();
    const res = await t.request('PATCH', `/api/v1/companies/${id}`, {
      session: a,
      json: {
        version: current.version,
        technologies: ['見守りセンサ', '赤外線センサ', '介護施設向けシステム'],
        businessDescription: '介護職員の負担を減らす見守り機器を作る。',
      },
    });
    expect(res.status).toBe(200);
    await waitFor(
      () => candidatesOf(listing.P03 as string),
      (items) => items.slice(0, 3).some((c) => c.id === id),
      'the changed company among the watch-system patent’s candidates',
    );
  });

  it('a second app on the same database (another process) sees changes made by SQL elsewhere', async () => {
    const second = createApp(t.deps);
    const actor = {
      tenantId: a.tenantId,
      userId: a.userId,
      role: 'admin' as const,
      label: 't',
      via: 'cli' as const,
    };
    const engine = await second.services.matching.index.ready(a.tenantId);
    expect(engine.size.seeds).toBe(6);
    // Withdrawn by a direct UPDATE, as a CLI import or another server would commit it.
    await t.deps.db.execute(
      sql`update listings set status = 'withdrawn' where tenant_id = ${a.tenantId} and id = ${listing.P06}`,
    );
    await waitFor(
      async () => (await second.services.matching.index.ready(a.tenantId)).size.seeds,
      (n) => n === 5,
      'the withdrawn listing to leave the other process’s index',
    );
    expect(
      await second.services.matching.companiesFor(actor, ListingId.parse(listing.P06), 5, 'ja'),
    ).toEqual([]);
    await second.services.matching.close();
  });

  it('the warm-up at start builds the index of each organisation with listings, and no other', async () => {
    const started = createApp(t.deps);
    const index = started.services.matching.index;
    expect(index.status(a.tenantId).state).toBe('idle');
    await started.services.matching.warmUp();
    // P06 was withdrawn above: five listings are still offered.
    expect(index.status(a.tenantId)).toMatchObject({ state: 'ready', seeds: 5 });
    expect(index.status(a.tenantId).needs).toBeGreaterThan(0);
    // B has no listings: its index is left to be built on first use.
    expect(index.status(b.tenantId).state).toBe('idle');
    await started.services.matching.close();
  });
});

describe('while an index is being built', () => {
  it('answers 503 service_unavailable with Retry-After once the wait is over', async () => {
    const slow = createMatchingService({
      ...t.deps,
      analyzer: () => new Promise(() => {}), // still loading
      matches: t.services.matches,
      listings: t.services.listings,
      readyWaitMs: 50,
    });
    const actor = {
      tenantId: a.tenantId,
      userId: a.userId,
      role: 'admin' as const,
      label: 't',
      via: 'cli' as const,
    };
    const error = await slow
      .companiesFor(actor, ListingId.parse(listing.P01), 5, 'ja')
      .catch((e) => e);
    expect(error).toMatchObject({
      code: 'service_unavailable',
      headers: { 'Retry-After': '10' },
      userMessage: MATCHING_INDEX_BUILDING,
    });
    expect(slow.status(actor).state).toBe('idle');
    await slow.close();
  });
});

describe('tenant isolation', () => {
  it('another organisation sees none of the listings, candidates or matches', async () => {
    const list = await (await t.request('GET', '/api/v1/listings', { session: b })).json();
    expect(list.items).toEqual([]);
    for (const [method, url] of [
      ['GET', `/api/v1/listings/${listing.P01}`],
      ['GET', `/api/v1/listings/${listing.P01}/candidates`],
      ['GET', `/api/v1/companies/${company.C01}/listing-candidates`],
    ] as const) {
      const res = await t.request(method, url, { session: b });
      expect(res.status, url).toBe(404);
    }
    const decide = await t.request('POST', '/api/v1/matching/decisions', {
      session: b,
      json: { listingId: listing.P01, companyId: company.C01, verdict: 'accepted' },
    });
    expect(decide.status).toBe(422);
    const matches = await (await t.request('GET', '/api/v1/matches', { session: b })).json();
    expect(matches.items).toEqual([]);
    // B's own index holds only B's (no) documents.
    const status = await (await t.request('GET', '/api/v1/matching/status', { session: b })).json();
    expect(status).toMatchObject({ seeds: 0, needs: 0 });
  });

  it('a partner cannot see candidates, and sees only matches of companies assigned to them', async () => {
    const partner = await t.addUser(a, 'partner');
    const res = await t.request('GET', `/api/v1/listings/${listing.P01}/candidates`, {
      session: partner,
    });
    expect(res.status).toBe(403);
    const seen = async () =>
      (await (await t.request('GET', '/api/v1/matches', { session: partner })).json()).items;
    expect(await seen()).toEqual([]);
    const all = (await (await t.request('GET', '/api/v1/matches', { session: a })).json()).items;
    const assign = await t.request('POST', `/api/v1/companies/${all[0].companyId}/assignments`, {
      session: a,
      json: { userId: partner.userId },
    });
    expect(assign.status).toBe(204);
    expect((await seen()).map((m: { id: string }) => m.id)).toEqual([all[0].id]);
  });
});

describe('partner regions (連携地域)', () => {
  // Two firms written alike, one in Tokyo (千代田区) and one in 宇都宮市 (栃木県), for a patent
  // held in Kawasaki: without partner regions they tie.
  const text = '和紙の抄紙と楮繊維の精製を手がける。';
  const firm: Record<string, string> = {};
  let washi: string;
  const settingsOf = async (session: TestSession) =>
    t.request('GET', '/api/v1/matching/settings', { session });
  const put = (session: TestSession, partnerRegions: unknown[], headers = {}) =>
    t.request('PUT', '/api/v1/matching/settings', {
      session,
      json: { partnerRegions },
      headers,
    });
  const pair = async () => {
    const items = await waitFor(
      () => candidatesOf(washi),
      (list) => list.filter((c) => c.id === firm.tokyo || c.id === firm.utsunomiya).length === 2,
      'both washi firms among the candidates',
    );
    const tokyo = items.findIndex((c) => c.id === firm.tokyo);
    const utsunomiya = items.findIndex((c) => c.id === firm.utsunomiya);
    return {
      items,
      tokyo: items[tokyo],
      utsunomiya: items[utsunomiya],
      order: { tokyo, utsunomiya },
    };
  };

  beforeAll(async () => {
    for (const [key, municipalityCode] of [
      ['tokyo', '131016'],
      ['utsunomiya', '092011'],
    ] as const) {
      const res = await t.request('POST', '/api/v1/companies', {
        session: a,
        json: buildCompany({
          name: `${key} 和紙工房株式会社`,
          businessDescription: text,
          technologies: ['抄紙', '楮繊維'],
          municipalityCode,
        }),
      });
      expect(res.status).toBe(201);
      firm[key] = (await res.json()).id;
    }
    const res = await t.request('POST', '/api/v1/listings', {
      session: a,
      json: {
        title: '楮繊維を用いた和紙の抄紙方法',
        abstract: '楮繊維の精製と和紙の抄紙を短時間で行う。',
        holderName: '川崎製紙研究所',
        municipalityCode: '141305',
      },
    });
    expect(res.status).toBe(201);
    washi = (await res.json()).id;
  });

  it('starts with none', async () => {
    const res = await settingsOf(a);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ partnerRegions: [] });
    const { tokyo, utsunomiya } = await pair();
    expect(utsunomiya?.score).toBe(tokyo?.score);
    expect(utsunomiya?.reasons.some((r) => r.type === 'region')).toBe(false);
  });

  it('an admin sets them; a candidate located there ranks higher and says why', async () => {
    const res = await put(a, ['０９', '14100']);
    expect(res.status).toBe(200);
    const saved = {
      partnerRegions: [
        { code: '09', kind: 'prefecture', name: '栃木県', nameEn: 'Tochigi' },
        { code: '141003', kind: 'municipality', name: '神奈川県 横浜市', nameEn: null },
      ],
    };
    expect(await res.json()).toEqual(saved);
    expect(await (await settingsOf(a)).json()).toEqual(saved);

    const { tokyo, utsunomiya, order } = await pair();
    expect(order.utsunomiya).toBeLessThan(order.tokyo);
    expect(utsunomiya?.score).toBeGreaterThan(tokyo?.score ?? Infinity);
    expect(utsunomiya?.reasons).toContainEqual({
      type: 'region',
      level: 'partner',
      region: '09',
      name: '栃木県',
      nameEn: 'Tochigi',
    });
    expect(utsunomiya?.summary).toContain('連携地域（栃木県）');
    expect(tokyo?.reasons.some((r) => r.type === 'region')).toBe(false);

    const en = await t.request('GET', `/api/v1/listings/${washi}/candidates?top=10`, {
      session: a,
      headers: { 'accept-language': 'en' },
    });
    const enItem = (await en.json()).items.find((c: { id: string }) => c.id === firm.utsunomiya);
    expect(enItem.summary).toContain('partner region (Tochigi)');

    const audit = await t.request(
      'GET',
      `/api/v1/audit?entity=matching_settings&entityId=${a.tenantId}`,
      { session: a },
    );
    expect((await audit.json()).items[0]).toMatchObject({
      action: 'update',
      changes: { partnerRegions: { before: [], after: ['09', '141003'] } },
    });
  });

  it('refuses unknown codes with the field (422, nothing saved)', async () => {
    const res = await put(a, ['09', '99999', '1'], { 'accept-language': 'ja' });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'partnerRegions.1', code: 'municipality_unknown' }),
      expect.objectContaining({ field: 'partnerRegions.2', code: 'municipality_unknown' }),
    ]);
    expect(problem.errors[0].message).toContain('全国地方公共団体コード');
    // A 6-digit code with a wrong check digit is unknown too.
    const wrong = await put(a, ['092012'], { 'accept-language': 'en' });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors[0]).toMatchObject({
      field: 'partnerRegions.0',
      message: 'This is not a valid local government code.',
    });
    expect((await (await settingsOf(a)).json()).partnerRegions).toHaveLength(2);
  });

  it('only an admin may change them; a partner may not read them', async () => {
    const staff = await t.addUser(a, 'staff');
    const viewer = await t.addUser(a, 'viewer');
    const partner = await t.addUser(a, 'partner');
    for (const session of [staff, viewer, partner]) {
      const res = await put(session, ['13']);
      expect(res.status).toBe(403);
    }
    expect((await settingsOf(viewer)).status).toBe(200);
    expect((await settingsOf(partner)).status).toBe(403);
    expect(
      (await (await settingsOf(a)).json()).partnerRegions.map((r: { code: string }) => r.code),
    ).toEqual(['09', '141003']);
  });

  it('another organisation’s setting has no effect here, and neither reads the other’s', async () => {
    const res = await put(b, ['13']);
    expect(res.status).toBe(200);
    expect(await (await settingsOf(b)).json()).toEqual({
      partnerRegions: [{ code: '13', kind: 'prefecture', name: '東京都', nameEn: 'Tokyo' }],
    });
    const own = await (await settingsOf(a)).json();
    expect(own.partnerRegions.map((r: { code: string }) => r.code)).toEqual(['09', '141003']);
    const { tokyo, order } = await pair();
    expect(order.utsunomiya).toBeLessThan(order.tokyo);
    expect(tokyo?.reasons.some((r) => r.type === 'region')).toBe(false);
    // B still cannot see A's candidates.
    const other = await t.request('GET', `/api/v1/listings/${washi}/candidates`, { session: b });
    expect(other.status).toBe(404);
  });

  it('cleared, the two firms tie again', async () => {
    expect((await put(a, [])).status).toBe(200);
    const { tokyo, utsunomiya } = await pair();
    expect(utsunomiya?.score).toBe(tokyo?.score);
  });
});
