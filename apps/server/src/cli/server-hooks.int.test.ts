import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDriver } from '@banso/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDumpHeader } from '../features/backup/dump-restorer';
import { bansoEnv, exited, runBanso, startBanso, waitForOutput } from '../testing/banso-process';

/**
 * `banso serve` on an embedded data directory, as real processes: the
 * data-directory lock turns a second server (or a CLI command) away at once
 * while the first keeps serving, and a clean stop leaves a shutdown backup.
 * Only the embedded database has a data-directory lock, so this runs in the
 * int-pglite project (vitest.config.ts leaves it out of int-postgres).
 */
let dataDir: string;
let env: NodeJS.ProcessEnv;
const started: ChildProcess[] = [];

describe.runIf(testDriver() === 'pglite')('banso serve on an embedded data directory', () => {
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-serve-lock-'));
    env = bansoEnv(dataDir, { PORT: '0', HOST: '127.0.0.1', BANSO_BACKUP_HOURS: '24' });
  });
  afterAll(() => {
    for (const child of started) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server on the same directory at once; the first keeps serving, loses nothing, and backs up at shutdown', async () => {
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
      env,
    );
    expect(init.code, init.stderr).toBe(0);

    const first = startBanso(['serve'], env);
    started.push(first);
    const firstExit = exited(first);
    const [, url] = await waitForOutput(first, /running at (http:\/\/\S+)/);
    if (!url) throw new Error('no URL');

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organization: 'kawasaki',
        email: 'admin@kawasaki.example.jp',
        password: 'correct-horse-battery-staple',
      }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${url}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: '株式会社ロック確認製作所',
        nameKana: 'ロックカクニンセイサクショ',
      }),
    });
    expect(created.status).toBe(201);
    const company = (await created.json()) as { id: string };

    // A second server on the same directory: exit 3 at once, naming the directory. That it
    // exits at all while the first still holds the lock shows it does not wait for it (no
    // timing asserted: a busy machine only makes node start slower).
    const second = await runBanso(['serve'], env);
    expect(second.code, second.stderr).toBe(3);
    expect(second.stderr).toContain(dataDir);
    expect(second.stdout).not.toMatch(/running at/);
    // So are CLI commands that open the database, e.g. a manual backup.
    const backup = await runBanso(['backup'], env);
    expect(backup.code, backup.stderr).toBe(3);
    expect(backup.stderr).toContain(dataDir);

    // The first still answers, with the company.
    const got = await fetch(`${url}/api/v1/companies/${company.id}`, { headers: { cookie } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { name: string }).name).toBe('株式会社ロック確認製作所');

    // The server's jobs runner takes a queued import at once (LISTEN banso_jobs) and runs it.
    const queued = await fetch(`${url}/api/v1/companies/import?fileName=two.csv`, {
      method: 'POST',
      headers: {
        'content-type': 'text/csv',
        prefer: 'respond-async',
        cookie,
        'x-csrf-token': csrfToken,
      },
      body: '名称,フリガナ\r\n株式会社ジョブ一号,ジョブイチゴウ\r\n株式会社ジョブ二号,ジョブニゴウ\r\n',
    });
    expect(queued.status, await queued.clone().text()).toBe(202);
    const { location } = (await queued.json()) as { location: string };
    let job: { status: string; result: { inserted?: number } | null } = {
      status: 'queued',
      result: null,
    };
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (
        await fetch(`${url}${location}`, { headers: { cookie } })
      ).json()) as typeof job;
    }
    expect(job).toMatchObject({ status: 'succeeded', result: { inserted: 2 } });

    first.kill('SIGTERM');
    const stopped = await firstExit;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(existsSync(path.join(dataDir, 'banso.lock'))).toBe(false);
    const backups = readdirSync(path.join(dataDir, 'backups'));
    const shutdown = backups.filter((n) => /^banso-\d{8}-\d{6}-shutdown\.sql\.gz$/.test(n));
    expect(shutdown, backups.join(', ')).toHaveLength(1);
    expect(backups.some((n) => n.endsWith('.partial'))).toBe(false);
    const header = await readDumpHeader(path.join(dataDir, 'backups', shutdown[0] ?? ''));
    expect(header.rows.find((r) => r.table === 'companies')?.count).toBe(3);
  }, 180_000);
});
