/**
 * `npm run bench [-- search import cold-start web-bundle web-list report matching matching-index planner load]`: runs the named benchmarks (all but `load` by default),
 * prints a Markdown report and writes it with the raw numbers to bench/results/latest.{md,json}.
 *
 * Sizes (environment):
 *   BANSO_BENCH_COMPANIES   companies for search and rows for import (default 100000)
 *   BANSO_BENCH_REPETITIONS timed runs per search query and method (default 20)
 *   BANSO_BENCH_COLD_RUNS   cold starts per case (default 5)
 *   BANSO_BENCH_REIMPORT    1: also import the same file a second time (default off)
 *   BANSO_BENCH_WEB_RUNS    web-list: page loads per case, cold and warm (default 7)
 *   BANSO_BENCH_WEB_PAGES   web-list: timed 次へ page changes (default 30)
 *   BANSO_BENCH_KPI_RECORDS report: completed visits the computed KPIs count over (default 1000000)
 *   BANSO_BENCH_KPI_PROGRAMS report: programs of 5 computed KPIs each (default 50)
 *   BANSO_BENCH_PLANNER_COMPANIES / _VISITS planner: companies and visits (default 40000 / 20000)
 *   BANSO_BENCH_INDEX_COMPANIES / _LISTINGS matching-index: the server's index (default 40000 / 3000)
 *   BANSO_LOAD_USERS / _SECONDS load: virtual users and duration (default 200 / 600; see bench/load.ts);
 *                           only when named (`npm run bench -- load`): it takes 2 × 10 minutes
 *   BANSO_BENCH_DRIVERS     pglite,postgres (default both; postgres only when reachable)
 *   BANSO_BENCH_PG_URL      admin connection for creating bench databases
 *                           (default postgres://postgres@127.0.0.1:5432/test)
 * A quick run: BANSO_BENCH_COMPANIES=10000 BANSO_BENCH_COLD_RUNS=2 npm run bench
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { DriverName } from '@banso/db';
import { generateDemoCompanies } from '../apps/server/src/features/demo/demo-companies';
import { type ColdStartResult, runColdStartBenchmark } from './cold-start';
import { prepareImportFile, runImportBenchmark } from './import';
import { postgresReachable } from './lib/bench-db';
import { describeMachine } from './lib/machine';
import { type BenchReport, renderReport } from './lib/report';
import { type LoadResult, loadOptionsFromEnv, renderLoad, runLoad } from './load';
import { type MatchingBenchResult, renderMatching, runMatchingBenchmark } from './matching';
import {
  type MatchingIndexResult,
  renderMatchingIndex,
  runMatchingIndexBenchmark,
} from './matching-index';
import {
  type PlannerBenchResult,
  type RecommenderBenchResult,
  renderPlannerBench,
  runPlannerBenchmark,
  runRecommenderBenchmark,
} from './planner';
import { type ReportBenchResult, renderReportBench, runReportBenchmark } from './report';
import { runSearchBenchmark, type SearchResult, searchData } from './search';
import { measureWebBundle, renderWebBundle, type WebBundleResult } from './web-bundle';
import { renderWebList, runWebListBenchmark, type WebListResult } from './web-list';

const BENCHMARKS = [
  'search',
  'import',
  'cold-start',
  'web-bundle',
  'web-list',
  'report',
  'matching',
  'matching-index',
  'planner',
  'load',
] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];
/** Run only when named: a long run against real servers (bench/load.ts). */
const ON_REQUEST: readonly BenchmarkName[] = ['load'];

const env = process.env;
const positiveInt = (name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
};

const companies = positiveInt('BANSO_BENCH_COMPANIES', 100_000);
const repetitions = positiveInt('BANSO_BENCH_REPETITIONS', 20);
const coldRuns = positiveInt('BANSO_BENCH_COLD_RUNS', 5);
const reimport = env.BANSO_BENCH_REIMPORT === '1';
const webRuns = positiveInt('BANSO_BENCH_WEB_RUNS', 7);
const webPages = positiveInt('BANSO_BENCH_WEB_PAGES', 30);
const SEED = 20250401;

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!(BENCHMARKS as readonly string[]).includes(name)) {
    console.error(`Unknown benchmark "${name}". Choose from: ${BENCHMARKS.join(', ')}.`);
    process.exit(2);
  }
}
const selected = new Set<BenchmarkName>(
  requested.length > 0
    ? (requested as BenchmarkName[])
    : BENCHMARKS.filter((b) => !ON_REQUEST.includes(b)),
);

const started = Date.now();
const log = (message: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const wantedDrivers = (env.BANSO_BENCH_DRIVERS ?? 'pglite,postgres')
  .split(',')
  .map((d) => d.trim());
const pgUp = await postgresReachable();
if (wantedDrivers.includes('postgres') && !pgUp)
  log('PostgreSQL is not reachable: PostgreSQL cases are left out.');
const drivers = (['pglite', 'postgres'] as const).filter(
  (d): d is DriverName => wantedDrivers.includes(d) && (d === 'pglite' || pgUp),
);

const startLoad = os.loadavg();
const machine = await describeMachine();
log(
  `${machine.cpu}, ${machine.cores} cores; load average ${startLoad.map((x) => x.toFixed(1)).join(' ')}`,
);

const search: SearchResult[] = [];
let importResults: BenchReport['import'] = { skipped: 'not selected' };
let coldStart: ColdStartResult | null = null;
let keptDataDir: { dir: string; companies: number } | undefined;
let webBundle: WebBundleResult | null = null;
let webList: WebListResult | null = null;
const plannerResults: PlannerBenchResult[] = [];
let recommenderResult: RecommenderBenchResult | null = null;
let matching: MatchingBenchResult | null = null;
const matchingIndex: MatchingIndexResult[] = [];
const reportResults: ReportBenchResult[] = [];
const loadResults: LoadResult[] = [];

try {
  if (selected.has('search') || selected.has('import'))
    log(`generating ${companies.toLocaleString('en')} fictional companies`);
  const prepared = selected.has('search') ? searchData({ companies, seed: SEED }) : null;

  if (prepared) {
    for (const driver of drivers) {
      const result = await runSearchBenchmark(
        driver,
        { companies, repetitions, seed: SEED, keepPgliteDataDir: selected.has('cold-start'), log },
        prepared,
      );
      if (result.keptDataDir)
        keptDataDir = { dir: result.keptDataDir, companies: result.companies };
      search.push(result);
    }
  }

  if (selected.has('import')) {
    const csv = await prepareImportFile(
      prepared?.companies ?? generateDemoCompanies(companies, SEED),
    );
    try {
      const results = [];
      for (const driver of drivers)
        results.push(await runImportBenchmark(driver, csv, { again: reimport, log }));
      importResults = results;
    } finally {
      csv.remove();
    }
  }

  if (selected.has('cold-start')) {
    coldStart = await runColdStartBenchmark({
      runs: coldRuns,
      postgres: drivers.includes('postgres'),
      ...(keptDataDir ? { largeDataDir: keptDataDir } : {}),
      log,
    });
  }

  if (selected.has('web-bundle')) {
    const { ensureWebBuild } = await import('../e2e/support/web-build');
    webBundle = measureWebBundle(await ensureWebBuild(log));
    log(`web bundle: first page ${webBundle.initialGzipKb} KB gzip`);
  }

  if (selected.has('report')) {
    for (const driver of drivers) {
      reportResults.push(
        await runReportBenchmark(driver, {
          records: positiveInt('BANSO_BENCH_KPI_RECORDS', 1_000_000),
          programs: positiveInt('BANSO_BENCH_KPI_PROGRAMS', 50),
          repetitions: Math.min(repetitions, 10),
          log,
        }),
      );
    }
  }

  // Sizes: BANSO_BENCH_MATCH_* (see bench/matching.ts, which also runs alone).
  if (selected.has('matching'))
    matching = await runMatchingBenchmark({
      patents: positiveInt('BANSO_BENCH_MATCH_PATENTS', 100_000),
      companies: positiveInt('BANSO_BENCH_MATCH_COMPANIES', 40_000),
      queries: positiveInt('BANSO_BENCH_MATCH_QUERIES', 500),
      slowQueries: positiveInt('BANSO_BENCH_MATCH_SLOW_QUERIES', 20),
      log,
    });

  if (selected.has('matching-index')) {
    for (const driver of drivers)
      matchingIndex.push(
        await runMatchingIndexBenchmark(driver, {
          companies: positiveInt('BANSO_BENCH_INDEX_COMPANIES', 40_000),
          listings: positiveInt('BANSO_BENCH_INDEX_LISTINGS', 3_000),
          queries: 200,
          log,
        }),
      );
  }

  if (selected.has('planner')) {
    for (const driver of drivers) {
      plannerResults.push(
        await runPlannerBenchmark(driver, {
          companies: positiveInt('BANSO_BENCH_PLANNER_COMPANIES', 40_000),
          visits: positiveInt('BANSO_BENCH_PLANNER_VISITS', 20_000),
          repetitions,
          log,
        }),
      );
    }
    recommenderResult = runRecommenderBenchmark({ roster: 200, repetitions: 500 });
  }

  if (selected.has('web-list')) {
    webList = await runWebListBenchmark({
      companies,
      seed: SEED,
      runs: webRuns,
      pageChanges: webPages,
      log,
    });
  }

  if (selected.has('load')) {
    const options = loadOptionsFromEnv(log);
    for (const driver of options.drivers.filter((d) => drivers.includes(d)))
      loadResults.push(await runLoad(options, driver));
  }
} finally {
  if (keptDataDir) rmSync(keptDataDir.dir, { recursive: true, force: true });
}

const report: BenchReport = {
  startedAt: new Date(started).toISOString(),
  finishedAt: new Date().toISOString(),
  command: `npm run bench${requested.length > 0 ? ` -- ${requested.join(' ')}` : ''}`,
  settings: {
    BANSO_BENCH_COMPANIES: companies,
    BANSO_BENCH_REPETITIONS: repetitions,
    BANSO_BENCH_COLD_RUNS: coldRuns,
    BANSO_BENCH_REIMPORT: reimport ? 1 : 0,
    ...(selected.has('web-list')
      ? { BANSO_BENCH_WEB_RUNS: webRuns, BANSO_BENCH_WEB_PAGES: webPages }
      : {}),
    drivers: drivers.join(','),
  },
  machine,
  loadAverage: { start: startLoad, end: os.loadavg() },
  search,
  import: importResults,
  coldStart,
};

const markdown = [
  renderReport(report).trimEnd(),
  ...(webBundle ? ['', renderWebBundle(webBundle)] : []),
  ...(webList ? ['', renderWebList(webList)] : []),
  ...(recommenderResult ? ['', renderPlannerBench(plannerResults, recommenderResult)] : []),
  ...(reportResults.length > 0 ? ['', renderReportBench(reportResults)] : []),
  ...(matching ? ['', renderMatching(matching)] : []),
  ...(matchingIndex.length > 0 ? ['', renderMatchingIndex(matchingIndex)] : []),
  ...(loadResults.length > 0 ? ['', '## Load (bench/load.ts)', '', renderLoad(loadResults)] : []),
  '',
].join('\n');
const results = new URL('./results/', import.meta.url);
mkdirSync(results, { recursive: true });
writeFileSync(
  new URL('latest.json', results),
  `${JSON.stringify({ ...report, webBundle, webList, kpiReport: reportResults, matching, matchingIndex, planner: plannerResults, recommender: recommenderResult, load: loadResults }, null, 2)}\n`,
);
writeFileSync(new URL('latest.md', results), markdown);
process.stdout.write(`\n${markdown}`);
log(
  `done in ${((Date.now() - started) / 1000).toFixed(0)} s; written to bench/results/latest.md and latest.json`,
);
