/**
 * `npx tsx bench/planner-run.ts`: the caravan benchmarks alone (also part of `npm run bench`).
 * BANSO_BENCH_PLANNER_COMPANIES (40000), BANSO_BENCH_PLANNER_VISITS (20000),
 * BANSO_BENCH_REPETITIONS (20), BANSO_BENCH_DRIVERS (pglite,postgres).
 */
import { postgresReachable } from './lib/bench-db';
import {
  type PlannerBenchResult,
  renderPlannerBench,
  runPlannerBenchmark,
  runRecommenderBenchmark,
} from './planner';

const env = process.env;
const int = (name: string, fallback: number) => Number(env[name] ?? fallback);
const wanted = (env.BANSO_BENCH_DRIVERS ?? 'pglite,postgres').split(',');
const pgUp = await postgresReachable();
const results: PlannerBenchResult[] = [];
const log = (m: string) => console.error(m);
for (const driver of ['pglite', 'postgres'] as const) {
  if (!wanted.includes(driver) || (driver === 'postgres' && !pgUp)) continue;
  results.push(
    await runPlannerBenchmark(driver, {
      companies: int('BANSO_BENCH_PLANNER_COMPANIES', 40_000),
      visits: int('BANSO_BENCH_PLANNER_VISITS', 20_000),
      repetitions: int('BANSO_BENCH_REPETITIONS', 20),
      log,
    }),
  );
}
const recommender = runRecommenderBenchmark({ roster: 200, repetitions: 500 });
console.log(renderPlannerBench(results, recommender));
