/**
 * The server's matching index on a city-sized registry (`npm run bench -- matching-index`):
 * BANSO_BENCH_INDEX_COMPANIES demo companies (default 40,000) and BANSO_BENCH_INDEX_LISTINGS
 * generated open patents (default 3,000) in the database, then what a server process does —
 * build the tenant's index from the database (reading, analysing every text with kuromoji,
 * indexing), answer candidates in both directions (with the kind filters and explanations of the
 * API), and follow changes committed elsewhere (an UPDATE → its notification → applied).
 */
import { randomUUID } from 'node:crypto';
import type { DriverName } from '@banso/db';
import { nodeAnalyzer } from '@banso/matching/node';
import { LISTING_CANDIDATE_KINDS } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { generateDemoCompanies } from '../apps/server/src/features/demo/demo-companies';
import { INDUSTRIES } from '../apps/server/src/features/demo/demo-industries';
import { createMatchIndex } from '../apps/server/src/features/matching/match-index';
import { createLogger } from '../apps/server/src/logger';
import {
  bulkInsertCompanies,
  companyRows,
  createBenchTenant,
  openBenchDatabase,
  query,
} from './lib/bench-db';
import { type Summary, summarize } from './lib/stats';
import { rng } from './matching-data';

export interface MatchingIndexResult {
  driver: DriverName;
  companies: number;
  listings: number;
  analyzerLoadMs: number;
  buildMs: number;
  rssAfterMb: number;
  heapAfterMb: number;
  patentToCompanies: Summary;
  companyToPatents: Summary;
  changeApplied: Summary;
}

const IPC = [
  'B29C 70/06',
  'G06T 7/00',
  'C23C 18/32',
  'A61H 3/00',
  'H04W 52/02',
  'B22D 17/14',
  'B23K 26/21',
  'A23L 3/36',
  'C08L 67/04',
  'G01N 21/88',
];

/** A fictional open patent in the demo industries' vocabulary. */
function listingRow(i: number, tenantId: string) {
  const random = rng(0x51ed27 ^ i);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const a = pick(INDUSTRIES);
  const b = pick(INDUSTRIES);
  const techA = pick(a.technologies);
  const techB = pick(b.technologies);
  const product = pick(a.products);
  const now = new Date();
  return {
    tenant_id: tenantId,
    id: randomUUID(),
    kind: 'open_patent',
    title: `${techA}と${techB}を用いた${product}の製造方法`,
    abstract: `${techA}により${product}の品質を高め、${techB}で工程を短縮する。${pick(b.products)}や${pick(a.products)}にも応用できる。${pick(a.needs)}に応える技術。`,
    technical_fields: [techA, techB],
    applicable_products: [product, pick(b.products)],
    effect: `${pick(a.equipment)}を使わずに${product}を製造できる。`,
    ipc: [pick(IPC)],
    holder_name: `架空大手${i % 40}株式会社`,
    status: 'offered',
    created_at: now,
    updated_at: now,
  };
}

export async function runMatchingIndexBenchmark(
  driver: DriverName,
  options: { companies: number; listings: number; queries: number; log: (m: string) => void },
): Promise<MatchingIndexResult> {
  const { log } = options;
  const bench = await openBenchDatabase(driver, 'matching_index');
  try {
    const actor = await createBenchTenant(bench.db);
    log(`${driver}: inserting ${options.companies} companies and ${options.listings} listings`);
    await bulkInsertCompanies(
      bench,
      actor.tenantId,
      companyRows(generateDemoCompanies(options.companies, 11)),
    );
    const rows = Array.from({ length: options.listings }, (_, i) => listingRow(i, actor.tenantId));
    const keys = Object.keys(rows[0] ?? {});
    for (let i = 0; i < rows.length; i += 500) {
      const params: unknown[] = [];
      const tuples = rows.slice(i, i + 500).map((r) => {
        const record = r as Record<string, unknown>;
        return `(${keys.map((k) => {
          params.push(record[k]);
          return `$${params.length}`;
        })})`;
      });
      await bench.raw(
        `insert into listings (${keys.join(', ')}) values ${tuples.join(', ')}`,
        params,
      );
    }

    const t0 = performance.now();
    const analyzer = await nodeAnalyzer();
    const analyzerLoadMs = performance.now() - t0;
    const index = createMatchIndex({
      db: bench.db,
      logger: createLogger('silent'),
      analyzer: async () => analyzer,
      listen: bench.handle.listen,
    });
    log(`${driver}: building the index from the database`);
    const t1 = performance.now();
    const engine = await index.ready(actor.tenantId);
    const buildMs = performance.now() - t1;
    globalThis.gc?.();
    const mem = process.memoryUsage();

    const seeds = rows.map((r) => r.id);
    const needIds = (
      await query<{ id: string }>(
        bench.db,
        sql`select id from companies where tenant_id = ${actor.tenantId} and kind in ('sme', 'startup') order by id limit ${options.queries}`,
      )
    ).map((r) => r.id);
    const kinds = new Set<string>(LISTING_CANDIDATE_KINDS.open_patent);
    const p2c: number[] = [];
    for (let i = 0; i < options.queries; i++) {
      const id = seeds[(i * 7919) % seeds.length] as string;
      const s = performance.now();
      engine.needsForSeed(id, { top: 20, accept: (d) => kinds.has(d.kind ?? '') });
      p2c.push(performance.now() - s);
    }
    const c2p: number[] = [];
    for (const id of needIds) {
      const s = performance.now();
      engine.seedsForNeed(id, { top: 20 });
      c2p.push(performance.now() - s);
    }

    // A change committed by "another process": a plain UPDATE; time until the index has it.
    const applied: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = needIds[i] as string;
      const marker = `ベンチ更新${i}`;
      const s = performance.now();
      await bench.raw(
        'update companies set business_description = $1 where tenant_id = $2 and id = $3',
        [marker, actor.tenantId, id],
      );
      for (;;) {
        const doc = (await index.ready(actor.tenantId)).need(id);
        if (doc?.description === marker) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      applied.push(performance.now() - s);
    }
    await index.close();
    return {
      driver,
      companies: options.companies,
      listings: options.listings,
      analyzerLoadMs,
      buildMs,
      rssAfterMb: mem.rss / 2 ** 20,
      heapAfterMb: mem.heapUsed / 2 ** 20,
      patentToCompanies: summarize(p2c),
      companyToPatents: summarize(c2p),
      changeApplied: summarize(applied),
    };
  } finally {
    await bench.destroy();
  }
}

export function renderMatchingIndex(results: readonly MatchingIndexResult[]): string {
  const f = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1));
  const lines = [
    '| driver | companies / listings | analyser load | build from the database | RSS after | patent → companies p50 / p99 | company → patents p50 / p99 | change committed → applied p50 / p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.driver} | ${r.companies.toLocaleString('en')} / ${r.listings.toLocaleString('en')} | ${f(r.analyzerLoadMs)} ms | ${f(r.buildMs / 1000)} s | ${Math.round(r.rssAfterMb)} MiB | ${f(r.patentToCompanies.p50)} / ${f(r.patentToCompanies.p99)} ms | ${f(r.companyToPatents.p50)} / ${f(r.companyToPatents.p99)} ms | ${f(r.changeApplied.p50)} / ${f(r.changeApplied.p99)} ms |`,
    ),
  ];
  return lines.join('\n');
}
