import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

/**
 * A real `banso serve` of a checkout for the benchmarks that measure whole requests: a fresh
 * database (a temporary PGlite data directory, or a new PostgreSQL database), an organisation,
 * an admin and an API token. Listens on 127.0.0.1 only.
 */
export interface BansoServer {
  checkout: string;
  driver: 'postgres' | 'pglite';
  base: string;
  child: ChildProcess;
  token: string;
  /** The PostgreSQL database's name, or null on the embedded database. */
  dbName: string | null;
  /**
   * ANALYZE every table, as a benchmark must after loading data (autovacuum is off on the test
   * server, and the embedded database has none): on PostgreSQL through a connection; on the
   * embedded database the server is stopped, its data directory analysed with the checkout's own
   * PGlite and the server started again (`child` is then the new process).
   */
  analyze: () => Promise<void>;
  stop: () => Promise<void>;
}

const ADMIN_URL = process.env.BANSO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'bench-password-123456';

export async function adminQuery(sql: string, url = ADMIN_URL): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** SIGTERM, and SIGKILL if the process has not exited 15 s later. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startBansoServer(options: {
  checkout: string;
  driver: 'postgres' | 'pglite';
  port: number;
  /** Names the PostgreSQL database (dropped and made again). */
  name: string;
  env?: NodeJS.ProcessEnv;
  /** Extra arguments to the server's node (e.g. `--cpu-prof`), not to `banso init`. */
  nodeArgs?: readonly string[];
}): Promise<BansoServer> {
  const { checkout, driver, port, name } = options;
  const bin = path.join(checkout, 'apps/server/bin/banso.mjs');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `banso-bench-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BANSO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    BANSO_BACKUP_HOURS: '0',
    BANSO_MATCHING_WARMUP_MS: '-1',
    ...options.env,
  };
  const dbName = driver === 'postgres' ? name : null;
  if (dbName) {
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${dbName}`);
    env.DATABASE_URL = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  } else {
    delete env.DATABASE_URL;
  }
  execFileSync(
    'node',
    [bin, 'init', '--org', 'bench', '--org-name', 'ベンチ', '--admin-name', 'admin'].concat([
      '--admin-email',
      'admin@bench.example.jp',
      '--admin-password',
      PASSWORD,
    ]),
    { env, cwd: checkout, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  const serve = async () => {
    const started = spawn('node', [...(options.nodeArgs ?? []), bin, 'serve'], {
      env,
      cwd: checkout,
      stdio: 'ignore',
    });
    let exited = false;
    started.once('exit', () => {
      exited = true;
    });
    for (let i = 0; ; i++) {
      if (exited) throw new Error(`server of ${checkout} exited while starting`);
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error(`server of ${checkout} did not start`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return started;
  };
  const child = await serve();
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organization: 'bench',
      email: 'admin@bench.example.jp',
      password: PASSWORD,
    }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${base}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = (await created.json()) as { token: string };
  const server: BansoServer = {
    checkout,
    driver,
    base,
    child,
    token,
    dbName,
    analyze: async () => {
      if (env.DATABASE_URL) return adminQuery('ANALYZE', env.DATABASE_URL);
      await stopProcess(server.child);
      const { PGlite } = (await import(
        pathToFileURL(
          createRequire(path.join(checkout, 'packages/db/package.json')).resolve(
            '@electric-sql/pglite',
          ),
        ).href
      )) as typeof import('@electric-sql/pglite');
      const db = new PGlite({ dataDir: path.join(dataDir, 'db') });
      await db.exec('ANALYZE');
      await db.close();
      server.child = await serve();
    },
    stop: async () => {
      await stopProcess(server.child);
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
  return server;
}

/**
 * Prints a side-by-side table in Markdown, after a line saying how loaded the machine was (the
 * runs of these benchmarks are compared with each other, never with other days' numbers).
 */
export function printTable(columns: readonly string[], rows: readonly string[]): void {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  console.log(`\nload average: ${load}; ${os.cpus().length} × ${os.cpus()[0]?.model}`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`| ${columns.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(r);
}
