import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { DEMO_HOLDER_COUNT } from './demo-matching';
import {
  DEMO_ASSIGNED_COMPANIES,
  DEMO_ORGANIZATION,
  DEMO_USERS,
  type SeedDemoResult,
  seedDemo,
} from './demo-seed';

const PASSWORD = 'demo-password-for-tests';
const COMPANIES = 30;
/** The demo firms and the three fictional patent holders. */
const REGISTERED = COMPANIES + DEMO_HOLDER_COUNT;

let t: TestApp;
let result: SeedDemoResult;

beforeAll(async () => {
  t = await createTestApp();
  result = await seedDemo(t.services, { companies: COMPANIES, seed: 7, password: PASSWORD });
});
afterAll(() => t.close());

const login = (key: (typeof DEMO_USERS)[number]['key']): Promise<TestSession> => {
  const user = DEMO_USERS.find((u) => u.key === key);
  return t.login(DEMO_ORGANIZATION.slug, user?.email ?? '', PASSWORD);
};

const listNames = async (session: TestSession): Promise<string[]> => {
  const res = await t.request('GET', '/api/v1/companies?limit=500', { session });
  expect(res.status).toBe(200);
  return (await res.json()).items.map((c: { name: string }) => c.name);
};

describe('banso demo (seedDemo)', () => {
  it('loads the six programs of the Kawasaki KPI report with their KPIs', async () => {
    expect(result.status === 'created' && [result.programs, result.kpis]).toEqual([6, 21]);
    const res = await t.request('GET', '/api/v1/programs', { session: await login('admin') });
    const list = await res.json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual([
      'welltech',
      'side-job',
      'night-economy',
      'factory-revival',
      'ip-network',
      'king-skyfront',
    ]);
  });

  it('creates the demo organisation, three users and the fictional companies', () => {
    expect(result.status).toBe('created');
    if (result.status !== 'created') return;
    expect(result.tenant).toMatchObject({ slug: 'demo', name: '川崎市 デモ支援機関（架空）' });
    expect(result.password).toBe(PASSWORD);
    expect(result.companies).toBe(COMPANIES);
    expect(result.users.map((u) => [u.email, u.role])).toEqual([
      ['demo@banso.example', 'admin'],
      ['demo-staff@banso.example', 'staff'],
      ['demo-partner@banso.example', 'partner'],
    ]);
  });

  it('lets the demo admin log in and see every company, each tagged 架空', async () => {
    const admin = await login('admin');
    const res = await t.request('GET', '/api/v1/companies?limit=500', { session: admin });
    const page = await res.json();
    expect(page.items).toHaveLength(REGISTERED);
    for (const c of page.items) expect(c.tags).toContain('架空');
    const tagged = await (
      await t.request('GET', `/api/v1/companies?tag=${encodeURIComponent('架空')}&limit=500`, {
        session: admin,
      })
    ).json();
    expect(tagged.items).toHaveLength(REGISTERED);
  });

  it('finds a demo company by its reading in hiragana', async () => {
    const admin = await login('admin');
    const first = (
      await (await t.request('GET', '/api/v1/companies?limit=1', { session: admin })).json()
    ).items[0];
    const hiragana = String(first.nameKana).replace(/[\u30a1-\u30f6]/g, (ch) =>
      String.fromCharCode(ch.charCodeAt(0) - 0x60),
    );
    const found = await (
      await t.request('GET', `/api/v1/companies?q=${encodeURIComponent(hiragana)}`, {
        session: admin,
      })
    ).json();
    expect(found.items.map((c: { id: string }) => c.id)).toContain(first.id);
  });

  it('shows the partner only the companies assigned to them', async () => {
    if (result.status !== 'created') throw new Error('not created');
    const assigned = result.users.find((u) => u.role === 'partner')?.assigned ?? [];
    expect(assigned).toHaveLength(DEMO_ASSIGNED_COMPANIES);
    const partner = await login('partner');
    expect((await listNames(partner)).sort()).toEqual([...assigned].sort());

    const admin = await login('admin');
    const all = (
      await (await t.request('GET', '/api/v1/companies?limit=500', { session: admin })).json()
    ).items as { id: string; name: string }[];
    const hidden = all.find((c) => !assigned.includes(c.name));
    const res = await t.request('GET', `/api/v1/companies/${hidden?.id}`, { session: partner });
    expect(res.status).toBe(404);
  });

  it('lets the staff user log in and see every company', async () => {
    const staff = await login('staff');
    expect(await listNames(staff)).toHaveLength(REGISTERED);
  });

  it('refuses to run twice and changes nothing', async () => {
    const again = await seedDemo(t.services, { companies: 5, password: 'another-password-123' });
    expect(again.status).toBe('exists');
    const admin = await login('admin');
    expect(await listNames(admin)).toHaveLength(REGISTERED);
  });
});

describe('banso demo: IP matching', () => {
  it('registers fictional open patents whose candidates come from the demo firms, and matches along the pipeline', async () => {
    expect(result.status === 'created' && result.matching).toEqual({ listings: 12, matches: 4 });
    const admin = await login('admin');
    const listings = await (await t.request('GET', '/api/v1/listings', { session: admin })).json();
    expect(listings.total).toBe(12);
    const antibacterial = listings.items.find(
      (l: { title: string }) => l.title === '抗菌性金属表面の形成方法',
    );
    expect(antibacterial.holderName).toBe('架空素材工業株式会社');
    const candidates = await (
      await t.request('GET', `/api/v1/listings/${antibacterial.id}/candidates?top=5`, {
        session: admin,
      })
    ).json();
    expect(candidates.items.length).toBeGreaterThan(0);
    expect(candidates.items[0].reasons.length).toBeGreaterThan(0);
    const summary = await (
      await t.request('GET', '/api/v1/matches/summary', { session: admin })
    ).json();
    const reached = (s: string) =>
      summary.funnel.find((f: { stage: string }) => f.stage === s).reached;
    expect([reached('candidate'), reached('contracted'), reached('commercialized')]).toEqual([
      4, 2, 1,
    ]);
  });
});
