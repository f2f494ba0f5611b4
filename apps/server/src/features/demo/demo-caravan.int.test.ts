import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { DEMO_SUPPORTERS, seedDemoCaravan } from './demo-caravan';

let t: TestApp;
const TODAY = new Date('2026-06-15T03:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => TODAY });
});
afterAll(() => t.close());

async function seededOrg(slug: string) {
  const admin = await t.createOrganization(slug);
  const companies: { id: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: buildCompany({ name: `デモ caravan ${i}`, nameKana: `デモ${i}` }),
    });
    companies.push({ id: (await res.json()).id });
  }
  const partner = await t.addUser(admin, 'partner');
  const actor: Actor = {
    tenantId: admin.tenantId,
    userId: admin.userId,
    role: 'admin',
    label: 'banso demo',
    via: 'cli',
  };
  const partnerCompanies = (companies.slice(0, 2) as { id: string }[]).map((c) => c.id);
  for (const id of partnerCompanies)
    await t.request('POST', `/api/v1/companies/${id}/assignments`, {
      session: admin,
      json: { userId: partner.userId },
    });
  const result = await seedDemoCaravan(t.services, actor, {
    companies,
    logins: { partner: partner.userId },
    partnerCompanies,
    today: TODAY,
    seed: 3,
  });
  return { admin, partner, result, partnerCompanies };
}

const shape = async (session: TestSession) =>
  (
    await (await t.request('GET', '/api/v1/visits?limit=500&order=asc', { session })).json()
  ).items.map(
    (v: {
      localDate: string;
      kind: string;
      status: string;
      issues: { category: string }[];
      team: unknown[];
    }) =>
      [
        v.localDate,
        v.kind,
        v.status,
        v.issues.map((i) => i.category).join(','),
        v.team.length,
      ].join(' '),
  );

describe('demo caravan data', () => {
  it('creates the roster, a year of visits with follow-ups and planned visits, the same for the same seed', async () => {
    const one = await seededOrg('demo-caravan-1');
    const two = await seededOrg('demo-caravan-2');
    expect(one.result.supporters).toBe(DEMO_SUPPORTERS.length);
    expect(one.result.visits).toBeGreaterThanOrEqual(5);
    expect(one.result.planned).toBe(2);
    expect(one.result).toEqual(two.result);
    expect(await shape(one.admin)).toEqual(await shape(two.admin));

    // Every demo visit lies within the last 360 days: FY2025 and FY2026 together count them all.
    let done = 0;
    let categories = 0;
    for (const fy of [2025, 2026]) {
      const dash = await (
        await t.request('GET', `/api/v1/dashboard/caravan?fiscalYear=${fy}`, { session: one.admin })
      ).json();
      done += dash.progress.done;
      categories += dash.visitsByCategory.length;
    }
    expect(done).toBe(one.result.visits);
    expect(categories).toBeGreaterThan(0);
    const plan = await (await t.request('GET', '/api/v1/planner', { session: one.admin })).json();
    expect(plan.plannedInPeriod + plan.candidates).toBeGreaterThan(0);

    // The partner's bank officer record is linked and sees only the assigned companies' visits.
    const visits = await (
      await t.request('GET', '/api/v1/visits?limit=500', { session: one.partner })
    ).json();
    expect(visits.items.length).toBeGreaterThanOrEqual(4);
    expect(
      visits.items.every((v: { company: { id: string } }) =>
        one.partnerCompanies.includes(v.company.id),
      ),
    ).toBe(true);
    const mine = await (
      await t.request('GET', '/api/v1/follow-ups?mine=true', { session: one.partner })
    ).json();
    expect(Array.isArray(mine.items)).toBe(true);
  });
});
