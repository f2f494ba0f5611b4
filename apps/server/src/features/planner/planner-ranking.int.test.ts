import { companies, companyFlags, followUps, inTenant, visits } from '@banso/db';
import { CompanyId, FollowUpId, SupporterId, VisitId } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../new-id';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { createRng } from '../demo/prng';
import { PLANNER_DEFAULTS, rankCompanies } from '../visits/visit-planner';
import { createPlannerRepository } from './planner.repository';
import { toFacts } from './planner.service';

/**
 * The planner sums its points in SQL to keep only the best companies (planner.repository.ts
 * `ranked`); the pure module (visit-planner.ts) is the definition. Over generated companies with
 * every reason, their boundaries and many ties, the SQL ranking must equal the pure ranking of
 * all the facts — same companies, same points, same order — on both drivers.
 */

const TODAY = '2026-11-22';
let t: TestApp;
let admin: TestSession;

const ymd = (base: string, days: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** An instant on a Tokyo day, `minutes` after its midnight. */
const tokyo = (day: string, minutes: number) =>
  new Date(Date.parse(`${day}T00:00:00+09:00`) + minutes * 60_000);

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(`${TODAY}T03:00:00Z`) });
  admin = await t.createOrganization('ranking-city');
  const supporter = await t.request('POST', '/api/v1/supporters', {
    session: admin,
    json: { name: '要望 する', kind: 'staff' },
  });
  const supporterId = SupporterId.parse((await supporter.json()).id);
  const rng = createRng(20261122);
  const tenantId = admin.tenantId;
  const kana = ['あ', 'い', 'い', 'う', 'が', 'ぱ', 'ア', 'ー', 'ぁ', 'a', 'B', 'b', '𠮷'];
  const companyRows: (typeof companies.$inferInsert)[] = [];
  const visitRows: (typeof visits.$inferInsert)[] = [];
  const followUpRows: (typeof followUps.$inferInsert)[] = [];
  const flagRows: (typeof companyFlags.$inferInsert)[] = [];
  for (let i = 0; i < 400; i++) {
    const id = newId(CompanyId);
    // Registered around the 90-day window's edges and at the start and end of Tokyo days.
    const registeredDaysAgo = rng.pick([0, 1, 89, 90, 91, 92, 200, 2000, -3]);
    const createdAt = tokyo(ymd(TODAY, -registeredDaysAgo), rng.pick([0, 1, 600, 1439]));
    companyRows.push({
      tenantId,
      id,
      name: `順位${i}`,
      kanaSort: rng.pick(kana) + rng.pick(['', 'い', 'ん']),
      kind: rng.weighted([
        ['sme', 8],
        ['startup', 2],
        ['large', 1],
      ] as const),
      status: rng.chance(0.05) ? 'closed' : 'active',
      archivedAt: rng.chance(0.05) ? createdAt : null,
      municipalityCode: rng.pick(['141305', '141313', null]),
      postalCode: rng.pick(['2100007', '2110063', null]),
      // Around the succession age (65 in 2026 means born in 1961).
      representativeBirthYear: rng.pick([null, 1950, 1960, 1961, 1962, 1980]),
      successorStatus: rng.pick(['unknown', 'decided', 'candidate', 'none', 'not_needed']),
      createdAt,
      updatedAt: createdAt,
    });
    const n = rng.int(0, 3);
    for (let v = 0; v < n; v++) {
      // Month ends and the stale threshold's edges (12 months before 11/22 is 2025-11-22).
      const day = rng.pick([
        '2025-11-22',
        '2025-11-23',
        '2025-10-31',
        '2024-02-29',
        '2023-12-31',
        ymd(TODAY, -rng.int(0, 1200)),
        ymd(TODAY, rng.int(1, 40)), // a future day: drafts planned ahead
      ]);
      const visitId = newId(VisitId);
      const status = day > TODAY || rng.chance(0.15) ? 'draft' : 'completed';
      visitRows.push({
        tenantId,
        id: visitId,
        companyId: id,
        startsAt: tokyo(day, 600),
        localDate: day,
        kind: rng.pick(['caravan', 'phone', 'online']),
        status,
      });
      for (let f = rng.int(0, 2); f > 0; f--)
        followUpRows.push({
          tenantId,
          id: newId(FollowUpId),
          visitId,
          companyId: id,
          title: 'フォローアップ',
          dueOn: rng.pick([null, ymd(TODAY, -rng.int(1, 60)), TODAY, ymd(TODAY, 5)]),
          status: rng.chance(0.7) ? 'open' : 'done',
        });
    }
    if (rng.chance(0.1))
      flagRows.push({
        tenantId,
        companyId: id,
        supporterId: rng.chance(0.5) ? supporterId : null,
        note: rng.chance(0.5) ? '要望あり' : null,
        createdByLabel: '管理者',
      });
  }
  const db = t.deps.db;
  await db.insert(companies).values(companyRows);
  await db.insert(visits).values(visitRows);
  await db.insert(followUps).values(followUpRows);
  await db.insert(companyFlags).values(flagRows);
});
afterAll(() => t.close());

describe('planner ranking in SQL', () => {
  it.each([
    { asOf: TODAY, staleAfterMonths: 12 },
    { asOf: TODAY, staleAfterMonths: 6 },
    { asOf: '2026-12-01', staleAfterMonths: 24 },
    { asOf: '2027-02-01', staleAfterMonths: 1 },
  ])(
    'equals the pure ranking of every company ($asOf, stale after $staleAfterMonths)',
    async ({ asOf, staleAfterMonths }) => {
      const options = { ...PLANNER_DEFAULTS, asOf, staleAfterMonths };
      const { facts, all, top } = await inTenant(
        t.deps.db,
        { tenantId: admin.tenantId },
        async (tx) => {
          const repo = createPlannerRepository(tx);
          return {
            facts: await repo.facts(TODAY, TODAY),
            all: await repo.ranked(TODAY, TODAY, { ...options, limit: 1000 }),
            top: await repo.ranked(TODAY, TODAY, { ...options, limit: 25 }),
          };
        },
      );
      const expected = rankCompanies(facts.map(toFacts), options);
      expect(facts.length).toBeGreaterThan(250);
      expect(expected.length).toBeGreaterThan(100);
      // Ties: far fewer distinct scores than companies.
      expect(new Set(expected.map((c) => c.score)).size).toBeLessThan(expected.length / 4);
      if (asOf === TODAY && staleAfterMonths === 12) {
        // Every reason occurs, and some companies have none.
        expect(expected.length).toBeLessThan(facts.length);
        const codes = new Set(expected.flatMap((c) => c.reasons.map((r) => r.code)));
        expect([...codes].sort()).toEqual([
          'flagged',
          'never_visited',
          'newly_registered',
          'overdue_follow_ups',
          'stale_contact',
          'succession_risk',
        ]);
      }

      expect(all.candidates).toBe(expected.length);
      expect(all.rows.map((r) => [r.id, r.score])).toEqual(expected.map((c) => [c.id, c.score]));
      expect(top.candidates).toBe(expected.length);
      expect(top.rows.map((r) => r.id)).toEqual(expected.slice(0, 25).map((c) => c.id));
      // The facts of the rows kept are those of the reference query (the flag's author included).
      const byId = new Map(facts.map((f) => [f.id, f]));
      for (const { score: _score, ...row } of top.rows) expect(row).toEqual(byId.get(row.id));
    },
  );
});
