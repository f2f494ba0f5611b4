import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../testing/run-cli';

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

const org = [
  '--org',
  'kawasaki',
  '--org-name',
  '川崎市 経済労働局',
  '--admin-name',
  '川崎 太郎',
  '--admin-email',
  'admin@kawasaki.example.jp',
];

describe('banso CLI', () => {
  it('lists every missing option at once when there is no terminal', async () => {
    const r = await runCli(['init', '--lang', 'en', '--org', 'kawasaki'], env);
    expect(r.code).toBe(2);
    for (const flag of ['--org-name', '--admin-name', '--admin-email', '--admin-password'])
      expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toContain('--org <code>');
  });

  it('rejects invalid input with the API’s own field messages, in Japanese by default', async () => {
    const r = await runCli(['init', ...org, '--admin-password', 'short'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('admin.password');
    expect(r.stderr).toContain('12文字以上');
  });

  it('initialises once, adds and lists users, resets a password, and refuses a second init', {
    timeout: 240_000,
  }, async () => {
    const init = await runCli(['init', ...org, '--admin-password', 'correct-horse-battery'], env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('kawasaki');

    const again = await runCli(['init', ...org, '--admin-password', 'correct-horse-battery'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('既に完了');

    const add = await runCli(
      [
        'user',
        'add',
        '--lang',
        'en',
        '--email',
        'Bank@Example.jp',
        '--name',
        '信金 花子',
        '--role',
        'partner',
        '--password',
        'another-long-password',
      ],
      env,
    );
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('Added user bank@example.jp (partner)');

    const dup = await runCli(
      [
        'user',
        'add',
        '--email',
        'bank@example.jp',
        '--name',
        'x',
        '--role',
        'staff',
        '--password',
        'another-long-password',
      ],
      env,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('既に使われています');

    const list = await runCli(['user', 'list'], env);
    expect(list.stdout.trim().split('\n').sort()).toEqual([
      'admin@kawasaki.example.jp\tadmin\t川崎 太郎',
      'bank@example.jp\tpartner\t信金 花子',
    ]);

    const reset = await runCli(
      [
        'user',
        'reset-password',
        '--email',
        'bank@example.jp',
        '--password',
        'brand-new-password-1',
      ],
      env,
    );
    expect(reset.code).toBe(0);
    const weak = await runCli(
      ['user', 'reset-password', '--email', 'bank@example.jp', '--password', 'weak'],
      env,
    );
    expect(weak.code).toBe(2);

    const unlock = await runCli(['user', 'unlock', '--email', 'Bank@example.jp'], env);
    expect(unlock.code, unlock.stderr).toBe(0);
    expect(unlock.stdout).toContain('bank@example.jp');
    const nobody = await runCli(['user', 'unlock', '--email', 'nobody@example.jp'], env);
    expect(nobody.code).not.toBe(0);
  });

  it('asks for --org when several organisations exist', async () => {
    const add = await runCli(
      [
        'tenant',
        'add',
        '--org',
        'gifu',
        '--org-name',
        '岐阜県',
        '--admin-name',
        '岐阜 次郎',
        '--admin-email',
        'admin@gifu.example.jp',
        '--admin-password',
        'correct-horse-battery',
      ],
      env,
    );
    expect(add.code).toBe(0);
    const list = await runCli(['user', 'list', '--lang', 'en'], env);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('--org');
    const gifu = await runCli(['user', 'list', '--org', 'gifu'], env);
    expect(gifu.stdout).toContain('admin@gifu.example.jp');
    expect(gifu.stdout).not.toContain('kawasaki');
  });
});
