import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../testing/run-cli';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
  // The embedded driver is opened by the child processes on their own data directory.
  if (database.driver === 'pglite') await database.destroy();
});
afterAll(async () => {
  if (database.driver === 'postgres') await database.destroy();
});

describe('banso demo', () => {
  it('creates the demo organisation and prints the logins and the password', async () => {
    const r = await runCli(
      ['demo', '--companies', '12', '--password', 'demo-password-cli-1'],
      env,
      { timeoutMs: 90_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('川崎市 デモ支援機関（架空）');
    expect(r.stdout).toContain('架空の企業 12 社');
    for (const email of [
      'demo@banso.example',
      'demo-staff@banso.example',
      'demo-partner@banso.example',
    ]) {
      expect(r.stdout).toContain(email);
    }
    expect(r.stdout).toContain('demo-password-cli-1');
  }, 150_000); // a child process that opens the database and seeds it: slow on a loaded 2-core machine

  it('refuses clearly when the demo organisation exists, and exits 1', async () => {
    const r = await runCli(['demo', '--lang', 'en'], env, { timeoutMs: 90_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists; nothing was changed');
    expect(r.stdout).toBe('');
  }, 150_000);

  it('rejects a bad --companies value before opening the database', async () => {
    const r = await runCli(['demo', '--lang', 'en', '--companies', '-3'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--companies must be an integer');
  });
});
