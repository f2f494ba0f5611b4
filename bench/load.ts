/**
 * Load: N virtual users for D seconds of mixed reads and writes against a real `banso serve` on
 * loopback, on PostgreSQL and on the embedded database (PGlite), one after the other.
 *
 *   node --import tsx bench/load.ts                 (or `npm run bench -- load`)
 *
 *   BANSO_LOAD_USERS       virtual users (default 200)
 *   BANSO_LOAD_SECONDS     duration of the load (default 600)
 *   BANSO_LOAD_DRIVERS     postgres,pglite (default both)
 *   BANSO_LOAD_COMPANIES   fictional companies of the demo seed (default 300, as `banso demo`)
 *   BANSO_LOAD_TIMEOUT_MS  a request not answered that long after it was sent (connecting
 *                          included) is abandoned and counts as a time-out (default 10000)
 *   BANSO_LOAD_CHECKOUT    checkout whose `banso` serves (default this one: compare a base commit)
 *   BANSO_LOAD_SERVER_ENV  extra server variables, `A=1,B=2` (e.g. BANSO_DB_QUEUE=32)
 *   BANSO_LOAD_SERVER_LOG  file for the server's log lines (default: discarded; with LOG_LEVEL=info
 *                          in BANSO_LOAD_SERVER_ENV every request's server-side time is in it)
 *   BANSO_BENCH_PG_URL     admin connection for the bench database
 *                          (default postgres://postgres@127.0.0.1:5432/test)
 *
 * Each driver gets a fresh database seeded by `banso demo` (companies, supporters, a year of
 * visits with follow-ups, the programs and KPIs of the Kawasaki report), ANALYZEd on PostgreSQL.
 * Every virtual user is a closed loop without think time: it sends its next request as soon as
 * the last one was answered (the harshest load for that many users), as the demo admin with an
 * API token. About 3 in 4 requests read (company list, name search, detail, timeline, visits,
 * follow-ups, KPI achievement), 1 in 4 write (create or update a company — the update after
 * reading its version —, create a visit, add a follow-up). Latency is measured per request from
 * send to the end of the body. Reported: requests, answers by status (503 apart: the bounded wait
 * of the embedded database refusing), time-outs and other errors, p50/p99/max of all answers and
 * of the successful ones, throughput.
 *
 * Bounded: only 127.0.0.1; no new request after D seconds; the run is abandoned (server killed)
 * at D + timeout + 60 s whatever happens.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const env = process.env;
const int = (name: string, fallback: number) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};

export interface LoadOptions {
  users: number;
  seconds: number;
  drivers: ('postgres' | 'pglite')[];
  companies: number;
  timeoutMs: number;
  checkout: string;
  serverEnv: Record<string, string>;
  log: (message: string) => void;
}

export const loadOptionsFromEnv = (log: (m: string) => void): LoadOptions => ({
  users: int('BANSO_LOAD_USERS', 200),
  seconds: int('BANSO_LOAD_SECONDS', 600),
  drivers: (env.BANSO_LOAD_DRIVERS ?? 'postgres,pglite')
    .split(',')
    .map((d) => d.trim())
    .filter((d): d is 'postgres' | 'pglite' => d === 'postgres' || d === 'pglite'),
  companies: int('BANSO_LOAD_COMPANIES', 300),
  timeoutMs: int('BANSO_LOAD_TIMEOUT_MS', 10_000),
  checkout: path.resolve(env.BANSO_LOAD_CHECKOUT ?? process.cwd()),
  serverEnv: Object.fromEntries(
    (env.BANSO_LOAD_SERVER_ENV ?? '')
      .split(',')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  ),
  log,
});

const ADMIN_URL = env.BANSO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'load-test-password-123456';
const PORT = 3990;
const DB_NAME = 'banso_bench_load';

export interface LoadResult {
  driver: string;
  checkout: string;
  users: number;
  seconds: number;
  requests: number;
  byStatus: Record<string, number>;
  timeouts: number;
  otherErrors: number;
  refused503: number;
  refusedShare: number;
  /** Unexpected answers: anything but 2xx, 409 stale_version and (embedded) 503. */
  errors: number;
  latencyMs: { p50: number; p99: number; max: number };
  okLatencyMs: { p50: number; p99: number; max: number };
  refusedLatencyMs: { p50: number; p99: number; max: number } | null;
  throughput: number;
  okThroughput: number;
  byOperation: Record<string, { n: number; ok: number; p50: number; p99: number }>;
  serverEnv: Record<string, string>;
}

const adminQuery = async (url: string, sql: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

interface Answer {
  status: number;
  body: string;
}

function makeClient(base: URL, token: string, users: number, timeoutMs: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: users, maxFreeSockets: users });
  return {
    agent,
    send(method: string, urlPath: string, json?: unknown): Promise<Answer> {
      return new Promise((resolve, reject) => {
        const body = json === undefined ? undefined : JSON.stringify(json);
        const req = http.request(
          {
            host: base.hostname,
            port: base.port,
            method,
            path: urlPath,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              'accept-language': 'en',
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        // A deadline from the send, connecting included (a socket timeout would start only
        // once connected, and a dropped SYN is retried for minutes).
        const deadline = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
        req.on('close', () => clearTimeout(deadline));
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN);
const summary = (xs: number[]) => {
  const s = Float64Array.from(xs).sort();
  const a = Array.from(s);
  return { p50: quantile(a, 0.5), p99: quantile(a, 0.99), max: a[a.length - 1] ?? Number.NaN };
};

const pick = <T>(xs: readonly T[]): T => {
  const x = xs[Math.floor(Math.random() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
};

const SEARCH_TERMS = ['精密', '工業', '金型', '加工', 'かわさき', '電子', '化学', '製作所', '技研'];

export async function startServer(opts: LoadOptions, driver: string) {
  const bin = path.join(opts.checkout, 'apps/server/bin/banso.mjs');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-bench-load-'));
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    BANSO_DATA_DIR: dataDir,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    BANSO_BACKUP_HOURS: '0',
    BANSO_MATCHING_WARMUP_MS: '-1',
    BANSO_LANG: 'en',
    ...opts.serverEnv,
  };
  let dbUrl: string | null = null;
  if (driver === 'postgres') {
    await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await adminQuery(ADMIN_URL, `CREATE DATABASE ${DB_NAME}`);
    dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
    serverEnv.DATABASE_URL = dbUrl;
  } else {
    delete serverEnv.DATABASE_URL;
  }
  opts.log(`${driver}: seeding ${opts.companies} demo companies`);
  execFileSync(
    'node',
    [bin, 'demo', '--companies', String(opts.companies), '--password', PASSWORD],
    { env: serverEnv, cwd: opts.checkout, stdio: 'ignore' },
  );
  if (dbUrl) await adminQuery(dbUrl, 'ANALYZE');
  const logFile = env.BANSO_LOAD_SERVER_LOG ? openSync(env.BANSO_LOAD_SERVER_LOG, 'a') : null;
  const child = spawn('node', [bin, 'serve'], {
    env: serverEnv,
    cwd: opts.checkout,
    stdio: ['ignore', logFile ?? 'ignore', 'inherit'],
  });
  if (logFile !== null) closeSync(logFile);
  const base = new URL(`http://127.0.0.1:${PORT}`);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(new URL('/api/health', base))).ok) break;
    } catch {
      if (i > 600 || child.exitCode !== null)
        throw new Error(`${driver}: the server did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const cleanup = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (driver === 'postgres')
      await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  };
  return { base, child, cleanup };
}

export async function apiToken(base: URL): Promise<string> {
  const login = await fetch(new URL('/api/v1/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ organization: 'demo', email: 'demo@banso.example', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(new URL('/api/v1/auth/tokens', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'load' }),
  });
  if (!created.ok) throw new Error(`token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

type Client = ReturnType<typeof makeClient>;

/** Ids the virtual users work on, read once before the load (and grown by their writes). */
async function fixtures(client: Client) {
  const companyIds: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.send(
      'GET',
      `/api/v1/companies?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const page = JSON.parse(res.body) as { items: { id: string }[]; nextCursor: string | null };
    companyIds.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor && companyIds.length < 5000);
  const supporters = JSON.parse((await client.send('GET', '/api/v1/supporters')).body) as {
    items: { id: string }[];
  };
  const visits = JSON.parse((await client.send('GET', '/api/v1/visits?limit=100')).body) as {
    items: { id: string }[];
  };
  if (companyIds.length === 0 || supporters.items.length === 0 || visits.items.length === 0)
    throw new Error('the demo seed has no companies, supporters or visits');
  return {
    companyIds,
    supporterIds: supporters.items.map((s) => s.id),
    visitIds: visits.items.map((v) => v.id),
  };
}

type Fixtures = Awaited<ReturnType<typeof fixtures>>;
type Operation = (client: Client, f: Fixtures, n: number) => Promise<Answer>;

/** name, weight (of 100), request. Writes are a quarter of the weight. */
const OPERATIONS: [string, number, Operation][] = [
  ['companies.list', 18, (c) => c.send('GET', '/api/v1/companies?limit=20')],
  [
    'companies.search',
    14,
    (c) => c.send('GET', `/api/v1/companies?limit=20&q=${encodeURIComponent(pick(SEARCH_TERMS))}`),
  ],
  ['companies.detail', 14, (c, f) => c.send('GET', `/api/v1/companies/${pick(f.companyIds)}`)],
  [
    'companies.timeline',
    6,
    (c, f) => c.send('GET', `/api/v1/companies/${pick(f.companyIds)}/timeline`),
  ],
  ['visits.list', 10, (c) => c.send('GET', '/api/v1/visits?limit=20')],
  ['follow-ups.list', 6, (c) => c.send('GET', '/api/v1/follow-ups?limit=20')],
  ['programs.achievement', 7, (c) => c.send('GET', '/api/v1/programs/achievement?fy=2022')],
  [
    'companies.create',
    6,
    async (c, f, n) => {
      const res = await c.send('POST', '/api/v1/companies', {
        name: `負荷試験工業${n}株式会社`,
        nameKana: `ふかしけんこうぎょう${n}`,
      });
      if (res.status === 201) f.companyIds.push((JSON.parse(res.body) as { id: string }).id);
      return res;
    },
  ],
  [
    'companies.update',
    7,
    async (c, f, n) => {
      const id = pick(f.companyIds);
      const read = await c.send('GET', `/api/v1/companies/${id}`);
      if (read.status !== 200) return read;
      const { version } = JSON.parse(read.body) as { version: number };
      return c.send('PATCH', `/api/v1/companies/${id}`, {
        version,
        businessDescription: `負荷試験 ${n}`,
      });
    },
  ],
  [
    'visits.create',
    7,
    async (c, f, n) => {
      const res = await c.send('POST', '/api/v1/visits', {
        companyId: pick(f.companyIds),
        startsAt: new Date(Date.now() - 86_400_000).toISOString(),
        purpose: `負荷試験の訪問 ${n}`,
        team: [{ supporterId: pick(f.supporterIds), role: 'lead' }],
        status: 'completed',
      });
      if (res.status === 201) f.visitIds.push((JSON.parse(res.body) as { id: string }).id);
      return res;
    },
  ],
  [
    'follow-ups.create',
    5,
    (c, f, n) =>
      c.send('POST', `/api/v1/visits/${pick(f.visitIds)}/follow-ups`, {
        title: `負荷試験のフォローアップ ${n}`,
      }),
  ],
];
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, [, w]) => sum + w, 0);
const chooseOperation = () => {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const op of OPERATIONS) {
    r -= op[1];
    if (r < 0) return op;
  }
  return OPERATIONS[0] as (typeof OPERATIONS)[number];
};

interface Sample {
  op: string;
  ms: number;
  status: number | 'timeout' | 'error';
}

export async function runLoad(
  opts: LoadOptions,
  driver: 'postgres' | 'pglite',
): Promise<LoadResult> {
  const server = await startServer(opts, driver);
  // Whatever happens, the run ends: the server is killed past D + timeout + 60 s.
  const hardStop = setTimeout(
    () => {
      opts.log(`${driver}: hard stop`);
      server.child.kill('SIGKILL');
      process.exit(3);
    },
    (opts.seconds + 60) * 1000 + opts.timeoutMs,
  );
  hardStop.unref();
  try {
    const token = await apiToken(server.base);
    const client = makeClient(server.base, token, opts.users, opts.timeoutMs);
    const f = await fixtures(client);
    // A short warm-up (plans cached, JIT) not counted.
    for (let i = 0; i < 20; i++) await OPERATIONS[i % 7]?.[2](client, f, -i);
    opts.log(
      `${driver}: ${opts.users} users for ${opts.seconds} s (${f.companyIds.length} companies, ${f.supporterIds.length} supporters)`,
    );

    const samples: Sample[] = [];
    let counter = 0;
    const started = performance.now();
    const endAt = started + opts.seconds * 1000;
    let lastReport = started;
    const user = async () => {
      while (performance.now() < endAt) {
        const [name, , run] = chooseOperation();
        const n = counter++;
        const t0 = performance.now();
        let status: Sample['status'];
        try {
          status = (await run(client, f, n)).status;
        } catch (error) {
          status = (error as Error).message === 'timeout' ? 'timeout' : 'error';
          if (status === 'error') opts.log(`${name}: ${(error as Error).message}`);
        }
        const t1 = performance.now();
        samples.push({ op: name, ms: t1 - t0, status });
        if (t1 - lastReport > 60_000) {
          lastReport = t1;
          opts.log(`${driver}: ${Math.round((t1 - started) / 1000)} s, ${samples.length} requests`);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.users }, user));
    const elapsed = (performance.now() - started) / 1000;
    client.agent.destroy();
    return summarise(driver, opts, samples, elapsed);
  } finally {
    clearTimeout(hardStop);
    await server.cleanup();
  }
}

function summarise(
  driver: string,
  opts: LoadOptions,
  samples: Sample[],
  elapsed: number,
): LoadResult {
  const byStatus: Record<string, number> = {};
  for (const s of samples) byStatus[String(s.status)] = (byStatus[String(s.status)] ?? 0) + 1;
  const isOk = (s: Sample) => typeof s.status === 'number' && s.status < 400;
  const answered = samples.filter((s) => typeof s.status === 'number');
  const refused = samples.filter((s) => s.status === 503);
  const expected = (s: Sample) =>
    isOk(s) || s.status === 409 || (driver === 'pglite' && s.status === 503);
  const byOperation: LoadResult['byOperation'] = {};
  for (const [name] of OPERATIONS) {
    const mine = samples.filter((s) => s.op === name);
    const sorted = summary(mine.filter(isOk).map((s) => s.ms));
    byOperation[name] = {
      n: mine.length,
      ok: mine.filter(isOk).length,
      p50: sorted.p50,
      p99: sorted.p99,
    };
  }
  return {
    driver,
    checkout: opts.checkout,
    users: opts.users,
    seconds: opts.seconds,
    requests: samples.length,
    byStatus,
    timeouts: byStatus.timeout ?? 0,
    otherErrors: byStatus.error ?? 0,
    refused503: refused.length,
    refusedShare: samples.length ? refused.length / samples.length : 0,
    errors: samples.filter((s) => !expected(s)).length,
    latencyMs: summary(answered.map((s) => s.ms)),
    okLatencyMs: summary(samples.filter(isOk).map((s) => s.ms)),
    refusedLatencyMs: refused.length ? summary(refused.map((s) => s.ms)) : null,
    throughput: samples.length / elapsed,
    okThroughput: samples.filter(isOk).length / elapsed,
    byOperation,
    serverEnv: opts.serverEnv,
  };
}

const ms = (x: number) => (Number.isNaN(x) ? '–' : x < 100 ? x.toFixed(1) : x.toFixed(0));

export function renderLoad(results: LoadResult[]): string {
  const lines = [
    '| driver | checkout | users × s | requests | 2xx | 409 | 503 (share) | time-outs | other | p50 / p99 / max ms (answered) | p50 / p99 ms (2xx) | 503 answered in p50 / max ms | req/s (2xx/s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const ok = Object.entries(r.byStatus)
      .filter(([k]) => /^[23]\d\d$/.test(k))
      .reduce((sum, [, v]) => sum + v, 0);
    const other = Object.entries(r.byStatus)
      .filter(([k]) => !/^[23]\d\d$/.test(k) && !['409', '503', 'timeout'].includes(k))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    lines.push(
      `| ${r.driver} | ${path.basename(r.checkout)}${
        Object.keys(r.serverEnv).length
          ? ` (${Object.entries(r.serverEnv)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')})`
          : ''
      } | ${r.users} × ${r.seconds} | ${r.requests} | ${ok} | ${r.byStatus['409'] ?? 0} | ${r.refused503} (${(r.refusedShare * 100).toFixed(1)} %) | ${r.timeouts} | ${other || 0} | ${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p99)} / ${ms(r.latencyMs.max)} | ${ms(r.okLatencyMs.p50)} / ${ms(r.okLatencyMs.p99)} | ${r.refusedLatencyMs ? `${ms(r.refusedLatencyMs.p50)} / ${ms(r.refusedLatencyMs.max)}` : '–'} | ${r.throughput.toFixed(0)} (${r.okThroughput.toFixed(0)}) |`,
    );
  }
  lines.push(
    '',
    '| driver | operation | requests | 2xx | p50 ms (2xx) | p99 ms (2xx) |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of results)
    for (const [op, s] of Object.entries(r.byOperation))
      lines.push(`| ${r.driver} | ${op} | ${s.n} | ${s.ok} | ${ms(s.p50)} | ${ms(s.p99)} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const log = (m: string) =>
    console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  const opts = loadOptionsFromEnv(log);
  log(
    `${os.cpus().length} × ${os.cpus()[0]?.model}, node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const results: LoadResult[] = [];
  for (const driver of opts.drivers) results.push(await runLoad(opts, driver));
  console.log(renderLoad(results));
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(`\n${JSON.stringify(results)}`);
}
