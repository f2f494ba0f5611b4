import { ROLES, type Role } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../app-error';
import type { Actor } from '../context';
import { createTestApp, type TestApp } from '../testing/test-app';

/**
 * Who may do what, operation by operation: every public method of every service is called as
 * each role, and whether the policy let it through (anything but `forbidden`) must equal this
 * table. Arguments are junk on purpose: authorisation is the first thing a service does, so a
 * denied role is refused before its input is even looked at, and an allowed one fails later (not
 * found, invalid) or succeeds. A new service method without a row here fails the test.
 */
const ALL: Role[] = ['admin', 'staff', 'coordinator', 'partner', 'viewer'];
const WRITERS: Role[] = ['admin', 'staff', 'coordinator'];
const READERS_NOT_PARTNER: Role[] = ['admin', 'staff', 'coordinator', 'viewer'];
const ADMIN: Role[] = ['admin'];

/** Operations that act before anyone is signed in, or for the system: no actor to authorise. */
const NO_ACTOR = 'no actor';
/** Helpers on a service object that take a caller's transaction or rows, not an actor. */
const INTERNAL = 'internal';

const MATRIX: Record<string, Role[] | typeof NO_ACTOR | typeof INTERNAL> = {
  'auth.login': NO_ACTOR,
  'auth.purgeExpiredSessions': NO_ACTOR,
  'auth.logout': NO_ACTOR,
  'auth.resolveSession': NO_ACTOR,
  'auth.resolveApiToken': NO_ACTOR,
  'auth.createApiToken': ALL,
  'auth.listApiTokens': ALL,
  'auth.revokeApiToken': ALL,
  'users.list': ADMIN,
  // A check inside other operations (assignments, supporters), which authorise themselves.
  'users.exists': ALL,
  'users.get': ADMIN,
  'users.me': ALL,
  'users.updateOwnProfile': ALL,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.resetPassword': ADMIN,
  'users.signInBlocks': ADMIN,
  'users.unlockSignIn': ADMIN,
  'users.createOrganization': NO_ACTOR,
  'users.listOrganizations': NO_ACTOR,
  'users.findOrganization': NO_ACTOR,
  'companies.list': ALL,
  'companies.get': ALL,
  'companies.create': WRITERS,
  'companies.update': WRITERS,
  'companies.archive': WRITERS,
  'companies.restore': WRITERS,
  'companies.history': READERS_NOT_PARTNER,
  'companies.listAssignments': ALL,
  'companies.assign': WRITERS,
  'companies.unassign': WRITERS,
  'programs.list': READERS_NOT_PARTNER,
  'programs.get': READERS_NOT_PARTNER,
  'programs.detail': READERS_NOT_PARTNER,
  'programs.history': READERS_NOT_PARTNER,
  'programs.evaluateForReport': READERS_NOT_PARTNER,
  'programs.achievementSummary': READERS_NOT_PARTNER,
  'programs.create': WRITERS,
  'programs.update': WRITERS,
  'programs.archive': WRITERS,
  'programs.restore': WRITERS,
  'programs.evaluateKpi': READERS_NOT_PARTNER,
  'programs.getKpi': READERS_NOT_PARTNER,
  'programs.createKpi': WRITERS,
  'programs.updateKpi': WRITERS,
  'programs.deleteKpi': WRITERS,
  'programs.previewMetric': READERS_NOT_PARTNER,
  'programs.kpiRecords': READERS_NOT_PARTNER,
  'programs.achievementsOf': INTERNAL,
  'reports.build': READERS_NOT_PARTNER,
  'reports.generate': READERS_NOT_PARTNER,
  'audit.list': ADMIN,
  'setup.needsSetup': NO_ACTOR,
  'setup.complete': NO_ACTOR,
  'supporters.categories': ALL,
  'supporters.checkCategories': ALL,
  'supporters.setCategories': ADMIN,
  'supporters.target': READERS_NOT_PARTNER,
  'supporters.listTargets': READERS_NOT_PARTNER,
  'supporters.setTarget': ADMIN,
  'supporters.list': READERS_NOT_PARTNER,
  'supporters.get': READERS_NOT_PARTNER,
  'supporters.create': WRITERS,
  'supporters.update': WRITERS,
  // Helpers that take a caller's transaction, inside an operation that has authorised.
  'visits.hydrate': INTERNAL,
  'visits.today': ALL,
  'visits.list': ALL,
  'visits.get': ALL,
  'visits.create': WRITERS,
  'visits.update': WRITERS,
  'visits.complete': WRITERS,
  'visits.getFlag': ALL,
  'visits.setFlag': WRITERS,
  'visits.clearFlag': WRITERS,
  'visits.loadCompany': INTERNAL,
  'followUps.present': INTERNAL,
  'followUps.list': ALL,
  'followUps.get': ALL,
  'followUps.create': WRITERS,
  'followUps.update': WRITERS,
  // Partners complete only the follow-ups assigned to their own supporter (checked on the row).
  'followUps.complete': ['admin', 'staff', 'coordinator', 'partner'],
  'followUps.reopen': ['admin', 'staff', 'coordinator', 'partner'],
  'planner.progress': READERS_NOT_PARTNER,
  'planner.plan': READERS_NOT_PARTNER,
  'planner.proposeTeam': WRITERS,
  'planner.dashboard': READERS_NOT_PARTNER,
  // Every role may keep its own feed; a feed of another supporter needs calendar:manage.
  'calendar.list': ALL,
  'calendar.create': ALL,
  'calendar.revoke': ALL,
  'calendar.render': NO_ACTOR,
  'briefing.gather': ALL,
  'briefing.pdf': ALL,
  'listings.get': ALL,
  'listings.list': ALL,
  'listings.createMany': WRITERS,
  'listings.update': WRITERS,
  'listings.setArchived': WRITERS,
  'listings.importFile': WRITERS,
  'listings.queueImport': WRITERS,
  'listings.upsertMany': WRITERS,
  'matches.list': ALL,
  'matches.get': ALL,
  'matches.create': WRITERS,
  'matches.update': WRITERS,
  'matches.moveStage': WRITERS,
  'matches.drop': WRITERS,
  'matches.summary': ALL,
  'matches.openForPairs': ALL,
  'matching.status': READERS_NOT_PARTNER,
  'matching.companiesFor': READERS_NOT_PARTNER,
  'matching.listingsFor': READERS_NOT_PARTNER,
  'matching.decide': WRITERS,
  'matching.settings': READERS_NOT_PARTNER,
  'matching.setSettings': ADMIN,
  'matching.warmUp': NO_ACTOR,
  'matching.close': NO_ACTOR,
  // Visible to its creator and admins; others get not_found, which the matrix counts as allowed.
  'jobs.get': ALL,
  // Likewise: cancelled by its creator or an admin; others get not_found.
  'jobs.cancel': ALL,
};

const JUNK_ID = '00000000-0000-4000-8000-000000000000';
const SERVICES_WITHOUT_OPERATIONS = new Set(['setupToken']);

let t: TestApp;
let actors: Record<Role, Actor>;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.createOrganization('matrix-org');
  actors = Object.fromEntries(
    ROLES.map((role) => [
      role,
      { tenantId: admin.tenantId, userId: admin.userId, role, label: role, via: 'session' },
    ]),
  ) as Record<Role, Actor>;
});
afterAll(() => t.close());

/** Every public method of every service, as `service.method`. */
function operations(): [string, (...args: unknown[]) => unknown][] {
  const out: [string, (...args: unknown[]) => unknown][] = [];
  for (const [name, service] of Object.entries(t.services)) {
    if (SERVICES_WITHOUT_OPERATIONS.has(name) || typeof service !== 'object' || !service) continue;
    for (const [method, fn] of Object.entries(service)) {
      if (typeof fn === 'function') out.push([`${name}.${method}`, fn.bind(service)]);
    }
  }
  return out;
}

/** Allowed unless the call is refused as forbidden within a short while. */
async function allowed(fn: (...args: unknown[]) => unknown, actor: Actor): Promise<boolean> {
  let result: unknown;
  try {
    result = fn(actor, JUNK_ID, { version: 1 }, JUNK_ID);
  } catch (error) {
    return !(error instanceof AppError && error.code === 'forbidden');
  }
  const settled = Promise.resolve(result).then(
    () => true,
    (error: unknown) => !(error instanceof AppError && error.code === 'forbidden'),
  );
  const slow = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3000).unref());
  return Promise.race([settled, slow]);
}

describe('the policy matrix', () => {
  it('names every service operation', () => {
    const names = operations().map(([name]) => name);
    expect(names.filter((n) => !(n in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((n) => !names.includes(n))).toEqual([]);
  });

  it('allows exactly the roles the table names, for every operation', async () => {
    const observed: Record<string, Role[] | typeof NO_ACTOR | typeof INTERNAL> = {};
    for (const [name, fn] of operations()) {
      const expected = MATRIX[name];
      if (expected === NO_ACTOR || expected === INTERNAL) {
        observed[name] = expected;
        continue;
      }
      const roles: Role[] = [];
      for (const role of ALL) if (await allowed(fn, actors[role])) roles.push(role);
      observed[name] = roles;
    }
    expect(observed).toEqual(MATRIX);
  }, 300_000);
});
