import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import {
  adminQuery as adminQueryOn,
  postgresReachable as postgresReachableAt,
  withDatabaseName,
} from './admin';
import { sql } from 'drizzle-orm';
import { type Database, type DatabaseHandle, type DriverName, openDatabase } from './client';
import type { TenantTx } from './tenant-scope';

/**
 * Test databases for the integration suite, which runs once per driver.
 * A migrated template is made once per test run (globalSetup); every test
 * file then gets its own fresh copy: a PGlite data-dir tarball loaded in
 * memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
export const TEST_PG_URL =
  process.env.BANSO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Made once per test run by globalSetup and handed to the test workers (vitest provide/inject). */
export interface TestTemplates {
  pgliteTemplateFile?: string;
  postgresTemplateDb?: string;
}

export function testDriver(): DriverName {
  const driver = process.env.BANSO_TEST_DRIVER ?? 'pglite';
  if (driver !== 'pglite' && driver !== 'postgres')
    throw new Error(`unknown BANSO_TEST_DRIVER ${driver}`);
  return driver;
}

const withDatabase = withDatabaseName;
const adminQuery = (sql: string) => adminQueryOn(TEST_PG_URL, sql);

/** Is the PostgreSQL test server reachable? */
export const postgresReachable = () => postgresReachableAt(TEST_PG_URL);

/** globalSetup: build the migrated template for the driver; returns the teardown. */
export async function prepareTemplate(
  driver: DriverName,
): Promise<{ templates: TestTemplates; teardown: () => Promise<void> }> {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  if (driver === 'pglite') {
    const file = path.join(os.tmpdir(), `banso-pglite-template-${runId}.tar.gz`);
    const handle = await openDatabase({ driver: 'pglite', dataDir: null });
    await handle.migrate();
    const dump = await handle.pglite?.dumpDataDir('gzip');
    if (!dump) throw new Error('PGlite dump failed');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    return {
      templates: { pgliteTemplateFile: file },
      teardown: async () => rmSync(file, { force: true }),
    };
  }
  // A name of its own per run: concurrent runs must not drop each other's template.
  const TEMPLATE_DB = `banso_test_template_${runId}`;
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  const handle = await openDatabase({
    driver: 'postgres',
    url: withDatabase(TEST_PG_URL, TEMPLATE_DB),
    poolSize: 1,
  });
  await handle.migrate();
  await handle.close();
  return {
    templates: { postgresTemplateDb: TEMPLATE_DB },
    teardown: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    },
  };
}

export interface TestDatabase extends DatabaseHandle {
  /** For PostgreSQL: the URL of this test's own database (e.g. for a child process). */
  url?: string;
  /** Drops the database (PostgreSQL) or frees it (PGlite). */
  destroy(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(driver: DriverName = testDriver()): Promise<TestDatabase> {
  const templates = inject('bansoTestTemplates') ?? {};
  if (driver === 'pglite') {
    const template = templates.pgliteTemplateFile;
    const handle =
      template && existsSync(template)
        ? await openDatabase({
            driver: 'pglite',
            dataDir: null,
            loadDataDir: new Blob([readFileSync(template)]),
          })
        : await openDatabase({ driver: 'pglite', dataDir: null });
    await handle.migrate();
    return { ...handle, destroy: () => handle.close() };
  }
  const name = `banso_t_${randomBytes(6).toString('hex')}`;
  const template = templates.postgresTemplateDb;
  if (!template)
    throw new Error(
      'no PostgreSQL template: run the int-postgres project (its globalSetup makes one)',
    );
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(TEST_PG_URL, name);
  // DROP DATABASE … WITH (FORCE) at the end terminates any connection still open: expected here.
  const handle = await openDatabase({
    driver: 'postgres',
    url,
    poolSize: 4,
    onIdleClientError: () => {},
  });
  await handle.migrate();
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    bansoTestTemplates: TestTemplates;
  }
}

/** Every table of the schema with its organisation column and its row-level security state. */
export interface TenantTableState {
  table: string;
  /** `tenant_id`, or `id` for the organisations themselves; null: the table carries no organisation. */
  tenantColumn: string | null;
  rowSecurity: boolean;
  forced: boolean;
  policies: string[];
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The catalogue's view of row-level security, for the isolation tests. */
export async function tenantTables(db: Database): Promise<TenantTableState[]> {
  const result = await db.execute(sql`
    select c.relname as "table",
           case when c.relname = 'tenants' then 'id'
                when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                then 'tenant_id' end as "tenantColumn",
           c.relrowsecurity as "rowSecurity",
           c.relforcerowsecurity as "forced",
           coalesce((select array_agg(p.polname::text order by p.polname) from pg_policy p where p.polrelid = c.oid), '{}') as "policies"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`);
  return rowsOf<TenantTableState>(result);
}

/**
 * `select <organisation column> from <table>` with no filter at all, run in the given
 * organisation transaction: what a query that forgot its organisation filter would see.
 */
export async function unfilteredOrganisations(tx: TenantTx, state: TenantTableState) {
  if (!state.tenantColumn) throw new Error(`${state.table} carries no organisation`);
  const result = await tx.db.execute(
    sql`select ${sql.identifier(state.tenantColumn)}::text as tenant from ${sql.identifier(state.table)}`,
  );
  return rowsOf<{ tenant: string }>(result).map((r) => r.tenant);
}

/** Rows per organisation of a table, seen by the owner (maintenance), for comparison. */
export async function organisationsOfRows(db: Database, state: TenantTableState) {
  if (!state.tenantColumn) throw new Error(`${state.table} carries no organisation`);
  const result = await db.execute(
    sql`select ${sql.identifier(state.tenantColumn)}::text as tenant from ${sql.identifier(state.table)}`,
  );
  return rowsOf<{ tenant: string }>(result).map((r) => r.tenant);
}

/** Tries to write a row of another organisation inside an organisation transaction. */
export async function insertForeignUser(tx: TenantTx, otherTenantId: string): Promise<void> {
  await tx.db.execute(
    sql`insert into users (tenant_id, id, email, display_name, password_hash, role)
        values (${otherTenantId}, gen_random_uuid(), 'intruder@example.jp', 'intruder', 'x', 'admin')`,
  );
}

/**
 * A fingerprint of one organisation's rows in every table (count and md5 of the rows' text,
 * read as the owner), to show that requests made by another organisation changed nothing.
 */
export async function organisationFingerprint(
  db: Database,
  tenantId: string,
): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const state of await tenantTables(db)) {
    if (!state.tenantColumn) continue;
    const result = await db.execute(
      sql`select count(*)::int as rows,
                 md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as md5
          from ${sql.identifier(state.table)} t
          where ${sql.identifier(state.tenantColumn)}::text = ${tenantId}`,
    );
    const [row] = rowsOf<{ rows: number; md5: string }>(result);
    if (row) out[state.table] = row;
  }
  return out;
}
