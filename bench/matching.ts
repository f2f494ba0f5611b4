/**
 * Matching benchmark: Banso's engine (in-memory BM25F, typed arrays) against PostgreSQL full-text
 * search (tsvector of the same analysed tokens, GIN, ts_rank) and MiniSearch (same tokens, same
 * field boosts, same weighted query terms), on generated patents and companies (bench/matching-data.ts),
 * plus recall of all three on the labelled set (test/fixtures/matching).
 *
 *   npx tsx bench/matching.ts          (alone; writes bench/results/matching.{md,json})
 *   npm run bench -- matching          (with the others)
 * Sizes (environment): BANSO_BENCH_MATCH_PATENTS (100000), BANSO_BENCH_MATCH_COMPANIES (40000),
 * BANSO_BENCH_MATCH_QUERIES (500 per direction), BANSO_BENCH_MATCH_SLOW_QUERIES (20 per
 * direction for PostgreSQL and MiniSearch, which take up to seconds per query at this size),
 * BANSO_BENCH_MATCH_COMPARE=0 (Banso alone at full size; labelled-set recall of all three still).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  evaluateRankings,
  MatchingEngine,
  NEED_FIELDS,
  type NeedDocument,
  needTexts,
  SEED_FIELDS,
  type Side,
  type Token,
} from '@banso/matching';
import { nodeAnalyzer } from '@banso/matching/node';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { loadEvalSet } from '../packages/matching/src/testing/eval-set';
import { createPostgresDatabase, dropPostgresDatabase, postgresReachable } from './lib/bench-db';
import { markdownTable, ms, percentile } from './lib/stats';
import { buildVocabulary, company, patent, rng, type Vocabulary } from './matching-data';

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
}

export interface MatchingBenchResult {
  patents: number;
  companies: number;
  vocabularyPhrases: number;
  indexTerms: { seeds: number; needs: number };
  analyzerLoadMs: number;
  rssAfterAnalyzerMiB: number;
  buildSeconds: number;
  buildCpuSeconds: number;
  rssAfterBuildMiB: number;
  heapAfterBuildMiB: number;
  banso: Record<
    'seedsToNeeds' | 'needsToSeeds',
    {
      explained: LatencySummary;
      explainedCpu: LatencySummary;
      rankingOnly: LatencySummary;
      sameAsSlow: LatencySummary;
    }
  >;
  minisearch: {
    buildSeconds: number;
    rssDeltaMiB: number;
    seedsToNeeds: LatencySummary;
    needsToSeeds: LatencySummary;
  } | null;
  postgres: {
    version: string;
    loadSeconds: number;
    indexSeconds: number;
    seedsToNeeds: LatencySummary;
    needsToSeeds: LatencySummary;
  } | null;
  recall: Record<
    'banso' | 'minisearch' | 'postgres',
    { recallAt5: number; recallAt10: number; mrr: number } | null
  >;
}

const MiB = 2 ** 20;
const summary = (values: number[]): LatencySummary => ({
  n: values.length,
  p50: percentile(values, 50),
  p99: percentile(values, 99),
});
const gc = (globalThis as { gc?: () => void }).gc;
const rss = () => {
  gc?.();
  return process.memoryUsage().rss / MiB;
};

/** Field order → PostgreSQL weight class (A 2.0, B 1.5, C 1.2, D 1.0 — the BM25F field weights). */
const PG_CLASS: Record<Side, string[]> = {
  seed: ['A', 'D', 'B', 'D', 'C'],
  need: ['D', 'A', 'B', 'C', 'C'],
};
// ts_rank takes weights ≤ 1: the same ratios as 1.0 / 1.2 / 1.5 / 2.0.
const PG_WEIGHTS = '{0.5,0.6,0.75,1.0}';
const tsquery = (terms: Iterable<string>) =>
  [...terms].map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');

async function pgLoad(
  client: pg.Client,
  table: string,
  side: Side,
  docs: Iterable<{ id: string; fields: Token[][] }>,
) {
  await client.query(`CREATE TABLE ${table} (id text PRIMARY KEY, tsv tsvector NOT NULL)`);
  const classes = PG_CLASS[side];
  let batch: { id: string; fields: Token[][] }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const rows = batch.map((d) => {
      params.push(d.id);
      const idRef = `$${params.length}`;
      const parts = d.fields.map((f, i) => {
        params.push([...new Set(f.map((t) => t.term).filter((t) => t !== ''))]);
        return `setweight(array_to_tsvector($${params.length}::text[]), '${classes[i]}')`;
      });
      return `(${idRef}, ${parts.join(' || ')})`;
    });
    await client.query(`INSERT INTO ${table} (id, tsv) VALUES ${rows.join(', ')}`, params);
    batch = [];
  };
  for (const d of docs) {
    batch.push(d);
    if (batch.length >= 500) await flush();
  }
  await flush();
}

async function pgTop(
  client: pg.Client,
  table: string,
  terms: Iterable<string>,
  k: number,
): Promise<string[]> {
  const res = await client.query<{ id: string }>(
    `SELECT id FROM ${table}, CAST($1 AS tsquery) AS q
      WHERE tsv @@ q ORDER BY ts_rank('${PG_WEIGHTS}', tsv, q) DESC, id LIMIT ${k}`,
    [tsquery(terms)],
  );
  return res.rows.map((r) => r.id);
}

function miniSearchFor(fields: readonly { name: string; weight: number }[]) {
  return new MiniSearch<{ id: string } & Record<string, string>>({
    fields: fields.map((f) => f.name),
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: (term) => term,
    searchOptions: {
      boost: Object.fromEntries(fields.map((f) => [f.name, f.weight])),
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
    },
  });
}

const asMiniDoc = (id: string, fields: readonly { name: string }[], tokens: Token[][]) => ({
  id,
  ...Object.fromEntries(
    fields.map((f, i) => [f.name, (tokens[i] ?? []).map((t) => t.term).join(' ')]),
  ),
});

function miniTop(ms_: MiniSearch, query: Map<string, number>, k: number): string[] {
  return ms_
    .search([...query.keys()].join(' '), { boostTerm: (term) => query.get(term) ?? 1 })
    .slice(0, k)
    .map((r) => String(r.id));
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
};
/** CPU milliseconds (user + system) of this process while `fn` runs: other agents' load on a shared machine does not count. */
const cpuTime = (fn: () => unknown): number => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export async function runMatchingBenchmark(options: {
  patents: number;
  companies: number;
  queries: number;
  slowQueries: number;
  /** false: Banso only at full size (the labelled-set recall of all three is still measured). */
  compare?: boolean;
  log: (message: string) => void;
}): Promise<MatchingBenchResult> {
  const { log } = options;
  const t0 = performance.now();
  const analyzer = await nodeAnalyzer();
  const analyzerLoadMs = performance.now() - t0;
  const rssAfterAnalyzerMiB = rss();
  log(
    `analyser loaded in ${Math.round(analyzerLoadMs)} ms, RSS ${Math.round(rssAfterAnalyzerMiB)} MiB`,
  );

  const vocabulary: Vocabulary = buildVocabulary(analyzer, 30_000, 7);
  log(`vocabulary: ${vocabulary.phrases.length} phrases`);

  // --- Banso: build ---
  const engine = new MatchingEngine(analyzer);
  const tBuild = performance.now();
  const cpuBuild = process.cpuUsage();
  engine.bulkLoad('seed', options.patents, (i) => {
    const p = patent(vocabulary, i);
    return { doc: p.doc, fieldTokens: p.fields };
  });
  engine.bulkLoad('need', options.companies, (i) => {
    const c = company(vocabulary, i);
    return { doc: c.doc, fieldTokens: c.fields };
  });
  const buildSeconds = (performance.now() - tBuild) / 1000;
  const buildCpu = process.cpuUsage(cpuBuild);
  const buildCpuSeconds = (buildCpu.user + buildCpu.system) / 1e6;
  const rssAfterBuildMiB = rss();
  const heapAfterBuildMiB = process.memoryUsage().heapUsed / MiB;
  log(
    `Banso index: ${options.patents} + ${options.companies} documents in ${buildSeconds.toFixed(1)} s, RSS ${Math.round(rssAfterBuildMiB)} MiB`,
  );

  // --- Banso: queries ---
  const random = rng(42);
  const pick = (n: number, max: number) =>
    Array.from({ length: n }, () => Math.floor(random() * max));
  const seedQueries = pick(options.queries, options.patents).map((i) => `P${i}`);
  const needQueries = pick(options.queries, options.companies).map((i) => `C${i}`);
  const slowSeeds = seedQueries.slice(0, options.slowQueries);
  const slowNeeds = needQueries.slice(0, options.slowQueries);
  const run = (side: Side, ids: string[], explain: boolean) => {
    for (const id of ids.slice(0, 20))
      side === 'seed' ? engine.needsForSeed(id, { explain }) : engine.seedsForNeed(id, { explain }); // warm-up
    return ids.map(
      (id) =>
        time(() =>
          side === 'seed'
            ? engine.needsForSeed(id, { top: 20, explain })
            : engine.seedsForNeed(id, { top: 20, explain }),
        )[1],
    );
  };
  const runCpu = (side: Side, ids: string[]) =>
    ids.map((id) =>
      cpuTime(() =>
        side === 'seed'
          ? engine.needsForSeed(id, { top: 20 })
          : engine.seedsForNeed(id, { top: 20 }),
      ),
    );
  const banso = {
    seedsToNeeds: {
      explained: summary(run('seed', seedQueries, true)),
      explainedCpu: summary(runCpu('seed', seedQueries)),
      rankingOnly: summary(run('seed', seedQueries, false)),
      sameAsSlow: summary(run('seed', slowSeeds, true)),
    },
    needsToSeeds: {
      explained: summary(run('need', needQueries, true)),
      explainedCpu: summary(runCpu('need', needQueries)),
      rankingOnly: summary(run('need', needQueries, false)),
      sameAsSlow: summary(run('need', slowNeeds, true)),
    },
  };
  log(
    `Banso top-20: patent→companies p50 ${ms(banso.seedsToNeeds.explained.p50)} ms p99 ${ms(banso.seedsToNeeds.explained.p99)} ms; company→patents p50 ${ms(banso.needsToSeeds.explained.p50)} ms p99 ${ms(banso.needsToSeeds.explained.p99)} ms`,
  );
  const queryOf = (side: Side, id: string) =>
    new Map([...engine.queryFor(side, id)].map(([t, q]) => [t, q.weight]));

  // --- Labelled set: the three engines with the same analyser and the same query terms ---
  const set = loadEvalSet();
  const evalEngine = new MatchingEngine(analyzer);
  for (const p of set.patents) evalEngine.upsertSeed(p);
  for (const c of set.companies) evalEngine.upsertNeed(c);
  const labelled = set.patents.map((p) => ({ id: p.id, relevant: set.pairs[p.id] ?? '' }));
  const evalQuery = (id: string) =>
    new Map([...evalEngine.queryFor('seed', id)].map(([t, q]) => [t, q.weight]));
  const recall: MatchingBenchResult['recall'] = {
    banso: evaluateRankings(
      labelled.map((l) => ({
        relevant: l.relevant,
        ranking: evalEngine.needsForSeed(l.id, { top: 10, explain: false }).map((c) => c.id),
      })),
    ),
    minisearch: null,
    postgres: null,
  };
  const evalNeedTokens = set.companies.map((c: NeedDocument) => ({
    id: c.id,
    fields: needTexts(c).map((t) => analyzer.analyze(t)),
  }));
  const evalMini = miniSearchFor(NEED_FIELDS);
  evalMini.addAll(evalNeedTokens.map((d) => asMiniDoc(d.id, NEED_FIELDS, d.fields)));
  recall.minisearch = evaluateRankings(
    labelled.map((l) => ({
      relevant: l.relevant,
      ranking: miniTop(evalMini, evalQuery(l.id), 10),
    })),
  );

  // --- MiniSearch at full size ---
  let minisearch: MatchingBenchResult['minisearch'] = null;
  if (options.compare !== false) {
    const before = rss();
    const tMini = performance.now();
    const seedsIndex = miniSearchFor(SEED_FIELDS);
    for (let i = 0; i < options.patents; i++) {
      const p = patent(vocabulary, i);
      seedsIndex.add(asMiniDoc(p.doc.id, SEED_FIELDS, p.fields));
    }
    const needsIndex = miniSearchFor(NEED_FIELDS);
    for (let i = 0; i < options.companies; i++) {
      const c = company(vocabulary, i);
      needsIndex.add(asMiniDoc(c.doc.id, NEED_FIELDS, c.fields));
    }
    const miniBuild = (performance.now() - tMini) / 1000;
    const rssDeltaMiB = rss() - before;
    log(`MiniSearch index built in ${miniBuild.toFixed(1)} s (+${Math.round(rssDeltaMiB)} MiB)`);
    miniTop(needsIndex, queryOf('seed', slowSeeds[0] ?? 'P0'), 20);
    const s2n = slowSeeds.map((id) => {
      const q = queryOf('seed', id);
      return time(() => miniTop(needsIndex, q, 20))[1];
    });
    const n2s = slowNeeds.map((id) => {
      const q = queryOf('need', id);
      return time(() => miniTop(seedsIndex, q, 20))[1];
    });
    minisearch = {
      buildSeconds: miniBuild,
      rssDeltaMiB,
      seedsToNeeds: summary(s2n),
      needsToSeeds: summary(n2s),
    };
    log(
      `MiniSearch top-20: p50 ${ms(minisearch.seedsToNeeds.p50)} / ${ms(minisearch.needsToSeeds.p50)} ms`,
    );
  }

  // --- PostgreSQL FTS ---
  let postgres: MatchingBenchResult['postgres'] = null;
  if (await postgresReachable()) {
    const compare = options.compare !== false;
    const dbName = 'banso_bench_matching';
    const url = await createPostgresDatabase(dbName);
    const client = new pg.Client({
      connectionString: url,
      application_name: 'banso-bench-matching',
    });
    await client.connect();
    try {
      const version =
        (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]
          ?.v ?? '?';
      if (compare) {
        const tLoad = performance.now();
        function* patents() {
          for (let i = 0; i < options.patents; i++) {
            const p = patent(vocabulary, i);
            yield { id: p.doc.id, fields: p.fields };
          }
        }
        function* companies() {
          for (let i = 0; i < options.companies; i++) {
            const c = company(vocabulary, i);
            yield { id: c.doc.id, fields: c.fields };
          }
        }
        await pgLoad(client, 'seeds', 'seed', patents());
        await pgLoad(client, 'needs', 'need', companies());
        const loadSeconds = (performance.now() - tLoad) / 1000;
        const tIndex = performance.now();
        await client.query('CREATE INDEX seeds_tsv ON seeds USING gin (tsv)');
        await client.query('CREATE INDEX needs_tsv ON needs USING gin (tsv)');
        await client.query('ANALYZE seeds; ANALYZE needs');
        const indexSeconds = (performance.now() - tIndex) / 1000;
        log(
          `PostgreSQL ${version}: loaded in ${loadSeconds.toFixed(1)} s, GIN in ${indexSeconds.toFixed(1)} s`,
        );
        const timed = async (table: string, q: Map<string, number>) => {
          const start = performance.now();
          await pgTop(client, table, q.keys(), 20);
          return performance.now() - start;
        };
        await timed('needs', queryOf('seed', slowSeeds[0] ?? 'P0'));
        const s2n: number[] = [];
        for (const id of slowSeeds) s2n.push(await timed('needs', queryOf('seed', id)));
        const n2s: number[] = [];
        for (const id of slowNeeds) n2s.push(await timed('seeds', queryOf('need', id)));
        postgres = {
          version,
          loadSeconds,
          indexSeconds,
          seedsToNeeds: summary(s2n),
          needsToSeeds: summary(n2s),
        };
        log(
          `PostgreSQL top-20: p50 ${ms(postgres.seedsToNeeds.p50)} / ${ms(postgres.needsToSeeds.p50)} ms`,
        );
      }

      await pgLoad(client, 'eval_needs', 'need', evalNeedTokens);
      const pgRank: { relevant: string; ranking: string[] }[] = [];
      for (const l of labelled)
        pgRank.push({
          relevant: l.relevant,
          ranking: await pgTop(client, 'eval_needs', evalQuery(l.id).keys(), 10),
        });
      recall.postgres = evaluateRankings(pgRank);
    } finally {
      await client.end();
      await dropPostgresDatabase(dbName);
    }
  } else log('PostgreSQL not reachable: left out');

  const stats = engine.size;
  return {
    patents: stats.seeds,
    companies: stats.needs,
    vocabularyPhrases: vocabulary.phrases.length,
    indexTerms: { seeds: engine.vocabularySize('seed'), needs: engine.vocabularySize('need') },
    analyzerLoadMs,
    rssAfterAnalyzerMiB,
    buildSeconds,
    buildCpuSeconds,
    rssAfterBuildMiB,
    heapAfterBuildMiB,
    banso,
    minisearch,
    postgres,
    recall,
  };
}

const ratio = (slow: number | undefined, fast: number) =>
  slow === undefined || !Number.isFinite(slow) ? '–' : `${(slow / fast).toFixed(0)}×`;

export function renderMatching(r: MatchingBenchResult): string {
  const b = r.banso;
  const lat = (s: LatencySummary | undefined) => (s ? `${ms(s.p50)} / ${ms(s.p99)}` : '–');
  const rec = (x: MatchingBenchResult['recall']['banso']) =>
    x ? [x.recallAt5.toFixed(3), x.recallAt10.toFixed(3), x.mrr.toFixed(3)] : ['–', '–', '–'];
  return [
    `### Matching — ${r.patents.toLocaleString('en')} patents × ${r.companies.toLocaleString('en')} companies`,
    '',
    `Analyser (kuromoji + Sudachi synonyms + thesaurus) loaded in ${Math.round(r.analyzerLoadMs)} ms; RSS ${Math.round(r.rssAfterAnalyzerMiB)} MiB with it. ` +
      `Banso index built in **${r.buildSeconds.toFixed(1)} s** wall, ${r.buildCpuSeconds.toFixed(1)} s CPU, from analysed tokens (${r.indexTerms.seeds.toLocaleString('en')} / ${r.indexTerms.needs.toLocaleString('en')} distinct terms); ` +
      `process RSS after the build **${Math.round(r.rssAfterBuildMiB)} MiB** (heap ${Math.round(r.heapAfterBuildMiB)} MiB), analyser included.`,
    '',
    markdownTable(
      [
        'top-20 query',
        'Banso p50 / p99 ms (with reasons)',
        'Banso CPU ms p50 / p99',
        'Banso ranking only',
        `Banso, the ${b.seedsToNeeds.sameAsSlow.n} queries below`,
        'PostgreSQL FTS p50 / p99',
        'MiniSearch p50 / p99',
        'PG ÷ Banso (p50)',
        'MiniSearch ÷ Banso (p50)',
      ],
      (['seedsToNeeds', 'needsToSeeds'] as const).map((d) => [
        d === 'seedsToNeeds'
          ? `patent → companies (n=${b[d].explained.n})`
          : `company → patents (n=${b[d].explained.n})`,
        lat(b[d].explained),
        lat(b[d].explainedCpu),
        lat(b[d].rankingOnly),
        lat(b[d].sameAsSlow),
        lat(r.postgres?.[d]),
        lat(r.minisearch?.[d]),
        ratio(r.postgres?.[d].p50, b[d].sameAsSlow.p50),
        ratio(r.minisearch?.[d].p50, b[d].sameAsSlow.p50),
      ]),
    ),
    '',
    r.postgres
      ? `PostgreSQL ${r.postgres.version}: rows loaded in ${r.postgres.loadSeconds.toFixed(1)} s, GIN indexes in ${r.postgres.indexSeconds.toFixed(1)} s. `
      : 'PostgreSQL: not reachable, left out. ',
    r.minisearch
      ? `MiniSearch: built in ${r.minisearch.buildSeconds.toFixed(1)} s, +${Math.round(r.minisearch.rssDeltaMiB)} MiB RSS.`
      : '',
    '',
    '**Recall on the labelled set** (40 patents, each against 100 companies; same analyser, same weighted query terms):',
    '',
    markdownTable(
      ['engine', 'recall@5', 'recall@10', 'MRR'],
      [
        ['Banso (BM25F + affinity + region)', ...rec(r.recall.banso)],
        ['MiniSearch (BM25, field boosts)', ...rec(r.recall.minisearch)],
        ['PostgreSQL FTS (ts_rank, weight classes)', ...rec(r.recall.postgres)],
      ],
    ),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const int = (name: string, fallback: number) => {
    const n = Number(env[name] ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  const started = Date.now();
  const log = (m: string) =>
    console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
  log(
    `${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const result = await runMatchingBenchmark({
    patents: int('BANSO_BENCH_MATCH_PATENTS', 100_000),
    companies: int('BANSO_BENCH_MATCH_COMPANIES', 40_000),
    queries: int('BANSO_BENCH_MATCH_QUERIES', 500),
    slowQueries: int('BANSO_BENCH_MATCH_SLOW_QUERIES', 20),
    compare: env.BANSO_BENCH_MATCH_COMPARE !== '0',
    log,
  });
  const md = renderMatching(result);
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL('matching.json', dir),
    `${JSON.stringify({ ...result, loadAverage: os.loadavg(), node: process.version }, null, 2)}\n`,
  );
  writeFileSync(new URL('matching.md', dir), `${md}\n`);
  process.stdout.write(`${md}\n`);
  log('done');
}
