import { executeRows, inTenant, type TenantTx } from '@banso/db';
import {
  insertForeignUser,
  organisationsOfRows,
  type TenantTableState,
  tenantTables,
  unfilteredOrganisations,
} from '@banso/db/testing';
import type { TenantId } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, seedDemo } from '../features/demo/demo-seed';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';

/**
 * Row-level security is the backstop under the scoped repositories: inside an organisation's
 * transaction, a query written with no organisation filter at all sees, and may write, only that
 * organisation's rows — on every table, on both drivers.
 */
let t: TestApp;
let demoTenant: TenantId;
let other: TestSession;
let tables: TenantTableState[];

/** Tables the demo organisation (plus a sign-in and an API token) leaves empty. */
const EMPTY_IN_DEMO = [
  'calendar_feeds',
  'company_flags',
  'imports',
  'jobs',
  'match_decisions',
  'visit_targets',
];

beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedDemo(t.services, { companies: 20, seed: 3, password: 'demo-pass-123456' });
  demoTenant = demo.tenant.id;
  // A session and an API token of the demo organisation.
  const demoAdmin = await t.login(demo.tenant.slug, DEMO_USERS[0].email, 'demo-pass-123456');
  const token = await t.request('POST', '/api/v1/auth/tokens', {
    session: demoAdmin,
    json: { name: 'isolation' },
  });
  expect(token.status).toBe(201);
  // A failed sign-in in each organisation (sign-in counts carry the organisation tried).
  for (const organization of [demo.tenant.slug, 'other-org']) {
    if (organization === 'other-org') other = await t.createOrganization('other-org');
    const failed = await t.request('POST', '/api/v1/auth/login', {
      json: { organization, email: 'typo@example.jp', password: 'not-the-password' },
    });
    expect(failed.status).toBe(401);
  }
  // The other organisation has a little of its own.
  const res = await t.request('POST', '/api/v1/companies', {
    session: other,
    json: { name: '他機関の会社株式会社', kind: 'sme' },
  });
  expect(res.status).toBe(201);
  tables = await tenantTables(t.database.db);
}, 240_000);
afterAll(() => t.close());

describe('row-level security', () => {
  it('is on and forced on every table that carries an organisation, with both policies', () => {
    const owned = tables.filter((x) => x.tenantColumn !== null);
    // Every table of the schema carries its organisation (drizzle's migration journal lives elsewhere).
    expect(tables.filter((x) => x.tenantColumn === null).map((x) => x.table)).toEqual([]);
    expect(owned.length).toBeGreaterThanOrEqual(24);
    for (const x of owned) {
      expect({
        table: x.table,
        rls: x.rowSecurity,
        forced: x.forced,
        policies: x.policies,
      }).toEqual({
        table: x.table,
        rls: true,
        forced: true,
        policies: ['maintenance', 'tenant_isolation'],
      });
    }
  });

  it('a query without any organisation filter returns nothing of another organisation', async () => {
    const emptyInDemo: string[] = [];
    for (const table of tables) {
      const all = await organisationsOfRows(t.database.db, table);
      const ofDemo = all.filter((id) => id === demoTenant).length;
      if (ofDemo === 0) emptyInDemo.push(table.table);
      const seen = await inTenant(t.database.db, { tenantId: other.tenantId }, (tx) =>
        unfilteredOrganisations(tx, table),
      );
      expect({ table: table.table, foreign: seen.filter((id) => id !== other.tenantId) }).toEqual({
        table: table.table,
        foreign: [],
      });
      // And the demo organisation sees its own rows through the same unfiltered query.
      const own = await inTenant(t.database.db, { tenantId: demoTenant }, (tx) =>
        unfilteredOrganisations(tx, table),
      );
      expect({ table: table.table, own: own.length }).toEqual({ table: table.table, own: ofDemo });
    }
    // The check is not vacuous: the demo organisation has rows in every other table.
    expect(emptyInDemo).toEqual(EMPTY_IN_DEMO);
  });

  it('refuses to write a row of another organisation', async () => {
    await expect(
      inTenant(t.database.db, { tenantId: other.tenantId }, (tx) =>
        insertForeignUser(tx, demoTenant),
      ),
    ).rejects.toThrow();
    const users = await organisationsOfRows(
      t.database.db,
      tables.find((x) => x.table === 'users') as TenantTableState,
    );
    expect(users.filter((id) => id === demoTenant).length).toBeGreaterThan(0);
  });

  it('will not join one organisation’s transaction from another’s', async () => {
    await expect(
      inTenant(t.database.db, { tenantId: other.tenantId }, () =>
        inTenant(t.database.db, { tenantId: demoTenant }, async () => 'joined'),
      ),
    ).rejects.toThrow(/another/);
    await expect(
      inTenant(t.database.db, { tenantId: other.tenantId }, (tx) =>
        inTenant(t.database.db, { tenantId: demoTenant }, async () => 'joined', tx),
      ),
    ).rejects.toThrow(/another/);
  });

  it('runs work handed the transaction (`within`) in it, and refuses to open a second one inside', async () => {
    const db = t.database.db;
    const scope = { tenantId: other.tenantId };
    const intruders = async (tx: TenantTx) => {
      const [row] = await executeRows<{ n: number }>(
        tx.db,
        sql`select count(*)::int as n from users where email = 'intruder@example.jp'`,
      );
      return row?.n;
    };
    // The work handed the outer transaction sees its uncommitted row; the outer rollback takes it.
    await expect(
      inTenant(db, scope, async (outer) => {
        await insertForeignUser(outer, other.tenantId);
        const seen = await inTenant(db, scope, intruders, outer);
        throw new Error(`rolled back after seeing ${seen}`);
      }),
    ).rejects.toThrow('rolled back after seeing 1');
    expect(await inTenant(db, scope, intruders)).toBe(0);
    // Opening a new one inside would wait forever on PGlite's one connection: under tests it throws.
    expect(process.env.BANSO_CHECK_TX_NESTING).toBe('1');
    await expect(
      inTenant(db, scope, () => inTenant(db, scope, async () => 'second')),
    ).rejects.toThrow(/already open/);
  });
});
