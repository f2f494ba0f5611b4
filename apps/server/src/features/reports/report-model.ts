import {
  type CountingBasis,
  fiscalYearLabel,
  type KpiReport,
  type KpiReportBudgetYear,
  type KpiReportCell,
  type KpiReportProgram,
  type KpiReportRow,
  type KpiUnit,
} from '@banso/shared';
import type { EvaluatedProgram } from '../programs/programs.service';

/**
 * The grant report (効果検証) as plain data, laid out like the seed document
 * (kawasaki-kpi-report.ja.txt): per program its title and scheme, description, period,
 * background, the budget line and activities per year, the KPI table and 総括. The PDF, xlsx
 * and CSV writers only render this.
 */

export type ReportCell = KpiReportCell;
export type ReportKpiRow = KpiReportRow;
export type ReportBudgetYear = KpiReportBudgetYear;
export type ReportProgram = KpiReportProgram;

/** The report; `KpiReport` (packages/shared) is its JSON form. */
export interface Report extends Omit<KpiReport, 'generatedAt'> {
  generatedAt: Date;
}

const thousands = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

/** 21618 → '21,618'; 2.5 → '2.5'. Thousands separators as the report prints them. */
export const formatFigure = (n: number): string => thousands.format(n);

/** The printed unit of a KPI ('' for a free unit without a label). */
export const unitText = (unit: KpiUnit | string, unitLabel: string | null): string =>
  unit === 'free' ? (unitLabel ?? '') : unit;

/** A figure with its unit as the seed prints table cells: '568歳', '1,406,427千円', '3件'. */
export const figureWithUnit = (n: number | null, unit: string): string =>
  n === null ? '—' : `${formatFigure(n)}${unit}`;

export function budgetHeading(
  fy: number,
  costLabel: string,
  cost: number | null,
  grant: number | null,
): string {
  const head = `${fiscalYearLabel(fy)}の主な取組`;
  if (cost === null) return head;
  const grantText = grant === null ? '' : `（交付金${formatFigure(grant)}千円）`;
  return `${head}：${costLabel}${formatFigure(cost)}千円${grantText}`;
}

export const periodText = (fromFy: number, toFy: number) =>
  `（事業期間：${fiscalYearLabel(fromFy)}～${fiscalYearLabel(toFy)}）`;

const hasValue = (c: { plan: number | null; actual: number | null }) =>
  c.plan !== null || c.actual !== null;

/** The report for a fiscal year: its budget and the next year's plan, KPIs up to that year. */
/** The report as JSON (the web preview renders it). */
export const presentReport = (report: Report): KpiReport => ({
  ...report,
  generatedAt: report.generatedAt.toISOString(),
});

export function buildReport(fy: number, programs: EvaluatedProgram[], now: Date): Report {
  return {
    fy,
    fyLabel: fiscalYearLabel(fy),
    title: `${fiscalYearLabel(fy)} 事業・重要業績評価指標（KPI）の効果検証`,
    generatedAt: now,
    programs: programs.map(({ program, kpis }) => {
      const budgetYears = [...program.years]
        .filter((y) => y.fy === fy || y.fy === fy + 1)
        .sort((a, b) => a.fy - b.fy)
        .map((y): ReportBudgetYear => {
          const costLabel = y.costLabel ?? (y.figure === 'budget' ? '予算' : '事業費');
          return {
            fy: y.fy,
            label: fiscalYearLabel(y.fy),
            figure: y.figure,
            costLabel,
            costThousandYen: y.costThousandYen,
            grantThousandYen: y.grantThousandYen,
            heading: budgetHeading(y.fy, costLabel, y.costThousandYen, y.grantThousandYen),
            intro: y.intro,
            activities: y.activities,
          };
        });
      const yearSet = new Set<number>();
      for (const k of kpis)
        for (const y of k.years) if (y.fy <= fy && hasValue(y)) yearSet.add(y.fy);
      const kpiYears = [...yearSet].sort((a, b) => a - b);
      const rows: ReportKpiRow[] = kpis.map((k) => {
        const unit = unitText(k.row.unit, k.row.unitLabel);
        return {
          name: k.row.name,
          unit,
          label: unit ? `${k.row.name}（${unit}）` : k.row.name,
          basis: k.row.basis as CountingBasis,
          baseline: k.row.baseline,
          baselineText: figureWithUnit(k.row.baseline, unit),
          notes: k.row.notes,
          cells: kpiYears.map((year): ReportCell => {
            const y = k.years.find((v) => v.fy === year);
            const overridden = y?.overridden ?? false;
            const computed = y?.actualSource === 'computed';
            const actual = y?.actual ?? null;
            const mark = overridden ? '†' : computed ? '*' : '';
            return {
              plan: y?.plan ?? null,
              actual,
              overridden,
              computed,
              achieved: y?.achieved ?? null,
              planText: figureWithUnit(y?.plan ?? null, unit),
              actualText: `${figureWithUnit(actual, unit)}${mark}`,
            };
          }),
        };
      });
      const tableNotes: string[] = [];
      const calendar = rows.filter((r) => r.basis === 'calendar');
      if (calendar.length > 0) {
        tableNotes.push(
          calendar.length === rows.length
            ? '※暦年（1～12月）で集計した指標です。'
            : `※暦年（1～12月）で集計: ${calendar.map((r) => r.name).join('、')}`,
        );
      }
      for (const r of rows) if (r.notes) tableNotes.push(`※${r.name}: ${r.notes}`);
      if (rows.some((r) => r.cells.some((c) => c.computed)))
        tableNotes.push('※* 印の実績は Banso の記録から自動集計した値です。');
      if (rows.some((r) => r.cells.some((c) => c.overridden)))
        tableNotes.push('※† 印の実績は自動集計値を手入力で上書きした値です。');
      let evaluated = 0;
      let achieved = 0;
      for (const k of kpis) {
        const y = k.years.find((v) => v.fy === fy);
        if (y && y.achieved !== null) {
          evaluated += 1;
          if (y.achieved) achieved += 1;
        }
      }
      return {
        id: program.id,
        code: program.code,
        name: program.name,
        scheme: program.scheme,
        title: program.scheme ? `${program.name}（${program.scheme}対象事業）` : program.name,
        description: program.description,
        period: periodText(program.fromFy, program.toFy),
        fromFy: program.fromFy,
        toFy: program.toFy,
        background: program.background,
        budgetYears,
        kpiTitle: `本事業における${fiscalYearLabel(fy)}重要業績評価指標（KPI）`,
        kpiYears,
        kpiYearLabels: kpiYears.map((y) => fiscalYearLabel(y)),
        hasBaseline: rows.some((r) => r.baseline !== null),
        kpis: rows,
        tableNotes,
        summary: program.summary,
        achievement: { evaluated, achieved },
        achievementNote:
          evaluated > 0
            ? `達成状況: ${evaluated}指標中${achieved}指標で目標を達成（太字の実績が達成）`
            : null,
      };
    }),
  };
}
