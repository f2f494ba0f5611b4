import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  auditLog,
  companies,
  type Database,
  type DatabaseHandle,
  imports,
  openDatabase,
  tenants,
} from '@banso/db';
import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import { ImportId, type TenantId } from '@banso/shared';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import { systemActor } from '../../../context';
import { createLogger } from '../../../logger';
import { createServices } from '../../../services';
import { BANSO_BIN, cliEnv, runCli } from '../../../testing/run-cli';
import { exportCompaniesCsv } from '../export/export-companies';
import { importCompaniesFromFile } from './import-companies';
import { testCorporateNumber, writeBansoTestFile } from './test-files';

/**
 * The real thing: a `banso companies import` process is killed with SIGKILL in the middle of
 * writing. The database must then hold exactly the batches the import record says are committed
 * (never rows without a record), and `--resume` must finish to the state of a clean import.
 */

let database: TestDatabase;
let env: Record<string, string>;
let dir: string;
const BATCH = 500;

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
  // The embedded driver is opened by the child processes on their own data directory.
  if (database.driver === 'pglite') await database.destroy();
  dir = mkdtempSync(path.join(os.tmpdir(), 'banso-kill-'));
  const init = await runCli(
    [
      'init',
      '--org',
      'kill',
      '--org-name',
      '中断試験',
      '--admin-name',
      '管理者',
      '--admin-email',
      'a@kill.example.jp',
      '--admin-password',
      'correct-horse-battery',
    ],
    env,
    { timeoutMs: 120_000 },
  );
  expect(init.code, init.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  if (database.driver === 'postgres') await database.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (env.BANSO_DATA_DIR) rmSync(env.BANSO_DATA_DIR, { recursive: true, force: true });
});

/** The database as the child processes see it (only while no child holds it, for PGlite). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (database.driver === 'postgres') return fn(database.db);
  const handle: DatabaseHandle = await openDatabase({
    driver: 'pglite',
    dataDir: path.join(env.BANSO_DATA_DIR ?? '', 'db'),
  });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** Starts the import and kills it with SIGKILL once a batch beyond the first is committed. */
function importAndKill(file: string): Promise<{
  importId: ImportId;
  seenLine: number;
  signal: string | null;
  pid: number;
  stderr: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BANSO_BIN, 'companies', 'import', file, '--batch-size', String(BATCH), '--lang', 'en'],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let seen: { importId: ImportId; seenLine: number } | null = null;
    child.stdout.resume();
    child.stderr.on('data', (d) => {
      stderr += d;
      const matches = [...stderr.matchAll(/committed line (\d+) \(import ([0-9a-f-]{36})\)/g)];
      const last = matches[matches.length - 1];
      if (!seen && last && Number(last[1]) > 1) {
        seen = { importId: ImportId.parse(last[2]), seenLine: Number(last[1]) };
        child.kill('SIGKILL');
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`import did not report progress in time\n${stderr}`));
    }, 180_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!seen)
        reject(new Error(`import ended (code ${code}) before it could be killed\n${stderr}`));
      else resolve({ ...seen, signal, pid: child.pid ?? -1, stderr });
    });
  });
}

describe('a killed import', () => {
  it('leaves the database at a reported batch boundary, and resumes to the state of a clean import', {
    timeout: 600_000,
  }, async () => {
    const rows = database.driver === 'postgres' ? 12_000 : 5_000;
    const file = await writeBansoTestFile(path.join(dir, 'companies.csv'), rows);

    const killed = await importAndKill(file);
    expect(killed.signal).toBe('SIGKILL');
    const spools = () =>
      readdirSync(os.tmpdir()).filter((name) => name.startsWith(`banso-spool-${killed.pid}-`));
    expect(spools()).toHaveLength(1); // the killed process could not remove its temporary rows

    const atKill = await withDb(async (db) => {
      const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, 'kill'));
      if (!tenant) throw new Error('the organisation "kill" is missing');
      const tenantId = tenant.id;
      const [record] = await db
        .select()
        .from(imports)
        .where(and(eq(imports.tenantId, tenantId), eq(imports.id, killed.importId)));
      const [companyRows] = await db
        .select({ n: count() })
        .from(companies)
        .where(eq(companies.tenantId, tenantId));
      const [auditRows] = await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entity, 'company')));
      const last = await db
        .select({ id: companies.id })
        .from(companies)
        .where(
          and(
            eq(companies.tenantId, tenantId),
            eq(companies.corporateNumber, testCorporateNumber((record?.committedLine ?? 2) - 2)),
          ),
        );
      const beyond = await db
        .select({ id: companies.id })
        .from(companies)
        .where(
          and(
            eq(companies.tenantId, tenantId),
            eq(companies.corporateNumber, testCorporateNumber(record?.committedLine ?? 0)),
          ),
        );
      return {
        tenantId,
        record,
        companies: companyRows?.n ?? -1,
        audits: auditRows?.n ?? -1,
        lastFound: last.length,
        beyondFound: beyond.length,
      };
    });

    const { record } = atKill;
    expect(record?.status).toBe('running');
    const committed = (record?.committedLine ?? 0) - 1; // data rows up to the committed line (line 1 is the header)
    expect(committed).toBeGreaterThanOrEqual(killed.seenLine - 1);
    expect(committed).toBeLessThan(rows);
    expect(committed % BATCH).toBe(0);
    // Exactly the committed batches: the record, the companies and their audit rows agree.
    expect(record?.inserted).toBe(committed);
    expect(record?.rowsRead).toBe(committed);
    expect(atKill.companies).toBe(committed);
    expect(atKill.audits).toBe(committed);
    expect(atKill.lastFound).toBe(1);
    expect(atKill.beyondFound).toBe(0);

    const resumed = await runCli(
      ['companies', 'import', '--resume', killed.importId, file, '--lang', 'en'],
      env,
      { timeoutMs: 300_000 },
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Import: completed');
    expect(spools()).toHaveLength(0); // the next import removed it

    await withDb(async (db) => {
      const [record2] = await db.select().from(imports).where(eq(imports.id, killed.importId));
      expect(record2).toMatchObject({
        status: 'completed',
        inserted: rows,
        rowsRead: rows,
        committedLine: rows + 1,
      });
      const [companyRows] = await db
        .select({ n: count() })
        .from(companies)
        .where(eq(companies.tenantId, atKill.tenantId));
      expect(companyRows?.n).toBe(rows);

      // A clean import of the same file into another organisation gives the same registry.
      const deps = { db, now: () => new Date() };
      const services = createServices({
        ...deps,
        driver: database.driver,
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        logger: createLogger('silent'),
      });
      const { tenant } = await services.users.createOrganization({
        slug: 'clean',
        name: '比較用',
        admin: {
          email: 'a@clean.example.jp',
          displayName: '管理者',
          password: 'correct-horse-battery',
        },
      });
      const clean = await importCompaniesFromFile(deps, systemActor(tenant.id, 'test'), file, {
        batchSize: 2000,
      });
      expect(clean).toMatchObject({ status: 'completed', inserted: rows });
      const csv = async (tenantId: TenantId) => {
        const { chunks } = exportCompaniesCsv(deps, systemActor(tenantId, 'test'), {
          encoding: 'utf-8',
        });
        let text = '';
        for await (const chunk of chunks) text += chunk.toString('utf8');
        // Ids differ between the two organisations; everything else must be equal.
        return text.replace(/,[0-9a-f-]{36}\r\n/g, '\r\n');
      };
      expect(await csv(atKill.tenantId)).toBe(await csv(tenant.id));
    });
  });
});
