import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase, testDriver } from '@banso/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bansoEnv, runBanso } from '../../testing/banso-process';

/**
 * `banso backup` and `banso restore` as a user runs them. The source is
 * always an embedded database; the target is another embedded data directory
 * in int-pglite and a PostgreSQL database (DATABASE_URL) in int-postgres.
 */
const driver = testDriver();
const root = mkdtempSync(path.join(os.tmpdir(), 'banso-cli-backup-'));
const sourceEnv = bansoEnv(path.join(root, 'source'));
const dumpFile = path.join(root, 'out', 'kawasaki.sql.gz');
let targetEnv: NodeJS.ProcessEnv;
let pgTarget: TestDatabase | undefined;

beforeAll(async () => {
  const init = await runBanso(
    [
      'init',
      '--org-name',
      '川崎市産業振興財団',
      '--org',
      'kawasaki',
      '--admin-name',
      '管理者',
      '--admin-email',
      'admin@kawasaki.example.jp',
      '--admin-password',
      'correct-horse-battery-staple',
    ],
    sourceEnv,
  );
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  if (driver === 'postgres') {
    pgTarget = await createTestDatabase('postgres');
    targetEnv = bansoEnv(path.join(root, 'target'), { DATABASE_URL: pgTarget.url ?? '' });
  } else {
    targetEnv = bansoEnv(path.join(root, 'target'));
  }
}, 120_000);

afterAll(async () => {
  await pgTarget?.destroy();
  rmSync(root, { recursive: true, force: true });
});

describe(`banso backup / banso restore (target: ${driver})`, () => {
  it('backs up to a named file, refuses to overwrite one, and writes to <dataDir>/backups by default', async () => {
    const named = await runBanso(['backup', '--out', dumpFile], sourceEnv);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain(`Backup written: ${dumpFile}`);
    expect(named.stderr).toContain('companies: 0');

    const again = await runBanso(['backup', '--out', dumpFile], sourceEnv);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    const byDefault = await runBanso(['--lang', 'ja', 'backup'], sourceEnv);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.stdout).toContain('バックアップを作成しました');
    const names = readdirSync(path.join(root, 'source', 'backups'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^banso-\d{8}-\d{6}-manual\.sql\.gz$/);
  }, 120_000);

  it('restores into an empty database, then refuses a second restore unless --force --yes', async () => {
    const restored = await runBanso(['restore', dumpFile], targetEnv);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Backup: made .* on pglite/);
    expect(restored.stdout).toMatch(/Restored \d+ rows/);

    const users = await runBanso(['user', 'list', '--org', 'kawasaki'], targetEnv);
    expect(users.stdout).toContain('admin@kawasaki.example.jp');

    const refused = await runBanso(['restore', dumpFile], targetEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');

    const unconfirmed = await runBanso(['restore', dumpFile, '--force'], targetEnv);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');

    const forced = await runBanso(['restore', dumpFile, '--force', '--yes'], targetEnv);
    expect(forced.code, forced.stderr).toBe(0);
  }, 180_000);

  it('answers exit 2 for a file that is missing or not a dump', async () => {
    const missing = await runBanso(['restore', path.join(root, 'nope.sql.gz')], targetEnv);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file');
    const notes = path.join(root, 'notes.sql');
    writeFileSync(notes, 'SELECT 1;\n');
    const notADump = await runBanso(['restore', notes], targetEnv);
    expect(notADump.code).toBe(2);
    expect(notADump.stderr).toContain('Not a Banso backup file');
  }, 60_000);
});
