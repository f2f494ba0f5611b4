import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Database, inTenant, migrationsFolder } from '@banso/db';
import {
  CompanyId,
  CompanyUpdate,
  type MetricDefinition,
  VisitId,
  VisitUpdate,
} from '@banso/shared';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../testing/factories';
import {
  adminActorOf,
  createTestApp,
  type TestApp,
  type TestSession,
} from '../../testing/test-app';
import { createKpiMetricsRepository } from './kpi-metrics.repository';
import { kpiPeriod } from './kpi-period';

/**
 * The rollups behind the visit KPIs (kpi_visit_counts, kpi_company_years; migration 0006) are
 * kept by triggers. After every kind of write — visits created, edited, completed and set back
 * to draft, moved to another company, deleted; issues replaced, re-categorised, moved, deleted;
 * companies changing kind or municipality; multi-row statements — they must hold exactly what a
 * computation from the visits gives, and every KPI read from them must equal its drill-down
 * (which reads the visits).
 */

let t: TestApp;
let f: Factories;
let db: Database;
let a: TestSession;
let b: TestSession;
const companies: Record<string, string> = {};
const visits: Record<string, string> = {};
const leads: Record<string, string> = {};

const actorOf = adminActorOf;

const rows = async <T>(statement: SQL) =>
  ((await db.execute(statement)) as unknown as { rows: T[] }).rows;

async function company(s: TestSession, key: string, overrides: Record<string, unknown>) {
  const row = await f.createCompany(actorOf(s), { name: `集計表${key}`, ...overrides });
  companies[key] = row.id;
}

async function visit(
  s: TestSession,
  key: string,
  companyKey: string,
  jst: string,
  overrides: Record<string, unknown> = {},
) {
  const row = await f.createVisit(actorOf(s), {
    companyId: companies[companyKey],
    startsAt: `${jst}+09:00`,
    team: [{ supporterId: leads[s.tenantId] ?? '', role: 'lead' }],
    ...overrides,
  });
  visits[key] = row.id;
  return row;
}

async function editVisit(s: TestSession, key: string, patch: Record<string, unknown>) {
  const current = await t.services.visits.get(actorOf(s), VisitId.parse(visits[key]));
  return t.services.visits.update(
    actorOf(s),
    VisitId.parse(visits[key]),
    VisitUpdate.parse({ version: current.version, ...patch }),
  );
}

async function editCompany(s: TestSession, key: string, patch: Record<string, unknown>) {
  const current = await t.services.companies.get(actorOf(s), CompanyId.parse(companies[key]));
  await t.services.companies.update(
    actorOf(s),
    CompanyId.parse(companies[key]),
    CompanyUpdate.parse({ version: current.version, ...patch }),
  );
}

/** What the rollups must hold for a tenant, computed from the visits (not by the triggers). */
async function fromVisits(tenantId: string) {
  const categories = sql`array(
    select c from unnest(v.purpose_categories || array(
      select i.category from visit_issues i where i.tenant_id = v.tenant_id and i.visit_id = v.id
    )) c group by c order by c collate "C")`;
  const counted = sql`
    select v.tenant_id, v.company_id, v.kind, c.kind as company_kind,
      coalesce(c.municipality_code, '') as municipality_code,
      extract(year from v.local_date::timestamp - interval '3 months')::int as fy,
      extract(year from v.local_date)::int as cy, ${categories} as categories
    from visits v join companies c on c.tenant_id = v.tenant_id and c.id = v.company_id
    where v.tenant_id = ${tenantId} and v.status = 'completed'`;
  const counts = await rows<Record<string, unknown>>(sql`
    select fy, cy, kind, company_kind, municipality_code, categories, count(*)::int as visits
    from (${counted}) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, categories::text`);
  const years = await rows<Record<string, unknown>>(sql`
    select basis, year, company_id, company_kind, municipality_code,
      array(select k from unnest(array_agg(kind)) k group by k order by k collate "C") as kinds,
      array(select c from unnest(array_agg(cats)) c where c is not null group by c order by c collate "C") as categories,
      array(select p from unnest(array_agg(pairs)) p where p is not null group by p order by p collate "C") as kind_categories
    from (
      select 'fiscal' as basis, fy as year, company_id, company_kind, municipality_code, kind,
        cats, kind || ':' || cats as pairs
      from (${counted}) x left join lateral unnest(x.categories) cats on true
      union all
      select 'calendar', cy, company_id, company_kind, municipality_code, kind,
        cats, kind || ':' || cats
      from (${counted}) x left join lateral unnest(x.categories) cats on true
    ) y group by 1, 2, 3, 4, 5 order by 1, 2, 3`);
  return { counts, years };
}

async function inRollups(tenantId: string) {
  const counts = await rows<Record<string, unknown>>(sql`
    select fy, cy, kind, company_kind, municipality_code, categories, visits
    from kpi_visit_counts where tenant_id = ${tenantId} order by 1, 2, 3, 4, 5, categories::text`);
  const years = await rows<Record<string, unknown>>(sql`
    select basis, year, company_id, company_kind, municipality_code,
      array(select k from unnest(kinds) k order by k collate "C") as kinds,
      array(select k from unnest(categories) k order by k collate "C") as categories,
      array(select k from unnest(kind_categories) k order by k collate "C") as kind_categories
    from kpi_company_years where tenant_id = ${tenantId} order by 1, 2, 3`);
  return { counts, years };
}

const FYS = [2024, 2025, 2026];

const visitMetric = (
  count: 'visits' | 'companies',
  filters: Record<string, unknown> = {},
): MetricDefinition =>
  ({ version: 1, entity: 'visits', aggregate: 'count', count, event: 'visited', filters }) as never;

/** Metrics with every filter, alone and together, for both counts and both bases. */
const METRICS = (['visits', 'companies'] as const).flatMap((count) =>
  (
    [
      {},
      { kinds: ['online'] },
      { kinds: ['caravan', 'phone'] },
      { categories: ['販路開拓'] },
      { categories: ['事業承継', '人材'] },
      { kinds: ['caravan'], categories: ['事業承継'] },
      { companyKinds: ['sme'] },
      { companyKinds: ['large', 'startup'], categories: ['人材'] },
      { municipalityPrefix: '14137' },
      { municipalityPrefix: '1413', kinds: ['caravan'] },
    ] as Record<string, unknown>[]
  ).flatMap((filters) =>
    (['fiscal', 'calendar'] as const).map((basis) => ({
      metric: visitMetric(count, filters),
      basis,
    })),
  ),
);

/** The rollups equal the visits, and every KPI from them equals its drill-down, in both tenants. */
async function expectConsistent(expectedNonZero = true) {
  for (const s of [a, b]) {
    expect(await inRollups(s.tenantId)).toEqual(await fromVisits(s.tenantId));
    const nonZero = await inTenant(db, { tenantId: s.tenantId }, async (tx) => {
      const metrics = createKpiMetricsRepository(tx);
      const values = await metrics.valuesMany(METRICS, FYS);
      let found = 0;
      for (const [k, { metric, basis }] of METRICS.entries()) {
        for (const fy of FYS) {
          const drill = await metrics.records(metric, kpiPeriod(basis, fy), 1);
          const label = `${s.slug} ${JSON.stringify(metric)} ${basis} ${fy}`;
          expect(values[k]?.get(fy), label).toBe(drill.total);
          if (drill.total > 0) found += 1;
        }
      }
      return found;
    });
    if (expectedNonZero) expect(nonZero).toBeGreaterThan(20);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  f = factories(t.services);
  db = t.deps.db;
  a = await t.createOrganization('kawasaki-kpi-rollups');
  b = await t.createOrganization('sagamihara-kpi-rollups');
  for (const s of [a, b]) {
    const supporter = await f.createSupporter(actorOf(s), { name: '市職員 集計' });
    leads[s.tenantId] = supporter.id;
  }
  for (const s of [a, b]) {
    const p = s === a ? '' : 'b';
    await company(s, `${p}A`, { kind: 'sme', municipalityCode: '141305' });
    await company(s, `${p}B`, { kind: 'startup', municipalityCode: '141372' });
    await company(s, `${p}C`, { kind: 'sme', municipalityCode: null });
    await visit(s, `${p}v1`, `${p}A`, '2025-05-01T10:00:00', {
      purposeCategories: ['販路開拓'],
      issues: [{ category: '事業承継', raisedBy: 'owner' }],
    });
    await visit(s, `${p}v2`, `${p}B`, '2025-06-01T10:00:00', { status: 'draft' });
    // 3/31 23:30 in Japan: FY2025, calendar 2026.
    await visit(s, `${p}v3`, `${p}B`, '2026-03-31T23:30:00', {
      kind: 'online',
      purposeCategories: ['人材', '販路開拓'],
    });
    await visit(s, `${p}v4`, `${p}C`, '2025-12-31T23:59:00', {
      kind: 'phone',
      issues: [
        { category: '人材', raisedBy: 'owner' },
        { category: '人材', raisedBy: 'supporter' },
        { category: 'DX', raisedBy: 'supporter' },
      ],
    });
    await visit(s, `${p}v5`, `${p}A`, '2026-04-01T00:30:00', {
      purposeCategories: ['事業承継'],
    });
  }
});

afterAll(async () => {
  await t?.close();
});

describe('the KPI rollups kept by triggers', () => {
  it('hold what the visits give after visits are created, in each tenant', async () => {
    const counts = await rows<{ n: number }>(
      sql`select sum(visits)::int as n from kpi_visit_counts where tenant_id = ${a.tenantId}`,
    );
    expect(counts[0]?.n).toBe(4); // v2 is a draft
    await expectConsistent();
  });

  it('follow edits of a visit: kind, day, purposes and its issues replaced', async () => {
    await editVisit(a, 'v1', {
      kind: 'online',
      startsAt: '2026-01-15T10:00:00+09:00',
      purposeCategories: ['人材'],
      issues: [{ category: 'BCP', raisedBy: 'supporter' }],
    });
    await editVisit(a, 'v4', { issues: [] });
    await editVisit(a, 'v5', { issues: [{ category: '事業承継', raisedBy: 'owner' }] });
    await expectConsistent();
  });

  it('follow a draft completed, and a completed visit set back to draft', async () => {
    const draft = await t.services.visits.get(actorOf(a), VisitId.parse(visits.v2));
    await t.services.visits.complete(actorOf(a), VisitId.parse(visits.v2), draft.version);
    await db.execute(
      sql`update visits set status = 'draft', completed_at = null where tenant_id = ${a.tenantId} and id = ${visits.v3}`,
    );
    await expectConsistent();
  });

  it("follow a company's kind and municipality changing", async () => {
    await editCompany(a, 'A', { kind: 'large' });
    await editCompany(a, 'B', { municipalityCode: '141313' });
    await editCompany(a, 'C', { municipalityCode: '141372', kind: 'startup' });
    await expectConsistent();
  });

  it('follow multi-row statements: issues re-categorised, moved and deleted, visits moved to another company', async () => {
    await db.execute(
      sql`insert into visit_issues (tenant_id, id, visit_id, company_id, category, raised_by)
        select tenant_id, gen_random_uuid(), id, company_id, c, 'owner'
        from visits, unnest(array['知財', '人材']) c where tenant_id = ${a.tenantId}`,
    );
    await expectConsistent();
    await db.execute(
      sql`update visit_issues set category = '販路開拓' where tenant_id = ${a.tenantId} and category = '人材'`,
    );
    await db.execute(
      sql`update visit_issues set visit_id = ${visits.v5} where tenant_id = ${a.tenantId} and visit_id = ${visits.v1} and category = 'BCP'`,
    );
    await expectConsistent();
    await db.execute(
      sql`update visits set company_id = ${companies.B}, local_date = local_date + 200 where tenant_id = ${a.tenantId} and id in (${visits.v1}, ${visits.v4})`,
    );
    await db.execute(
      sql`delete from visit_issues where tenant_id = ${a.tenantId} and category = '知財' and visit_id <> ${visits.v5}`,
    );
    await expectConsistent();
  });

  it('follow visits deleted (their issues go by the cascade) and bulk inserts of both', async () => {
    await db.execute(
      sql`delete from visits where tenant_id = ${a.tenantId} and id in (${visits.v1}, ${visits.v2})`,
    );
    await expectConsistent();
    await db.execute(sql`
      insert into visits (tenant_id, id, company_id, starts_at, local_date, kind, status, purpose_categories)
      select ${a.tenantId}, gen_random_uuid(), (array[${companies.A}, ${companies.B}, ${companies.C}]::uuid[])[1 + i % 3],
        timestamptz '2024-04-01 09:00+09' + i * interval '5 days',
        (timestamptz '2024-04-01 09:00+09' + i * interval '5 days') at time zone 'Asia/Tokyo',
        (array['caravan', 'online', 'phone', 'event'])[1 + i % 4],
        case when i % 7 = 0 then 'draft' else 'completed' end,
        case when i % 2 = 0 then array['販路開拓'] else '{}'::text[] end
      from generate_series(0, 199) i`);
    await db.execute(sql`
      insert into visit_issues (tenant_id, id, visit_id, company_id, category, raised_by)
      select tenant_id, gen_random_uuid(), id, company_id, (array['人材', '事業承継', 'BCP'])[1 + abs(hashtext(id::text)) % 3], 'supporter'
      from visits where tenant_id = ${a.tenantId} and abs(hashtext(id::text || 'i')) % 3 = 0`);
    await expectConsistent();
    await db.execute(
      sql`delete from visits where tenant_id = ${a.tenantId} and kind = 'event' and local_date < '2025-01-01'`,
    );
    await expectConsistent();
  });

  it('leave no empty count rows behind once every visit is gone', async () => {
    await db.execute(sql`delete from visits where tenant_id = ${a.tenantId}`);
    const left = await rows<{ n: number }>(sql`
      select (select count(*) from kpi_visit_counts where tenant_id = ${a.tenantId})::int
        + (select count(*) from kpi_company_years where tenant_id = ${a.tenantId})::int as n`);
    expect(left[0]?.n).toBe(0);
    // The other organisation's rollups were never touched by any of this.
    expect((await inRollups(b.tenantId)).counts.length).toBeGreaterThan(0);
    expect(await inRollups(b.tenantId)).toEqual(await fromVisits(b.tenantId));
  });

  it("are built by the migration's backfill exactly as the triggers keep them", async () => {
    const before = await inRollups(b.tenantId);
    const migration = readFileSync(
      path.join(migrationsFolder, '0006_kpi_rollup_triggers.sql'),
      'utf8',
    );
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .filter((statement) => /^(--[^\n]*\n)*INSERT INTO kpi_/.test(statement));
    expect(backfill).toHaveLength(2);
    await db.execute(sql`delete from kpi_visit_counts`);
    await db.execute(sql`delete from kpi_company_years`);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    expect(await inRollups(b.tenantId)).toEqual(before);
  });
});
