import { executeRows, inTenant, refreshStatistics } from '@banso/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLog } from '../testing/captured-log';
import { factories } from '../testing/factories';
import { adminActorOf, createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { embeddedStatistics } from './embedded-statistics';

// Only in the int-pglite project (vitest.config.ts): a PostgreSQL server keeps its statistics
// with its own autovacuum, and this task is scheduled only on the embedded database.
const COMPANIES = 300;
const log = capturedLog();
let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp({ logger: log.logger });
  admin = await t.createOrganization('statistics');
  const f = factories(t.services);
  for (let i = 0; i < COMPANIES; i++) {
    await f.createCompany(adminActorOf(admin), {
      name: `統計精密工業${i}株式会社`,
      nameKana: `とうけいせいみつ${String(i).padStart(4, '0')}`,
    });
  }
}, 300_000);
afterAll(() => t?.close());

const reltuples = async (table: string) => {
  const [row] = await executeRows<{ n: number }>(
    t.database.db,
    sql`select reltuples::float8 as n from pg_class where relname = ${table}`,
  );
  return Number(row?.n);
};

/** The plan of the companies page (20 of the organisation's companies in 読み order) as the app runs it. */
const listPlan = () =>
  inTenant(t.database.db, { tenantId: admin.tenantId }, async (tx) => {
    const rows = await executeRows<{ 'QUERY PLAN': string }>(
      tx.db,
      sql`explain (costs off) select * from companies
          where tenant_id = ${admin.tenantId} and archived_at is null
          order by kana_sort, id limit 21`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });

describe('the statistics of the embedded database (no autovacuum there)', () => {
  it('analyses a table once enough rows changed, and the companies page then reads the sort index', async () => {
    expect(await reltuples('companies')).toBeLessThan(COMPANIES / 2);
    // Without statistics the planner takes the table for small and sorts every company.
    expect(await listPlan()).toMatch(/Sort/);

    const task = embeddedStatistics({ db: t.database.db, logger: t.deps.logger });
    await task.run();
    expect(await reltuples('companies')).toBe(COMPANIES);
    const logged = log.entries().find((l) => l.feature === 'database');
    expect(logged?.analyzed).toContain('companies');
    expect(await listPlan()).toMatch(/Index Scan using companies_kana_sort_idx/);
    expect(await listPlan()).not.toMatch(/Sort\b(?! Key)/);

    // Nothing changed since: nothing to do.
    const again = await refreshStatistics(t.database.db);
    expect(again.analyzed).not.toContain('companies');
    expect(again.vacuumed).not.toContain('companies');
  });

  it('vacuums a table whose updates left enough dead row versions', async () => {
    // Every company changed once: 300 dead versions, over 50 + 20 % of 300.
    await executeRows(t.database.db, sql`update companies set name = name || ' ' returning id`);
    const pass = await refreshStatistics(t.database.db);
    expect(pass.vacuumed).toContain('companies');
    const [row] = await executeRows<{ dead: number }>(
      t.database.db,
      sql`select n_dead_tup::float8 as dead from pg_stat_user_tables where relname = 'companies'`,
    );
    expect(Number(row?.dead)).toBe(0);
  });
});
