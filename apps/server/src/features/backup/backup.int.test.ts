import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../context';
import { createApp } from '../../http/app';
import { createServices } from '../../services';
import { buildCompany } from '../../testing/factories';
import { BackupError } from './backup-error';
import { readDumpHeader, restoreDump } from './dump-restorer';
import { writeDump } from './dump-writer';
import {
  depsOf,
  type FixtureOrg,
  fillThroughApi,
  httpOf,
  insertEdgeRows,
  login,
} from './testing/backup-fixture';
import { tableContents } from './testing/table-contents';

/**
 * Backup and restore on the driver under test (BANSO_TEST_DRIVER). Dumps
 * move between drivers in backup-cross-driver.int.test.ts.
 */
let source: TestDatabase;
let orgs: FixtureOrg[];
let dir: string;
let dumpFile: string;
const targets: TestDatabase[] = [];

async function freshTarget(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  targets.push(db);
  return db;
}

const count = async (db: TestDatabase, table: string) =>
  Number(
    (
      (await db.db.execute(sql.raw(`select count(*)::int as n from "${table}"`))) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]?.n,
  );

async function expectEmpty(db: TestDatabase) {
  for (const [table, rows] of Object.entries(await tableContents(db.db)))
    expect(rows, table).toEqual([]);
}

beforeAll(async () => {
  source = await createTestDatabase();
  orgs = await fillThroughApi(depsOf(source), { extraCompanies: 12 });
  await insertEdgeRows(source.db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'banso-backup-int-'));
  dumpFile = path.join(dir, 'source.sql.gz');
  await writeDump(source.db, source.driver, dumpFile, { chunkRows: 7 });
});

afterEach(async () => {
  for (const t of targets.splice(0)) await t.destroy();
});

afterAll(async () => {
  await source?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore on one driver', () => {
  it('restores every table row for row into an empty database; login sessions are left out on purpose', async () => {
    const header = await readDumpHeader(dumpFile);
    expect(header.sourceDriver).toBe(source.driver);
    expect(header.bansoVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(header.migration).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect(header.excluded.map((e) => e.table).sort()).toEqual([
      'kpi_company_years',
      'kpi_visit_counts',
      'sessions',
    ]);
    expect(await count(source, 'sessions')).toBeGreaterThan(0);
    const before = await tableContents(source.db, { except: ['sessions'] });
    for (const { table, count: n } of header.rows) expect(n, table).toBe(before[table]?.length);
    expect(header.rows.find((r) => r.table === 'companies')?.count).toBeGreaterThan(14); // several chunks of 7

    const target = await freshTarget();
    const result = await restoreDump(target.db, dumpFile);
    expect(result.totalRows).toBe(header.rows.reduce((s, r) => s + r.count, 0));
    expect(await tableContents(target.db, { except: ['sessions'] })).toEqual(before);
    expect(await count(target, 'sessions')).toBe(0);

    // People log in again with their old passwords; API tokens keep working.
    const app = createApp(depsOf(target)).app;
    const org = orgs[0];
    if (!org) throw new Error('no fixture org');
    await login(app, org.slug, org.email);
    expect(
      (await httpOf(app)('GET', '/api/v1/companies?limit=1', { token: org.token })).status,
    ).toBe(200);
  });

  it('writes plain SQL, one statement per line, when the name does not end in .gz', async () => {
    const plain = path.join(dir, 'plain.sql');
    const result = await writeDump(source.db, source.driver, plain, { chunkRows: 7 });
    const lines = readFileSync(plain, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^-- Banso database dump/);
    expect(lines.at(-1)).toBe(`-- end: banso-dump/1 rows=${result.totalRows}`);
    for (const line of lines.filter((l) => !l.startsWith('--'))) {
      expect(line).toMatch(/^(INSERT INTO "[a-z_]+" \(.*'\);|SELECT setval\(.* FROM "[a-z_]+";)$/);
    }
    // The same statements as the gzip dump, only the creation time differs.
    const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('-- created-at:'));
    expect(body(readFileSync(plain, 'utf8'))).toEqual(
      body(gunzipSync(readFileSync(dumpFile)).toString('utf8')),
    );
  });

  it('continues identity ids after a restore, so new audit entries do not collide', async () => {
    const target = await freshTarget();
    await restoreDump(target.db, dumpFile);
    const maxId = async (db: TestDatabase) =>
      Number(
        (
          (await db.db.execute(sql`select max(id)::text as m from audit_log`)) as unknown as {
            rows: { m: string }[];
          }
        ).rows[0]?.m,
      );
    const before = await maxId(target);
    const services = createServices(depsOf(target));
    const tenant = await services.users.findOrganization('kawasaki');
    if (!tenant) throw new Error('no tenant restored');
    await services.companies.create(
      systemActor(tenant.id),
      buildCompany({ name: '復元後に登録した会社' }),
    );
    expect(await maxId(target)).toBe(before + 1);
  });

  it('refuses a database that holds data, and with force replaces all of it', async () => {
    const target = await freshTarget();
    await fillThroughApi(depsOf(target));
    const theirs = await tableContents(target.db);
    await expect(restoreDump(target.db, dumpFile)).rejects.toMatchObject({ code: 'not_empty' });
    expect(await tableContents(target.db)).toEqual(theirs);

    await restoreDump(target.db, dumpFile, { force: true });
    expect(await tableContents(target.db, { except: ['sessions'] })).toEqual(
      await tableContents(source.db, { except: ['sessions'] }),
    );
    expect(await count(target, 'sessions')).toBe(0);
  });

  it('refuses a dump of another schema migration', async () => {
    const other = path.join(dir, 'other-migration.sql');
    const text = gunzipSync(readFileSync(dumpFile)).toString('utf8');
    writeFileSync(
      other,
      text.replace(/^-- migration-hash: .*$/m, '-- migration-hash: 0000deadbeef'),
    );
    const target = await freshTarget();
    const error = await restoreDump(target.db, other).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error).toMatchObject({ code: 'migration_mismatch', isInputError: false });
    await expectEmpty(target);
  });

  it('restores all or nothing: a statement failing near the end leaves the target empty', async () => {
    const text = gunzipSync(readFileSync(dumpFile)).toString('utf8').split('\n');
    const lastInsert = text.findLastIndex((l) => l.startsWith('INSERT INTO "companies"'));
    const firstInsert = text.findIndex((l) => l.startsWith('INSERT INTO "companies"'));
    // A well-formed statement whose rows are already there: a primary-key violation.
    text.splice(lastInsert + 1, 0, text[firstInsert] ?? '');
    const broken = path.join(dir, 'duplicate-rows.sql');
    writeFileSync(broken, text.join('\n'));
    const target = await freshTarget();
    await expect(restoreDump(target.db, broken)).rejects.toThrow();
    await expectEmpty(target);
  });

  it('refuses a file cut short, a foreign statement or a file that is no dump, before committing anything', async () => {
    const lines = gunzipSync(readFileSync(dumpFile)).toString('utf8').trimEnd().split('\n');
    const cases: [string, string, string][] = [
      ['no-trailer.sql', lines.slice(0, -1).join('\n'), 'damaged'],
      ['half.sql', lines.slice(0, Math.floor(lines.length / 2)).join('\n'), 'damaged'],
      [
        'smuggled.sql',
        [...lines.slice(0, -1), 'DROP TABLE users;', ...lines.slice(-1)].join('\n'),
        'damaged',
      ],
      [
        'pg_dump.sql',
        '--\n-- PostgreSQL database dump\n--\nSET statement_timeout = 0;\n',
        'not_a_dump',
      ],
    ];
    const target = await freshTarget();
    for (const [name, content, code] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const error = await restoreDump(target.db, file).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ code, isInputError: true });
    }
    const gz = readFileSync(dumpFile);
    const cut = path.join(dir, 'cut.sql.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.8)));
    await expect(restoreDump(target.db, cut)).rejects.toMatchObject({ code: 'damaged' });
    await expect(restoreDump(target.db, path.join(dir, 'missing.sql.gz'))).rejects.toMatchObject({
      code: 'file_not_found',
    });
    await expectEmpty(target);
    expect(await count(target, 'users')).toBe(0); // the table is still there
  });

  it('fails loudly when the database has a table no backup would cover', async () => {
    await source.db.execute(sql`create table stray_notes (id int primary key)`);
    try {
      const out = path.join(dir, 'stray.sql.gz');
      const error = await writeDump(source.db, source.driver, out).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'uncovered_tables' });
      expect((error as BackupError).userMessage.en).toContain('public.stray_notes');
      expect(existsSync(out)).toBe(false);
    } finally {
      await source.db.execute(sql`drop table stray_notes`);
    }
  });

  it('never leaves a file that looks complete when a backup fails midway', async () => {
    const out = path.join(dir, 'failing', 'banso-20250101-000000-manual.sql.gz');
    const failing = writeDump(source.db, source.driver, out, {
      chunkRows: 3,
      onTable: (table) => {
        if (table === 'companies') throw new Error('disk full (simulated)');
      },
    });
    await expect(failing).rejects.toThrow('disk full (simulated)');
    expect(readdirSync(path.dirname(out))).toEqual([]);
    // The database is usable afterwards (PGlite: the snapshot copies are gone).
    expect(await count(source, 'companies')).toBeGreaterThan(0);
  });

  it('dumps one consistent snapshot while the app keeps writing', async () => {
    const deps = depsOf(source);
    const services = createServices(deps);
    const tenant = await services.users.findOrganization('kawasaki');
    if (!tenant) throw new Error('no tenant');
    const admin = (await services.users.list(systemActor(tenant.id))).find(
      (u) => u.role === 'admin',
    );
    const partner = (await services.users.list(systemActor(tenant.id))).find(
      (u) => u.role === 'partner',
    );
    if (!admin || !partner) throw new Error('fixture users missing');
    const actor = { ...systemActor(tenant.id), userId: admin.id, via: 'session' as const };
    let dumping = true;
    let writesDuringDump = 0;
    const writer = (async () => {
      for (let i = 0; dumping && i < 1000; i++) {
        const c = await services.companies.create(actor, buildCompany({ name: `並行登録${i}` }));
        await services.companies.assign(actor, c.id, partner.id);
        if (dumping) writesDuringDump += 1;
        // Requests arrive as I/O events; PGlite answers in microtasks, so a loop
        // that never yields would starve everything else (and the test timers).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const out = path.join(dir, 'concurrent.sql.gz');
    try {
      await writeDump(source.db, source.driver, out, { chunkRows: 2 });
    } finally {
      dumping = false;
      await writer;
    }
    expect(writesDuringDump).toBeGreaterThan(0);
    const target = await freshTarget();
    const restored = await restoreDump(target.db, out);
    const header = await readDumpHeader(out);
    expect(await count(target, 'company_assignments')).toBe(
      header.rows.find((r) => r.table === 'company_assignments')?.count,
    );
    expect(restored.totalRows).toBeGreaterThan(0);
  });
});
