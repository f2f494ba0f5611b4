/**
 * Request overhead of the data-access layer: throughput of `GET /api/v1/companies/{id}` and
 * `GET /api/v1/companies?limit=20` (and `&sort=updated`, which no index serves) through a real
 * `banso serve`, measured with wrk, for one or more checkouts side by side in one run (e.g. the
 * commit before the scoped handle and row-level security, and the one after), on PostgreSQL and
 * on the embedded database.
 *
 *   BANSO_BENCH_CHECKOUTS=/path/before,/path/after node --import tsx bench/request-overhead.ts
 *
 * Each checkout gets a fresh database, the same 1,000 companies (through the API), statistics
 * (ANALYZE, as autovacuum or Banso's statistics task keeps them in use) and an API token; the runs alternate checkout by checkout, BANSO_BENCH_ROUNDS times (default 3), and the
 * medians are reported: the server's CPU time per request (its Node process plus, on PostgreSQL,
 * the backends of its database, from /proc), which other load on a shared machine barely moves,
 * and requests/s with latencies, which it moves a lot. Each later checkout is also compared with the
 * first round by round (the median of the per-round CPU ratios), which cancels load that drifts. wrk: `apt-get install wrk`. Every server listens on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type BansoServer, printTable, startBansoServer } from './lib/banso-server';

const CHECKOUTS = (process.env.BANSO_BENCH_CHECKOUTS ?? process.cwd()).split(',');
const ROUNDS = Number(process.env.BANSO_BENCH_ROUNDS ?? 3);
const DRIVERS = (process.env.BANSO_BENCH_DRIVERS ?? 'postgres,pglite').split(',');
const SECONDS = Number(process.env.BANSO_BENCH_SECONDS ?? 8);
const COMPANIES = 1000;

interface Server extends BansoServer {
  companyId: string;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) used so far by the server: its Node process and, on PostgreSQL, the backends serving its database. */
function serverCpuSeconds(server: Server): number {
  const pids = [server.child.pid ?? 0];
  if (server.dbName) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (cmd.startsWith(`postgres: postgres ${server.dbName} `)) pids.push(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLK_TCK;
}

async function start(checkout: string, driver: string, index: number): Promise<Server> {
  const server = await startBansoServer({
    checkout,
    driver: driver === 'postgres' ? 'postgres' : 'pglite',
    port: 3950 + index,
    name: `banso_bench_req_${index}`,
  });
  let companyId = '';
  for (let i = 0; i < COMPANIES; i++) {
    const res = await fetch(`${server.base}/api/v1/companies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ name: `ベンチ精密工業${i}株式会社`, nameKana: `べんちせいみつ${i}` }),
    });
    if (res.status !== 201) throw new Error(`create company: ${res.status} ${await res.text()}`);
    if (i === COMPANIES / 2) companyId = ((await res.json()) as { id: string }).id;
  }
  // Statistics, as a running installation has them (autovacuum on a PostgreSQL server, the
  // statistics task on the embedded one): without them the list sorts every company.
  await server.analyze();
  return { ...server, companyId };
}

interface Sample {
  rps: number;
  p50: string;
  p99: string;
  /** Server CPU milliseconds per request: much less sensitive to other load than req/s. */
  cpuMs: number;
}

function wrk(server: Server, urlPath: string, seconds = SECONDS): Sample {
  const cpuBefore = serverCpuSeconds(server);
  const out = execFileSync(
    'wrk',
    [
      '-t1',
      '-c8',
      `-d${seconds}s`,
      '--latency',
      '-H',
      `Authorization: Bearer ${server.token}`,
      `${server.base}${urlPath}`,
    ],
    { encoding: 'utf8' },
  );
  const cpu = serverCpuSeconds(server) - cpuBefore;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (non2xx) throw new Error(`${urlPath}: ${non2xx[1]} non-2xx responses`);
  return {
    rps,
    p50: /\s50%\s+(\S+)/.exec(out)?.[1] ?? '?',
    p99: /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?',
    cpuMs: (cpu * 1000) / requests,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const percent = (ratio: number) =>
  `${ratio >= 1 ? '+' : '−'}${Math.abs((ratio - 1) * 100).toFixed(0)} %`;

const rows: string[] = [];
for (const driver of DRIVERS) {
  const servers: Server[] = [];
  try {
    for (const [i, checkout] of CHECKOUTS.entries()) servers.push(await start(checkout, driver, i));
    const cases = [
      ['detail', (s: Server) => `/api/v1/companies/${s.companyId}`],
      ['list', () => '/api/v1/companies?limit=20'],
      // No index serves this order: every company of the organisation is read and sorted.
      ['list by update', () => '/api/v1/companies?limit=20&sort=updated'],
    ] as const;
    // Every server was just (re)started: one unrecorded pass each, so that no checkout's first
    // round pays for the JIT warming up.
    for (const [, url] of cases) for (const s of servers) wrk(s, url(s), 2);
    for (const [name, url] of cases) {
      const samples = new Map<Server, Sample[]>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of servers) {
          const list = samples.get(s) ?? [];
          list.push(wrk(s, url(s)));
          samples.set(s, list);
        }
      }
      const first = samples.get(servers[0] as Server) ?? [];
      for (const [i, s] of servers.entries()) {
        const list = samples.get(s) ?? [];
        const rps = median(list.map((x) => x.rps));
        const mid = list.find((x) => x.rps === rps);
        const cpuMs = median(list.map((x) => x.cpuMs));
        // Rounds of the checkouts run back to back, so a round's ratio cancels most of the load
        // that moved during the run; the median of those ratios is the figure to compare.
        const paired =
          i === 0
            ? '—'
            : percent(median(list.map((x, r) => x.cpuMs / (first[r]?.cpuMs ?? Number.NaN))));
        rows.push(
          `| ${driver} | ${name} | ${path.basename(s.checkout)} | ${cpuMs.toFixed(2)} | ${paired} | ${list.map((x) => x.cpuMs.toFixed(2)).join(', ')} | ${rps.toFixed(0)} | ${mid?.p50} | ${mid?.p99} | ${list.map((x) => x.rps.toFixed(0)).join(', ')} |`,
        );
      }
    }
  } finally {
    for (const s of servers) await s.stop();
  }
}
printTable(
  [
    'driver',
    'request',
    'checkout',
    'server CPU ms/request (median)',
    `vs ${path.basename(CHECKOUTS[0] ?? '')} (median of per-round ratios)`,
    'every round',
    'req/s (median)',
    'p50',
    'p99',
    'every round (req/s)',
  ],
  rows,
);
