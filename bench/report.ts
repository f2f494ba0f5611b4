import type { Database, DriverName } from '@banso/db';
import type { CompanyKind, KpiCreate, MetricDefinition, VisitKind } from '@banso/shared';
import { fiscalYearRange } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { createProgramsService } from '../apps/server/src/features/programs/programs.service';
import { loadPrograms } from '../apps/server/src/features/programs/seed/load-programs';
import { buildReport } from '../apps/server/src/features/reports/report-model';
import { renderReportPdf } from '../apps/server/src/features/reports/report-pdf';
import { renderReportXlsx } from '../apps/server/src/features/reports/report-xlsx';
import { createBenchTenant, openBenchDatabase, query } from './lib/bench-db';
import { median, percentile, timed } from './lib/stats';

/**
 * KPIs and the grant report:
 * - every KPI of `programs` programs (5 KPIs each over visits, with mixed filters: all visits,
 *   visit kinds, 訪問企業数 by company kind, a calendar-year count by municipality, categories
 *   of purpose or issue) over `records` completed visits (plus 5 % drafts, which never count)
 *   to `records / 20` companies, spread over FY2019–FY2024, all generated inside the database;
 * - the six-program Kawasaki report rendered as PDF and as xlsx (the first PDF includes loading
 *   pdfmake and the 5 MB Noto Sans JP font; the rest are warm).
 */

export interface ReportBenchResult {
  driver: DriverName;
  /** Completed visits the KPIs count over. */
  records: number;
  companies: number;
  programs: number;
  kpis: number;
  loadSeconds: number;
  /** Milliseconds to evaluate every KPI of every program (all years), per run. */
  evaluate: { medianMs: number; p95Ms: number; runs: number };
  pdf: { firstMs: number; medianMs: number; bytes: number; pages: number | null };
  xlsx: { medianMs: number; bytes: number };
}

const COMPANY_KINDS: CompanyKind[] = ['sme', 'large', 'startup', 'university'];
const VISIT_KINDS: VisitKind[] = ['caravan', 'follow_up', 'online', 'phone', 'event'];
/** 川崎市's seven wards (地方公共団体コード without the check digit's neighbours). */
const WARDS = ['141313', '141321', '141330', '141348', '141356', '141364', '141372'];
const CATEGORIES = [
  '技術・製造',
  '販路開拓',
  '資金繰り',
  '人材',
  '事業承継',
  'IT・DX',
  '知財',
  'BCP',
];
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/** The five KPIs of program `p`: mixed filters, so they share no single group. */
export function benchMetrics(
  p: number,
): { metric: MetricDefinition; basis: 'fiscal' | 'calendar' }[] {
  const visits = (
    extra: Partial<Extract<MetricDefinition, { entity: 'visits' }>>,
  ): MetricDefinition => ({
    version: 1,
    entity: 'visits',
    aggregate: 'count',
    count: 'visits',
    event: 'visited',
    filters: {},
    ...extra,
  });
  return [
    { basis: 'fiscal', metric: visits({}) },
    {
      basis: 'fiscal',
      metric: visits({ filters: { kinds: VISIT_KINDS.filter((_, k) => k !== p % 5) } }),
    },
    {
      basis: 'fiscal',
      metric: visits({
        count: 'companies',
        filters: { companyKinds: [COMPANY_KINDS[p % COMPANY_KINDS.length] ?? 'sme'] },
      }),
    },
    {
      basis: 'calendar',
      metric: visits({ filters: { municipalityPrefix: WARDS[p % WARDS.length] ?? '141313' } }),
    },
    {
      basis: 'fiscal',
      metric: visits({
        filters: {
          categories: [CATEGORIES[p % 8] ?? '販路開拓', CATEGORIES[(p + 3) % 8] ?? '人材'],
        },
      }),
    },
  ];
}

/** Companies the visits go to: one per 20 visits. */
export const companiesFor = (visits: number) => Math.max(100, Math.round(visits / 20));

/**
 * Generates `companiesFor(visits)` companies, `visits` completed visits (+5 % drafts) and issues on one
 * visit in ten, inside the database (the triggers of migration 0006 fill the KPI rollups on the
 * way), and analyses the tables.
 */
export async function loadVisits(db: Database, tenantId: string, visits: number) {
  const tenant = sql`${tenantId}::uuid`;
  const drafts = Math.round(visits / 20);
  const companyCount = companiesFor(visits);
  const first = new Date(`${fiscalYearRange(2019).start}T00:00:00+09:00`).getTime();
  const span = new Date(`${fiscalYearRange(2024).end}T23:59:59+09:00`).getTime() - first;
  // Generated inside the database: this benchmark is about reading them.
  await db.execute(sql`
    insert into companies (tenant_id, id, name, kind, employees, jsic_code, municipality_code, created_at, updated_at)
    select ${tenant}, gen_random_uuid(), 'ベンチ企業' || i,
      (array[${list(COMPANY_KINDS)}])[1 + i % ${COMPANY_KINDS.length}],
      i % 300, lpad((i % 99)::text, 2, '0'),
      (array[${list(WARDS)}, '141003', '141305', '132012'])[1 + (i * 31) % ${WARDS.length + 3}],
      now(), now()
    from generate_series(0, ${companyCount - 1}) as i`);
  // Visits: company by a multiplicative hash, instants spread evenly over the six years,
  // a third with a purpose category; the last 5 % are drafts.
  await db.execute(sql`
    with c as (
      select id, (row_number() over (order by id) - 1)::int as n from companies where tenant_id = ${tenant}
    ), v as (
      select i, to_timestamp(${first / 1000}::float8 + ((i::bigint * 7919) % ${visits + drafts}) * ${span / 1000 / (visits + drafts)}::float8) as at
      from generate_series(0, ${visits + drafts - 1}) as i
    )
    insert into visits (tenant_id, id, company_id, starts_at, local_date, kind, status, purpose_categories, completed_at, created_at, updated_at)
    select ${tenant}, gen_random_uuid(), c.id, v.at, (v.at at time zone 'Asia/Tokyo')::date,
      (array[${list(VISIT_KINDS)}])[1 + v.i % ${VISIT_KINDS.length}],
      case when v.i < ${visits} then 'completed' else 'draft' end,
      case when v.i % 3 = 0 then array[(array[${list(CATEGORIES)}])[1 + (v.i / 3) % ${CATEGORIES.length}]] else '{}'::text[] end,
      case when v.i < ${visits} then v.at end, v.at, v.at
    from v join c on c.n = (v.i::bigint * 104729 % ${companyCount})::int`);
  // 課題 on one visit in ten (categories count by purpose or issue).
  await db.execute(sql`
    insert into visit_issues (tenant_id, id, visit_id, company_id, category, raised_by)
    select tenant_id, gen_random_uuid(), id, company_id,
      (array[${list(CATEGORIES)}])[1 + abs(hashtext(id::text || 'c')) % ${CATEGORIES.length}], 'owner'
    from visits where tenant_id = ${tenant} and abs(hashtext(id::text)) % 10 = 0`);
  await db.execute(sql`analyze companies`);
  await db.execute(sql`analyze visits`);
  await db.execute(sql`analyze visit_issues`);
  // The KPI rollups the triggers filled while the rows above were inserted (what the KPIs read).
  await db.execute(sql`analyze kpi_visit_counts`);
  await db.execute(sql`analyze kpi_company_years`);
}

export async function runReportBenchmark(
  driver: DriverName,
  options: { records: number; programs: number; repetitions: number; log: (m: string) => void },
): Promise<ReportBenchResult> {
  const bench = await openBenchDatabase(driver, 'report');
  try {
    const actor = await createBenchTenant(bench.db);
    const visits = options.records;
    const drafts = Math.round(visits / 20);
    const companyCount = companiesFor(visits);
    options.log(
      `${driver}: inserting ${companyCount.toLocaleString('en')} companies, ` +
        `${visits.toLocaleString('en')} completed visits (+${drafts.toLocaleString('en')} drafts) over FY2019–FY2024`,
    );
    const load = await timed(() => loadVisits(bench.db, actor.tenantId, visits));
    const [counted] = await query<{ n: string }>(
      bench.db,
      sql`select count(*) as n from visits where tenant_id = ${actor.tenantId}::uuid and status = 'completed'`,
    );
    if (Number(counted?.n) !== visits) throw new Error(`expected ${visits} completed visits`);

    const programs = createProgramsService({ db: bench.db, now: () => new Date() });
    for (let p = 0; p < options.programs; p++) {
      const row = await programs.create(actor, {
        code: `bench-${p}`,
        name: `ベンチマーク事業${p + 1}`,
        scheme: '地方創生推進交付金',
        fromFy: 2020 + (p % 3),
        toFy: 2022 + (p % 3),
        description: [],
        background: [],
        years: [],
        summary: [],
        sortOrder: p,
      });
      for (const [k, { metric, basis }] of benchMetrics(p).entries()) {
        const kpi: KpiCreate = {
          name: `KPI ${k + 1}`,
          unit: '件',
          unitLabel: null,
          basis,
          direction: 'increase',
          baseline: null,
          notes: null,
          sortOrder: k,
          years: [{ fy: 2022, plan: 1000, actual: null }],
          metric,
        };
        await programs.createKpi(actor, row.id, kpi);
      }
    }
    options.log(`${driver}: evaluating ${options.programs * 5} computed KPIs × 3 years`);
    const all = await programs.list(actor, {});
    const samples: number[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      samples.push(
        (
          await timed(async () => {
            const evaluated = await programs.evaluateForReport(
              actor,
              2022,
              all.map((p) => p.id),
            );
            if (evaluated.length !== options.programs) throw new Error('programs missing');
          })
        ).ms,
      );
      options.log(`${driver}: evaluate run ${r + 1}: ${samples.at(-1)?.toFixed(0)} ms`);
    }

    // The six-program report of the seed document, in its own organisation.
    const kawasaki = await createBenchTenant(bench.db, 'kawasaki');
    await loadPrograms(programs, kawasaki);
    const report = buildReport(2022, await programs.evaluateForReport(kawasaki, 2022), new Date());
    const firstPdf = await timed(() => renderReportPdf(report));
    const pdfSamples: number[] = [];
    const xlsxSamples: number[] = [];
    let pdfBytes = firstPdf.value.length;
    let xlsxBytes = 0;
    for (let r = 0; r < options.repetitions; r++) {
      const pdf = await timed(() => renderReportPdf(report));
      pdfSamples.push(pdf.ms);
      pdfBytes = pdf.value.length;
      const xlsx = await timed(() => renderReportXlsx(report));
      xlsxSamples.push(xlsx.ms);
      xlsxBytes = xlsx.value.length;
    }
    const pages = /\/Type \/Pages[^>]*\/Count (\d+)/.exec(firstPdf.value.toString('latin1'));
    return {
      driver,
      records: visits,
      companies: companyCount,
      programs: options.programs,
      kpis: options.programs * 5,
      loadSeconds: load.ms / 1000,
      evaluate: { medianMs: median(samples), p95Ms: percentile(samples, 95), runs: samples.length },
      pdf: {
        firstMs: firstPdf.ms,
        medianMs: median(pdfSamples),
        bytes: pdfBytes,
        pages: pages?.[1] ? Number(pages[1]) : null,
      },
      xlsx: { medianMs: median(xlsxSamples), bytes: xlsxBytes },
    };
  } finally {
    await bench.destroy();
  }
}

export function renderReportBench(results: ReportBenchResult[]): string {
  if (results.length === 0) return '';
  const lines = [
    '## KPIs and the grant report',
    '',
    '| driver | visits (companies) | programs / KPIs | evaluate every KPI (median / p95) | 6-program PDF (first / warm median) | 6-program xlsx (median) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.driver} | ${r.records.toLocaleString('en')} (${r.companies.toLocaleString('en')}) | ${r.programs} / ${r.kpis} | ` +
        `${r.evaluate.medianMs.toFixed(0)} / ${r.evaluate.p95Ms.toFixed(0)} ms | ` +
        `${r.pdf.firstMs.toFixed(0)} / ${r.pdf.medianMs.toFixed(0)} ms (${(r.pdf.bytes / 1024).toFixed(0)} KB, ${r.pdf.pages ?? '?'} pages) | ` +
        `${r.xlsx.medianMs.toFixed(0)} ms (${(r.xlsx.bytes / 1024).toFixed(0)} KB) |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
