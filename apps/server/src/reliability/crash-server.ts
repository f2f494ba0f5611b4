import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, withDatabaseName } from '@banso/db/admin';
import { createTestDatabase, TEST_PG_URL } from '@banso/db/testing';
import {
  type BansoRun,
  bansoEnv,
  exited,
  runBanso,
  startBanso,
  waitForOutput,
} from '../testing/banso-process';

/**
 * Real `banso serve` processes for the crash harness: one initialised database per driver (an
 * organisation, an admin and an API token), copied for every trial (a PGlite data directory
 * copied on disk, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), and servers that are started,
 * killed with SIGKILL and started again on the same database.
 */

const ORG = 'crash';
const EMAIL = 'admin@crash.example.jp';
const PASSWORD = 'crash-test-password-123';

export type Driver = 'pglite' | 'postgres';

/** A running `banso serve` on a trial's database. */
export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited (and been reaped), with its output. */
  exit: Promise<BansoRun>;
  /** From spawn to "running at" (ms). */
  readyMs: number;
}

/** A trial's own database: where it lives and the environment of its servers. */
export interface TrialDatabase {
  env: NodeJS.ProcessEnv;
  /** The trial's temporary directory (TMPDIR of its servers: uploads and spools left by a kill). */
  tmpDir: string;
  drop(): Promise<void>;
}

/** The initialised database every trial starts from. */
export interface BaseDatabase {
  driver: Driver;
  token: string;
  fresh(label: string): Promise<TrialDatabase>;
  drop(): Promise<void>;
}

const serverEnv = (dataDir: string, tmpDir: string, extra: Record<string, string>) =>
  bansoEnv(dataDir, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BANSO_BACKUP_HOURS: '0',
    BANSO_MATCHING_WARMUP_MS: '-1',
    TMPDIR: tmpDir,
    ...extra,
  });

/** Starts `banso serve` and waits for it to listen (its "running at" line), or for it to exit. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const started = performance.now();
  const child = startBanso(['serve'], env);
  const exit = exited(child);
  try {
    const [, url] = await waitForOutput(child, /running at (http:\/\/\S+)/, 120_000);
    if (!url) throw new Error('no URL');
    return { url, child, exit, readyMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const run = await exit;
    throw new Error(
      `banso serve did not start (exit code ${run.code}, signal ${run.signal}): ${(error as Error).message}`,
    );
  }
}

/** SIGKILL, then waits until the process is gone (reaped): the condition a restart depends on. */
export async function killServer(server: RunningServer): Promise<BansoRun> {
  server.child.kill('SIGKILL');
  return server.exit;
}

/** `banso init`, then one server run to create an API token; returns the base of every trial. */
export async function createBaseDatabase(driver: Driver): Promise<BaseDatabase> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'banso-crash-'));
  const baseDir = path.join(root, 'base');
  let baseUrl: string | null = null;
  if (driver === 'postgres') {
    // A fresh migrated database from the run's template; its pool is closed so it can be a template.
    const database = await createTestDatabase('postgres');
    await database.close();
    baseUrl = database.url ?? null;
    if (!baseUrl) throw new Error('no PostgreSQL URL');
  }
  const extra: Record<string, string> = baseUrl ? { DATABASE_URL: baseUrl } : {};
  mkdirSync(path.join(root, 'tmp'));
  const env = serverEnv(baseDir, path.join(root, 'tmp'), extra);
  const init = await runBanso(
    [
      'init',
      '--org',
      ORG,
      '--org-name',
      '障害試験',
      '--admin-name',
      '試験 太郎',
      '--admin-email',
      EMAIL,
      '--admin-password',
      PASSWORD,
    ],
    env,
  );
  if (init.code !== 0) throw new Error(`banso init failed (${init.code}): ${init.stderr}`);

  const server = await startServer(env);
  let token: string;
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organization: ORG, email: EMAIL, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'crash' }),
    });
    if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
    token = ((await created.json()) as { token: string }).token;
  } finally {
    server.child.kill('SIGTERM');
    await server.exit;
  }
  rmSync(path.join(baseDir, 'backups'), { recursive: true, force: true });

  let copies = 0;
  return {
    driver,
    token,
    async fresh(label) {
      copies++;
      const dir = path.join(root, `${label}-${copies}`);
      const tmpDir = path.join(dir, 'tmp');
      mkdirSync(tmpDir, { recursive: true });
      const dataDir = path.join(dir, 'data');
      if (driver === 'pglite') {
        cpSync(baseDir, dataDir, { recursive: true });
        return {
          env: serverEnv(dataDir, tmpDir, {}),
          tmpDir,
          drop: async () => rmSync(dir, { recursive: true, force: true }),
        };
      }
      const name = `banso_crash_${process.pid}_${copies}`;
      const base = new URL(baseUrl ?? '').pathname.slice(1);
      await adminQuery(TEST_PG_URL, `CREATE DATABASE ${name} TEMPLATE ${base}`);
      return {
        env: serverEnv(dataDir, tmpDir, { DATABASE_URL: withDatabaseName(TEST_PG_URL, name) }),
        tmpDir,
        drop: async () => {
          await adminQuery(TEST_PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async drop() {
      if (baseUrl) {
        const base = new URL(baseUrl).pathname.slice(1);
        await adminQuery(TEST_PG_URL, `DROP DATABASE IF EXISTS ${base} WITH (FORCE)`);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let refusals = 0;
/** How many 503 refusals the harness's requests met (and sent again) in this process. */
export const refusalsSoFar = () => refusals;
const MAX_REFUSALS = 60;

/**
 * fetch as a careful client does it against Banso: a 503 `service_unavailable` is the bounded
 * wait refusing before doing anything (on a loaded machine, a busy embedded database), so the
 * same request goes again after the `Retry-After` the server named (at most MAX_REFUSALS times).
 * Each attempt has its own deadline.
 */
export async function fetchSendingAgain(
  url: string,
  init: Omit<RequestInit, 'signal'>,
  timeoutMs: number,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (res.status !== 503 || attempt >= MAX_REFUSALS) return res;
    const retryAfterS = Math.max(1, Number(res.headers.get('retry-after')) || 1);
    await res.arrayBuffer();
    refusals++;
    await new Promise((resolve) => setTimeout(resolve, retryAfterS * 1000));
  }
}

/** A small JSON client with the API token; every request has a deadline. */
export function apiClient(baseUrl: string, token: string) {
  return async function api(
    method: string,
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const res = await fetchSendingAgain(
      `${baseUrl}${urlPath}`,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      60_000,
    );
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
}
export type Api = ReturnType<typeof apiClient>;
