import type { DriverName } from '@banso/db';
import { type CompanyKind, fiscalYearRange } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { createProgramsService } from '../apps/server/src/features/programs/programs.service';
import { loadPrograms } from '../apps/server/src/features/programs/seed/load-programs';
import { buildReport } from '../apps/server/src/features/reports/report-model';
import { renderReportPdf } from '../apps/server/src/features/reports/report-pdf';
import { renderReportXlsx } from '../apps/server/src/features/reports/report-xlsx';
import { createBenchTenant, openBenchDatabase } from './lib/bench-db';
import { median, percentile, timed } from './lib/stats';

/**
 * KPIs and the grant report:
 * - every KPI of `programs` programs (5 KPIs each, 3 fiscal years, computed from the records
 *   by count/sum with filters) over `records` companies registered across six fiscal years;
 * - the six-program Kawasaki report rendered as PDF and as xlsx (the first PDF includes loading
 *   pdfmake and the 5 MB Noto Sans JP font; the rest are warm).
 */

export interface ReportBenchResult {
  driver: DriverName;
  records: number;
  programs: number;
  kpis: number;
  loadSeconds: number;
  /** Seconds to evaluate every KPI of every program (all years), per run. */
  evaluate: { medianMs: number; p95Ms: number; runs: number };
  pdf: { firstMs: number; medianMs: number; bytes: number; pages: number | null };
  xlsx: { medianMs: number; bytes: number };
}

const KINDS: CompanyKind[] = ['sme', 'large', 'startup', 'university'];
const TAGS = ['福祉', '知財', 'BCP', '事業承継', 'ライフサイエンス'];

export async function runReportBenchmark(
  driver: DriverName,
  options: { records: number; programs: number; repetitions: number; log: (m: string) => void },
): Promise<ReportBenchResult> {
  const bench = await openBenchDatabase(driver, 'report');
  try {
    const actor = await createBenchTenant(bench.db);
    const { start } = fiscalYearRange(2019);
    const span =
      new Date(`${fiscalYearRange(2024).end}T23:59:59+09:00`).getTime() -
      new Date(`${start}T00:00:00+09:00`).getTime();
    options.log(
      `${driver}: inserting ${options.records.toLocaleString('en')} companies over FY2019–FY2024`,
    );
    const load = await timed(async () => {
      // Generated inside the database: this benchmark is about reading them.
      await bench.db.execute(sql`
        insert into companies (tenant_id, id, name, kind, tags, employees, jsic_code, created_at, updated_at)
        select ${actor.tenantId}::uuid, gen_random_uuid(), 'ベンチ企業' || i,
          (array[${sql.raw(KINDS.map((k) => `'${k}'`).join(','))}])[1 + i % ${KINDS.length}],
          array[(array[${sql.raw(TAGS.map((t) => `'${t}'`).join(','))}])[1 + i % ${TAGS.length}]],
          i % 300, lpad((i % 99)::text, 2, '0'),
          ${new Date(`${start}T00:00:00+09:00`).toISOString()}::timestamptz
            + (((i::bigint * 7919) % ${options.records}) * ${Math.floor(span / options.records)}) * interval '1 millisecond',
          now()
        from generate_series(1, ${options.records}) as i`);
      await bench.db.execute(sql`analyze companies`);
    });

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
      for (let k = 0; k < 5; k++) {
        await programs.createKpi(actor, row.id, {
          name: `KPI ${k + 1}`,
          unit: k === 4 ? '人' : '件',
          unitLabel: null,
          basis: k === 3 ? 'calendar' : 'fiscal',
          direction: 'increase',
          baseline: null,
          notes: null,
          sortOrder: k,
          years: [{ fy: 2022, plan: 1000, actual: null }],
          metric: {
            version: 1,
            entity: 'companies',
            aggregate: k === 4 ? 'sum' : 'count',
            field: k === 4 ? 'employees' : null,
            event: 'registered',
            filters:
              k === 0
                ? {}
                : k === 1
                  ? { kinds: [KINDS[p % KINDS.length] ?? 'sme'] }
                  : k === 2
                    ? { tagsAll: [TAGS[p % TAGS.length] ?? '福祉'] }
                    : k === 3
                      ? { jsicPrefix: String(p % 99).padStart(2, '0') }
                      : { kinds: ['sme', 'startup'] },
          },
        });
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
    }

    // The six-program report of the seed document, in its own organisation.
    const kawasaki = await createBenchTenant(bench.db, 'kawasaki');
    await loadPrograms(programs, kawasaki);
    const report = buildReport(2022, await programs.evaluateForReport(kawasaki, 2022), new Date());
    const first = await timed(() => renderReportPdf(report));
    const pdfSamples: number[] = [];
    const xlsxSamples: number[] = [];
    let pdfBytes = first.value.length;
    let xlsxBytes = 0;
    for (let r = 0; r < options.repetitions; r++) {
      const pdf = await timed(() => renderReportPdf(report));
      pdfSamples.push(pdf.ms);
      pdfBytes = pdf.value.length;
      const xlsx = await timed(() => renderReportXlsx(report));
      xlsxSamples.push(xlsx.ms);
      xlsxBytes = xlsx.value.length;
    }
    const pages = /\/Type \/Pages[^>]*\/Count (\d+)/.exec(first.value.toString('latin1'));
    return {
      driver,
      records: options.records,
      programs: options.programs,
      kpis: options.programs * 5,
      loadSeconds: load.ms / 1000,
      evaluate: { medianMs: median(samples), p95Ms: percentile(samples, 95), runs: samples.length },
      pdf: {
        firstMs: first.ms,
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
    '| driver | records | programs / KPIs | evaluate every KPI (median / p95) | 6-program PDF (first / warm median) | 6-program xlsx (median) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.driver} | ${r.records.toLocaleString('en')} | ${r.programs} / ${r.kpis} | ` +
        `${r.evaluate.medianMs.toFixed(0)} / ${r.evaluate.p95Ms.toFixed(0)} ms | ` +
        `${r.pdf.firstMs.toFixed(0)} / ${r.pdf.medianMs.toFixed(0)} ms (${(r.pdf.bytes / 1024).toFixed(0)} KB, ${r.pdf.pages ?? '?'} pages) | ` +
        `${r.xlsx.medianMs.toFixed(0)} ms (${(r.xlsx.bytes / 1024).toFixed(0)} KB) |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
