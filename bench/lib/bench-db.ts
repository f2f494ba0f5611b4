import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Database,
  type DatabaseHandle,
  type DriverName,
  openDatabase,
  schema,
} from '@banso/db';
import {
  adminQuery as adminQueryOn,
  postgresReachable as postgresReachableAt,
  withDatabaseName,
} from '@banso/db/admin';
import { type CompanyCreate, CompanyId } from '@banso/shared';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Actor } from '../../apps/server/src/context';
import type { NewCompanyRow } from '../../apps/server/src/features/companies/companies.repository';
import { valuesFromCreate } from '../../apps/server/src/features/companies/company-values';
import { createUsersService } from '../../apps/server/src/features/users/users.service';
import { newId } from '../../apps/server/src/new-id';

/**
 * Databases for the benchmarks: a PGlite data directory in a temporary folder (as `banso serve`
 * would use), or a database of its own on the PostgreSQL server, created and dropped here. Only
 * databases whose names start with `banso_bench_` are ever created or dropped.
 */
export const BENCH_PG_URL =
  process.env.BANSO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export { withDatabaseName };

const adminQuery = (text: string) => adminQueryOn(BENCH_PG_URL, text);
export const postgresReachable = () => postgresReachableAt(BENCH_PG_URL);

export interface BenchDatabase {
  handle: DatabaseHandle;
  db: Database;
  driver: DriverName;
  /** A statement straight to the driver, bypassing the ORM's query builder (for bulk loads). */
  raw(text: string, params: unknown[]): Promise<void>;
  /** PGlite: the Banso data directory (its `db` subfolder holds the database). */
  dataDir?: string;
  /** PostgreSQL: the URL of this benchmark's database. */
  url?: string;
  close(): Promise<void>;
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

export async function createPostgresDatabase(name: string): Promise<string> {
  if (!/^banso_bench_[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database name: ${name}`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  return withDatabaseName(BENCH_PG_URL, name);
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  if (!/^banso_bench_[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database name: ${name}`);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** A fresh, migrated database. `name` names the PostgreSQL database (banso_bench_…). */
export async function openBenchDatabase(driver: DriverName, name: string): Promise<BenchDatabase> {
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `banso-bench-${name}-`));
    const handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dataDir, 'db') });
    await handle.migrate();
    let closed = false;
    const close = async () => {
      if (!closed) await handle.close();
      closed = true;
    };
    const client = handle.pglite;
    if (!client) throw new Error('PGlite handle without its client');
    return {
      handle,
      db: handle.db,
      driver,
      raw: async (text, params) => {
        await client.query(text, params);
      },
      dataDir,
      close,
      destroy: async () => {
        await close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const dbName = `banso_bench_${name.replace(/[^a-z0-9]/g, '_')}`;
  const url = await createPostgresDatabase(dbName);
  const handle = await openDatabase({
    driver: 'postgres',
    url,
    poolSize: 2,
    applicationName: 'banso-bench',
  });
  await handle.migrate();
  let rawClient: pg.Client | null = null;
  let closed = false;
  const close = async () => {
    if (!closed) {
      await rawClient?.end();
      await handle.close();
    }
    closed = true;
  };
  return {
    handle,
    db: handle.db,
    driver,
    raw: async (text, params) => {
      if (!rawClient) {
        rawClient = new pg.Client({ connectionString: url, application_name: 'banso-bench-raw' });
        await rawClient.connect();
      }
      await rawClient.query(text, params);
    },
    url,
    close,
    destroy: async () => {
      await close();
      await dropPostgresDatabase(dbName);
    },
  };
}

/** An organisation with its admin, made by the same service `banso init` uses; returns the admin as actor. */
export async function createBenchTenant(db: Database, slug = 'bench'): Promise<Actor> {
  const users = createUsersService({ db, now: () => new Date() });
  const { tenant, admin } = await users.createOrganization({
    slug,
    name: 'ベンチマーク用支援機関（架空）',
    admin: {
      email: `admin@${slug}.example`,
      displayName: 'ベンチマーク',
      password: 'bench-password-123',
    },
  });
  return { tenantId: tenant.id, userId: admin.id, role: 'admin', label: 'bench', via: 'cli' };
}

/** Company rows as the service writes them: valuesFromCreate, with its derived search columns. */
export function companyRows(
  companies: readonly CompanyCreate[],
): Omit<NewCompanyRow, 'tenantId'>[] {
  const now = new Date();
  return companies.map((c) => ({
    ...valuesFromCreate(c),
    id: newId(CompanyId),
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * Bench-only bulk load: multi-row INSERTs of `batch` rows, sent straight to the driver. (Drizzle's
 * query builder spends ~0.4 ms per 40-column row building such a statement, more than the
 * database takes to store it.) Column names come from the Drizzle table, so this follows the
 * schema. No audit rows.
 */
export async function bulkInsertCompanies(
  bench: BenchDatabase,
  tenantId: string,
  rows: readonly Omit<NewCompanyRow, 'tenantId'>[],
  batch = 1000,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(schema.companies);
  const keys = ['tenantId', ...Object.keys(first)] as (keyof NewCompanyRow &
    keyof typeof columns)[];
  const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const record = { ...row, tenantId } as Record<string, unknown>;
      const placeholders = keys.map((k) => {
        params.push(record[k] ?? null);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await bench.raw(`insert into companies (${names}) values ${tuples.join(', ')}`, params);
  }
}

/** Rows of a raw statement on either driver. */
export async function query<T = Record<string, unknown>>(
  db: Database,
  statement: SQL,
): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

export async function serverVersion(db: Database): Promise<string> {
  const [row] = await query<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  return row?.v ?? 'unknown';
}
