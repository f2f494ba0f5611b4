import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type DriverName, openDatabase } from './client';

/**
 * Test databases for the integration suite, which runs once per driver.
 * A migrated template is made once per test run (globalSetup); every test
 * file then gets its own fresh copy: a PGlite data-dir tarball loaded in
 * memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
export const TEST_PG_URL =
  process.env.BANSO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TEMPLATE_DB = 'banso_test_template';
const pgliteTemplatePath = () =>
  path.join(os.tmpdir(), `banso-pglite-template-${process.pid}.tar.gz`);

export function testDriver(): DriverName {
  const driver = process.env.BANSO_TEST_DRIVER ?? 'pglite';
  if (driver !== 'pglite' && driver !== 'postgres')
    throw new Error(`unknown BANSO_TEST_DRIVER ${driver}`);
  return driver;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Is the PostgreSQL test server reachable? */
export async function postgresReachable(): Promise<boolean> {
  try {
    await adminQuery('select 1');
    return true;
  } catch {
    return false;
  }
}

/** globalSetup: build the migrated template for the driver; returns the teardown. */
export async function prepareTemplate(
  driver: DriverName,
): Promise<{ env: Record<string, string>; teardown: () => Promise<void> }> {
  if (driver === 'pglite') {
    const file = pgliteTemplatePath();
    const handle = await openDatabase({ driver: 'pglite', dataDir: null });
    await handle.migrate();
    const dump = await handle.pglite?.dumpDataDir('gzip');
    if (!dump) throw new Error('PGlite dump failed');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await handle.close();
    return { env: { BANSO_TEST_PGLITE_TEMPLATE: file }, teardown: async () => {} };
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
  const handle = await openDatabase({
    driver: 'postgres',
    url: withDatabase(TEST_PG_URL, TEMPLATE_DB),
    poolSize: 1,
  });
  await handle.migrate();
  await handle.close();
  return {
    env: {},
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
  if (driver === 'pglite') {
    const template = process.env.BANSO_TEST_PGLITE_TEMPLATE;
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
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = withDatabase(TEST_PG_URL, name);
  const handle = await openDatabase({ driver: 'postgres', url, poolSize: 4 });
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
