import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../testing/run-cli';

/** `banso listings import`: a dry run, an import, and a bad file refused with lines (exit 1). */
let database: TestDatabase;
let env: Record<string, string>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'banso-listings-cli-'));
const good = path.join(dir, 'patents.csv');
const bad = path.join(dir, 'bad.csv');

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
  if (database.driver === 'pglite') await database.destroy();
  const init = await runCli(
    [
      'init',
      '--org',
      'kawasaki',
      '--org-name',
      '川崎市',
      '--admin-name',
      '川崎 太郎',
      '--admin-email',
      'admin@kawasaki.example.jp',
      '--admin-password',
      'correct-horse-battery',
    ],
    env,
  );
  expect(init.code, init.stderr).toBe(0);
  writeFileSync(
    good,
    iconv.encode(
      '管理番号,発明の名称,国際特許分類\r\nK-1,炭素繊維強化樹脂の成形方法,B29C 70/06\r\nK-2,外観検査装置,G06T 7/00\r\n',
      'cp932',
    ),
  );
  writeFileSync(bad, 'id,title,ipc\nX-1,正しい,B29C\nX-2,誤り,B29Z 1/00\n');
}, 120_000);
afterAll(async () => {
  if (database.driver === 'postgres') await database.destroy();
});

describe('banso listings import', { timeout: 120_000 }, () => {
  it('counts in a dry run, then imports a Shift_JIS file with Japanese headings', async () => {
    const dry = await runCli(['listings', 'import', good, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('確認のみ: 新規 2件、更新 0件');
    const run = await runCli(['listings', 'import', good, '--lang', 'en'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported: 2 new, 0 updated.');
    const again = await runCli(['listings', 'import', good], env);
    expect(again.stdout).toContain('新規 0件、更新 2件');
  });

  it('refuses a file with an error, naming the line, and writes nothing (exit 1)', async () => {
    const r = await runCli(['listings', 'import', bad], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: ipc.0:`);
    expect(r.stderr).toContain('何も取り込みませんでした');
    const dry = await runCli(['listings', 'import', good, '--dry-run'], env);
    expect(dry.stdout).toContain('新規 0件、更新 2件'); // still only the two of the first file
  });
});
