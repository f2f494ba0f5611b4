import type { Database, DriverName } from '@banso/db';
import { SUPPORTER_KINDS } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { createRng } from '../apps/server/src/features/demo/prng';
import { createPlannerService } from '../apps/server/src/features/planner/planner.service';
import { createSupportersService } from '../apps/server/src/features/supporters/supporters.service';
import {
  type RosterMember,
  recommendTeam,
} from '../apps/server/src/features/visits/team-recommender';
import { createVisitsService } from '../apps/server/src/features/visits/visits.service';
import { createBenchTenant, openBenchDatabase } from './lib/bench-db';
import { markdownTable, ms, type Summary, summarize, timed } from './lib/stats';

/**
 * 出張キャラバン隊:
 * - the visit planner (GET /api/v1/planner: one query that sums the points of every company and
 *   keeps the best 50, which the pure module then explains) over `companies` companies and
 *   `visits` completed visits, with open follow-ups (a quarter of them overdue) and flags;
 *   target ≤ 500 ms;
 * - the team recommender (pure) over a roster of `roster` supporters and 1–6 needed categories;
 *   target ≤ 50 ms.
 */

export interface PlannerBenchResult {
  driver: DriverName;
  companies: number;
  visits: number;
  followUps: number;
  loadSeconds: number;
  planner: Summary;
  candidates: number;
}

export interface RecommenderBenchResult {
  roster: number;
  recommender: Summary;
}

const WARDS = ['141313', '141321', '141330', '141348', '141356', '141364', '141372'];
const CATEGORIES = [
  '技術・製造',
  '製品開発',
  '販路開拓',
  '知財',
  '人材',
  '事業承継',
  'BCP',
  '資金調達',
  'DX',
  '福祉',
  '創業',
];

/**
 * The planner's data, generated inside the database: `companies` companies (90 % SMEs, seven
 * wards, mixed ages and successor states, registered over eight years), `visits` completed visits
 * over two years, a follow-up for about half of them (half open) and a flag on ~1 % of companies.
 */
export async function loadPlannerData(
  db: Database,
  tenantId: string,
  companies: number,
  visits: number,
): Promise<void> {
  await db.execute(sql`
      insert into companies (tenant_id, id, name, kana_sort, kind, municipality_code, postal_code,
        representative_birth_year, successor_status, created_at, updated_at)
      select ${tenantId}::uuid, gen_random_uuid(), 'ベンチ企業' || i, 'べんち' || lpad(i::text, 6, '0'),
        case when i % 10 = 0 then 'large' else 'sme' end,
        (array[${sql.raw(WARDS.map((w) => `'${w}'`).join(','))}])[1 + i % ${WARDS.length}],
        lpad((2100000 + (i * 37) % 9000)::text, 7, '0'),
        case when i % 3 = 0 then null else 1940 + (i * 13) % 50 end,
        (array['unknown','decided','candidate','none','not_needed'])[1 + (i * 7) % 5],
        now() - ((i * 7919) % 3000) * interval '1 day', now()
      from generate_series(1, ${companies}) as i`);
  await db.execute(sql`
      insert into visits (tenant_id, id, company_id, starts_at, local_date, kind, status,
        created_at, updated_at)
      select ${tenantId}::uuid, gen_random_uuid(), c.id, s.ts,
        to_char(s.ts + interval '9 hours', 'YYYY-MM-DD')::date, 'caravan', 'completed', now(), now()
      from generate_series(1, ${visits}) as i
      cross join lateral (select now() - ((i * 104729) % 730) * interval '1 day' as ts) s
      join (select id, row_number() over (order by id) as rn from companies
            where tenant_id = ${tenantId}::uuid) c on c.rn = 1 + (i::bigint * 7919) % ${companies}`);
  await db.execute(sql`
      insert into follow_ups (tenant_id, id, visit_id, company_id, title, due_on, status,
        created_at, updated_at)
      select tenant_id, gen_random_uuid(), id, company_id, 'フォローアップ', local_date + 30,
        case when random() < 0.5 then 'open' else 'done' end, now(), now()
      from visits where tenant_id = ${tenantId}::uuid and random() < 0.5`);
  await db.execute(sql`
      insert into company_flags (tenant_id, company_id, note, created_by_label)
      select tenant_id, id, '要訪問', 'ベンチ' from companies
      where tenant_id = ${tenantId}::uuid and kana_sort like '%00'`);
  for (const table of ['companies', 'visits', 'follow_ups', 'company_flags'])
    await db.execute(sql.raw(`analyze ${table}`));
}

export async function runPlannerBenchmark(
  driver: DriverName,
  options: { companies: number; visits: number; repetitions: number; log: (m: string) => void },
): Promise<PlannerBenchResult> {
  const bench = await openBenchDatabase(driver, 'planner');
  try {
    const actor = await createBenchTenant(bench.db);
    const t = actor.tenantId;
    const n = options.companies;
    options.log(
      `${driver}: ${n.toLocaleString('en')} companies, ${options.visits.toLocaleString('en')} visits`,
    );
    const load = await timed(() => loadPlannerData(bench.db, t, n, options.visits));
    const [counts] = (
      (await bench.db.execute(
        sql`select (select count(*) from follow_ups)::int as f, (select count(*) from visits)::int as v`,
      )) as unknown as { rows: { f: number; v: number }[] }
    ).rows;

    const deps = { db: bench.db, now: () => new Date() };
    const supporters = createSupportersService({ ...deps, users: { exists: async () => true } });
    const visits = createVisitsService({ ...deps, supporters });
    const planner = createPlannerService({ ...deps, supporters, visits });
    const query = { period: 'month' as const, staleAfterMonths: 12, limit: 50 };
    let candidates = (await planner.plan(actor, query)).candidates; // warm-up
    const samples: number[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      const run = await timed(() => planner.plan(actor, query));
      samples.push(run.ms);
      candidates = run.value.candidates;
    }
    return {
      driver,
      companies: n,
      visits: Number(counts?.v ?? 0),
      followUps: Number(counts?.f ?? 0),
      loadSeconds: load.ms / 1000,
      planner: summarize(samples),
      candidates,
    };
  } finally {
    await bench.destroy();
  }
}

export function runRecommenderBenchmark(options: {
  roster: number;
  repetitions: number;
}): RecommenderBenchResult {
  const rng = createRng(4242);
  const roster: RosterMember[] = Array.from({ length: options.roster }, (_, i) => ({
    id: `s${String(i).padStart(4, '0')}`,
    kind: rng.pick(SUPPORTER_KINDS),
    expertise: rng.sample(CATEGORIES, rng.int(1, 3)),
    monthlyCapacity: rng.int(2, 12),
    plannedThisMonth: rng.int(0, 10),
    visitsToCompany: rng.chance(0.1) ? rng.int(1, 5) : 0,
    active: rng.chance(0.95),
  }));
  const samples: number[] = [];
  for (let r = 0; r < options.repetitions; r++) {
    const categories = rng.sample(CATEGORIES, rng.int(1, 6));
    const started = performance.now();
    recommendTeam({ categories, roster });
    samples.push(performance.now() - started);
  }
  return { roster: options.roster, recommender: summarize(samples) };
}

export function renderPlannerBench(
  planner: PlannerBenchResult[],
  recommender: RecommenderBenchResult | null,
): string {
  const lines = ['## Caravan: visit planner and team recommender', ''];
  if (planner.length > 0) {
    lines.push(
      markdownTable(
        [
          'driver',
          'companies',
          'visits',
          'follow-ups',
          'candidates',
          'planner p50 / p99 ms (n)',
          'target',
        ],
        planner.map((p) => [
          p.driver,
          p.companies.toLocaleString('en'),
          p.visits.toLocaleString('en'),
          p.followUps.toLocaleString('en'),
          p.candidates.toLocaleString('en'),
          `${ms(p.planner.p50)} / ${ms(p.planner.p99)} (n=${p.planner.n})`,
          '≤ 500 ms',
        ]),
      ),
      '',
    );
  }
  if (recommender) {
    lines.push(
      `Team recommender over a roster of ${recommender.roster}: p50 ${ms(recommender.recommender.p50)} ms, ` +
        `p99 ${ms(recommender.recommender.p99)} ms, max ${ms(recommender.recommender.max)} ms ` +
        `(n=${recommender.recommender.n}; target ≤ 50 ms).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
