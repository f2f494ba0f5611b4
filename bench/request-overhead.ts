/**
 * Request overhead of the data-access layer: throughput of `GET /api/v1/companies/{id}` and
 * `GET /api/v1/companies?limit=20` through a real `banso serve`, measured with wrk, for one or
 * more checkouts side by side in one run (e.g. the commit before the scoped handle and row-level
 * security, and the one after), on PostgreSQL and on the embedded database.
 *
 *   BANSO_BENCH_CHECKOUTS=/path/before,/path/after node --import tsx bench/request-overhead.ts
 *
 * Each checkout gets a fresh database, the same 1,000 companies (through the API) and an API
 * token; the runs alternate checkout by checkout, BANSO_BENCH_ROUNDS times (default 3), and the
 * median requests/s is reported. wrk: `apt-get install wrk`. Every server listens on 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ADMIN_URL = process.env.BANSO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHECKOUTS = (process.env.BANSO_BENCH_CHECKOUTS ?? process.cwd()).split(',');
const ROUNDS = Number(process.env.BANSO_BENCH_ROUNDS ?? 3);
const DRIVERS = (process.env.BANSO_BENCH_DRIVERS ?? 'postgres,pglite').split(',');
const SECONDS = Number(process.env.BANSO_BENCH_SECONDS ?? 8);
const COMPANIES = 1000;
const PASSWORD = 'bench-password-123456';

interface Server {
  checkout: string;
  driver: string;
  port: number;
  child: ChildProcess;
  token: string;
  companyId: string;
  cleanup: () => Promise<void>;
}

const adminQuery = async (sql: string) => {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

async function start(checkout: string, driver: string, index: number): Promise<Server> {
  const port = 3950 + index;
  const bin = path.join(checkout, 'apps/server/bin/banso.mjs');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-bench-req-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BANSO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    BANSO_BACKUP_HOURS: '0',
    BANSO_MATCHING_WARMUP_MS: '-1',
  };
  const dbName = `banso_bench_req_${index}`;
  if (driver === 'postgres') {
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
  const child = spawn('node', [bin, 'serve'], { env, cwd: checkout, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      if (i > 300) throw new Error(`server of ${checkout} did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
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
  let companyId = '';
  for (let i = 0; i < COMPANIES; i++) {
    const res = await fetch(`${base}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: `ベンチ精密工業${i}株式会社`, nameKana: `べんちせいみつ${i}` }),
    });
    if (res.status !== 201) throw new Error(`create company: ${res.status} ${await res.text()}`);
    if (i === COMPANIES / 2) companyId = ((await res.json()) as { id: string }).id;
  }
  if (driver === 'postgres') {
    const c = new pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    await c.query('ANALYZE');
    await c.end();
  }
  return {
    checkout,
    driver,
    port,
    child,
    token,
    companyId,
    cleanup: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      if (driver === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

function wrk(server: Server, urlPath: string): { rps: number; p50: string; p99: string } {
  const out = execFileSync(
    'wrk',
    [
      '-t1',
      '-c8',
      `-d${SECONDS}s`,
      '--latency',
      '-H',
      `Authorization: Bearer ${server.token}`,
      `http://127.0.0.1:${server.port}${urlPath}`,
    ],
    { encoding: 'utf8' },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (non2xx) throw new Error(`${urlPath}: ${non2xx[1]} non-2xx responses`);
  return {
    rps,
    p50: /\s50%\s+(\S+)/.exec(out)?.[1] ?? '?',
    p99: /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?',
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const rows: string[] = [];
for (const driver of DRIVERS) {
  const servers: Server[] = [];
  try {
    for (const [i, checkout] of CHECKOUTS.entries()) servers.push(await start(checkout, driver, i));
    const cases = [
      ['detail', (s: Server) => `/api/v1/companies/${s.companyId}`],
      ['list', () => '/api/v1/companies?limit=20'],
    ] as const;
    for (const [name, url] of cases) {
      const samples = new Map<Server, { rps: number; p50: string; p99: string }[]>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of servers) {
          const list = samples.get(s) ?? [];
          list.push(wrk(s, url(s)));
          samples.set(s, list);
        }
      }
      for (const s of servers) {
        const list = samples.get(s) ?? [];
        const rps = median(list.map((x) => x.rps));
        const mid = list.find((x) => x.rps === rps);
        rows.push(
          `| ${driver} | ${name} | ${path.basename(s.checkout)} | ${rps.toFixed(0)} | ${mid?.p50} | ${mid?.p99} | ${list.map((x) => x.rps.toFixed(0)).join(', ')} |`,
        );
      }
    }
  } finally {
    for (const s of servers) await s.cleanup();
  }
}
console.log(
  `\nload average: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; ${os.cpus().length} × ${os.cpus()[0]?.model}`,
);
console.log('| driver | request | checkout | req/s (median) | p50 | p99 | every round (req/s) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
