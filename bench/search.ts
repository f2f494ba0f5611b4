import type { DriverName } from '@banso/db';
import { CompanyListQuery, katakanaToHiragana, normalizeForSearch } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { createCompaniesService } from '../apps/server/src/features/companies/companies.service';
import { companySearchColumns } from '../apps/server/src/features/companies/company-search';
import { generateDemoCompanies } from '../apps/server/src/features/demo/demo-companies';
import { createRng } from '../apps/server/src/features/demo/prng';
import {
  type BenchDatabase,
  bulkInsertCompanies,
  companyRows,
  createBenchTenant,
  openBenchDatabase,
  query,
  serverVersion,
} from './lib/bench-db';
import { median, type Summary, summarize, timed } from './lib/stats';

/**
 * Company search by name/kana: Banso's search (the companies service's list, i.e.
 * filterFromQuery + the repository's bigram-token GIN query) against what a developer would write
 * first — `name ILIKE '%q%' OR name_kana ILIKE '%q%'` — and, on PostgreSQL, the same ILIKE with
 * pg_trgm GIN indexes created in the bench database only. All three return the first page (20)
 * in kana order, so only the predicate differs.
 */

export const SEARCH_METHODS = ['banso', 'ilike', 'ilike+pg_trgm'] as const;
export type SearchMethod = (typeof SEARCH_METHODS)[number];

export interface QueryClass {
  name: string;
  queries: string[];
}

export interface ClassResult {
  name: string;
  queries: string[];
  /** Companies that match in Banso's sense (width/kana-insensitive substring of name or reading). */
  matches: number[];
  methods: Partial<Record<SearchMethod, Summary & { found: number; possible: number }>>;
  /** Median ms of each query (same order as `queries`), per method. */
  queryMedians: Partial<Record<SearchMethod, number[]>>;
}

export interface SearchResult {
  driver: DriverName;
  serverVersion: string;
  companies: number;
  loadSeconds: number;
  loadRowsPerSecond: number;
  trigramIndexSeconds?: number;
  repetitions: number;
  classes: ClassResult[];
  /** Only with keepPgliteDataDir: the kept data directory; the caller deletes it. */
  keptDataDir?: string;
}

const PAGE = 20;
const MIN_REPETITIONS = 3;
/** Time per query (all methods together) after which no further repetitions start. */
const QUERY_BUDGET_MS = 1500;

/** The query mix: short and long, kanji and the three ways people type kana, and misses. */
export function searchQueries(
  companies: readonly { name: string; nameKana?: string | null }[],
  seed: number,
): QueryClass[] {
  const rng = createRng(seed);
  const someNames = rng.sample(companies, 3);
  const reading = (c: { nameKana?: string | null }) => c.nameKana ?? '';
  return [
    { name: '2 kanji (金型, 精密 …)', queries: ['金型', '精密', '電子', '樹脂', '光学', '食品'] },
    {
      name: '3+ characters (names)',
      queries: [
        '多摩川精密',
        '精密工業',
        '金型製作所',
        ...someNames.map((c) => c.name.replace(/株式会社|有限会社|合同会社/, '')),
      ],
    },
    {
      name: 'hiragana reading',
      queries: [
        'たまがわ',
        'せいみつ',
        'かながた',
        ...someNames.map((c) => katakanaToHiragana(reading(c))),
      ],
    },
    {
      name: 'katakana reading',
      queries: ['タマガワ', 'セイミツ', 'ミゾノクチ', ...someNames.map(reading)],
    },
    { name: 'half-width kana', queries: ['ﾀﾏｶﾞﾜ', 'ｾｲﾐﾂ', 'ｶﾅｶﾞﾀ', 'ﾐｿﾞﾉｸﾁ', 'ﾀﾏｶﾞﾜｾｲﾐﾂｺｳｷﾞｮｳ'] },
    { name: '1 character', queries: ['金', '精', '川', '工', 'ア'] },
    { name: 'no hit', queries: ['宇宙', '造船所', 'ぺんぎん', 'ｸﾞﾘｺｰﾙ', '量子暗号通信'] },
  ];
}

async function runIlike(bench: BenchDatabase, tenantId: string, q: string): Promise<number> {
  const pattern = `%${q}%`;
  const rows = await query(
    bench.db,
    sql`select * from companies where tenant_id = ${tenantId} and archived_at is null
        and (name ilike ${pattern} or name_kana ilike ${pattern})
        order by kana_sort, id limit ${PAGE + 1}`,
  );
  return Math.min(rows.length, PAGE);
}

export interface SearchOptions {
  companies: number;
  repetitions: number;
  seed: number;
  /** Keep the PGlite data directory (a Banso data dir with `companies` companies) for the cold-start benchmark. */
  keepPgliteDataDir?: boolean;
  log: (message: string) => void;
}

/** The generated companies and their rows, made once and loaded into each driver's database. */
export function searchData(options: Pick<SearchOptions, 'companies' | 'seed'>) {
  const companies = generateDemoCompanies(options.companies, options.seed);
  return { companies, rows: companyRows(companies) };
}

export async function runSearchBenchmark(
  driver: DriverName,
  options: SearchOptions,
  prepared = searchData(options),
): Promise<SearchResult> {
  const { log } = options;
  const data = prepared.companies;
  const bench = await openBenchDatabase(driver, 'search');
  let keep = false;
  try {
    const actor = await createBenchTenant(bench.db);
    log(`${driver}: loading ${data.length} companies`);
    const load = await timed(() => bulkInsertCompanies(bench, actor.tenantId, prepared.rows));
    await query(bench.db, sql`vacuum analyze companies`);
    const version = await serverVersion(bench.db);
    const service = createCompaniesService({ db: bench.db, now: () => new Date() });

    // What Banso's search should find, computed from the same derived search text the app stores.
    const searchTexts = data.map(
      (c) =>
        companySearchColumns({
          name: c.name,
          nameKana: c.nameKana ?? null,
          nameEn: c.nameEn ?? null,
        }).searchText,
    );
    const classes = searchQueries(data, options.seed + 1);
    const results: ClassResult[] = classes.map((c) => ({
      name: c.name,
      queries: c.queries,
      matches: c.queries.map((q) => {
        const n = normalizeForSearch(q);
        return searchTexts.filter((t) => t.includes(n)).length;
      }),
      methods: {},
      queryMedians: {},
    }));

    const methods: { name: SearchMethod; run: (q: string) => Promise<number> }[] = [
      {
        name: 'banso',
        run: async (q) =>
          (await service.list(actor, CompanyListQuery.parse({ q, limit: PAGE }))).items.length,
      },
      { name: 'ilike', run: (q) => runIlike(bench, actor.tenantId, q) },
    ];

    const measure = async (active: typeof methods) => {
      for (const [ci, c] of classes.entries()) {
        const samples = new Map<SearchMethod, number[]>(active.map((m) => [m.name, []]));
        const found = new Map<SearchMethod, number>(active.map((m) => [m.name, 0]));
        const medians = new Map<SearchMethod, number[]>(active.map((m) => [m.name, []]));
        for (const q of c.queries) {
          const own = new Map<SearchMethod, number[]>(active.map((m) => [m.name, []]));
          for (const m of active) await m.run(q); // warm-up
          // Interleaved, so every method sees the same cache state; a query whose methods are slow
          // gets fewer repetitions (at least MIN_REPETITIONS) to keep the run short.
          const started = performance.now();
          for (let r = 0; r < options.repetitions; r++) {
            if (r >= MIN_REPETITIONS && performance.now() - started > QUERY_BUDGET_MS) break;
            for (const m of active) {
              const t = await timed(() => m.run(q));
              samples.get(m.name)?.push(t.ms);
              own.get(m.name)?.push(t.ms);
              if (r === 0) found.set(m.name, (found.get(m.name) ?? 0) + t.value);
            }
          }
          for (const m of active) medians.get(m.name)?.push(median(own.get(m.name) ?? []));
        }
        const result = results[ci];
        if (!result) continue;
        const possible = result.matches.reduce((sum, n) => sum + Math.min(n, PAGE), 0);
        for (const m of active) {
          result.methods[m.name] = {
            ...summarize(samples.get(m.name) ?? []),
            found: found.get(m.name) ?? 0,
            possible,
          };
          result.queryMedians[m.name] = medians.get(m.name) ?? [];
        }
        log(`${driver}: ${c.name} done`);
      }
    };

    await measure(methods);

    let trigramIndexSeconds: number | undefined;
    if (driver === 'postgres') {
      // Only in the bench database: the schema itself has no pg_trgm.
      const t = await timed(async () => {
        await query(bench.db, sql`create extension if not exists pg_trgm`);
        await query(
          bench.db,
          sql`create index bench_companies_name_trgm on companies using gin (name gin_trgm_ops)`,
        );
        await query(
          bench.db,
          sql`create index bench_companies_kana_trgm on companies using gin (name_kana gin_trgm_ops)`,
        );
        await query(bench.db, sql`analyze companies`);
      });
      trigramIndexSeconds = t.ms / 1000;
      await measure([{ name: 'ilike+pg_trgm', run: (q) => runIlike(bench, actor.tenantId, q) }]);
    }

    keep = driver === 'pglite' && options.keepPgliteDataDir === true;
    return {
      driver,
      serverVersion: version,
      companies: data.length,
      loadSeconds: load.ms / 1000,
      loadRowsPerSecond: data.length / (load.ms / 1000),
      ...(trigramIndexSeconds !== undefined ? { trigramIndexSeconds } : {}),
      repetitions: options.repetitions,
      classes: results,
      ...(keep && bench.dataDir ? { keptDataDir: bench.dataDir } : {}),
    };
  } finally {
    if (keep) await bench.close();
    else await bench.destroy();
  }
}
