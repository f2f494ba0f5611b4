import { fiscalYearLabel, fiscalYearOf } from '@banso/shared';
import type { KpiDto, ProgramDetailDto } from '../../api/programs';
import { formatFiscalYear, type UiLanguage } from '../../lib/format';

/**
 * How programs print their figures, as the grant report does: 千円 and counts with thousands
 * separators (21,618), decimals kept (2.5万人), a unit after the figure (568歳), fiscal years as
 * 令和4年度 with the Gregorian year beside them.
 */

const figures = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

/** 21618 → '21,618'; null → '—'. */
export const formatFigure = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : figures.format(n);

/** The printed unit of a KPI ('' for a free unit without a label). */
export const unitOf = (kpi: Pick<KpiDto, 'unit' | 'unitLabel'>): string =>
  kpi.unit === 'free' ? (kpi.unitLabel ?? '') : kpi.unit;

/** '568歳', '1,406,427千円'; null → '—'. */
export const withUnit = (n: number | null | undefined, unit: string): string =>
  n === null || n === undefined ? '—' : `${formatFigure(n)}${unit}`;

/** '令和4年度 (2022)' (en: 'FY2022 (令和4年度)'). */
export const fyText = (fy: number, language: UiLanguage = 'ja') => formatFiscalYear(fy, language);

/** '令和3年度～令和5年度（2021～2023年度）' (en: 'FY2021–FY2023 (令和3年度～令和5年度)'). */
export function periodText(fromFy: number, toFy: number, language: UiLanguage = 'ja'): string {
  const era = `${fiscalYearLabel(fromFy)}～${fiscalYearLabel(toFy)}`;
  return language === 'en' ? `FY${fromFy}–FY${toFy} (${era})` : `${era}（${fromFy}～${toFy}年度）`;
}

/** The fiscal year today is in (Asia/Tokyo). */
export const currentFiscalYear = (now = new Date()) => fiscalYearOf(now);

/** Every fiscal year of a period, oldest first. */
export function periodYears(fromFy: number, toFy: number): number[] {
  const out: number[] = [];
  for (let fy = fromFy; fy <= toFy; fy++) out.push(fy);
  return out;
}

/** 予算 / 事業費 / a stored label (予算額): the word printed before a year's cost. */
export const costLabelOf = (y: { figure: 'actual' | 'budget'; costLabel: string | null }) =>
  y.costLabel ?? (y.figure === 'budget' ? '予算' : '事業費');

/**
 * 「令和4年度の主な取組：事業費21,618千円（交付金10,809千円）」, the heading the report prints
 * above each year's activities.
 */
export function budgetHeading(y: {
  fy: number;
  figure: 'actual' | 'budget';
  costLabel: string | null;
  costThousandYen: number | null;
  grantThousandYen: number | null;
}): string {
  const head = `${fiscalYearLabel(y.fy)}の主な取組`;
  if (y.costThousandYen === null) return head;
  const grant =
    y.grantThousandYen === null ? '' : `（交付金${formatFigure(y.grantThousandYen)}千円）`;
  return `${head}：${costLabelOf(y)}${formatFigure(y.costThousandYen)}千円${grant}`;
}

const hasValue = (y: { plan: number | null; actual: number | null }) =>
  y.plan !== null || y.actual !== null;

/**
 * The fiscal years (columns) of a KPI table: the years any KPI has a plan or an actual for, up
 * to `untilFy` when given (a report of 令和4年度 shows no later year), oldest first.
 */
export function kpiTableYears(kpis: KpiDto[], untilFy?: number): number[] {
  const years = new Set<number>();
  for (const k of kpis)
    for (const y of k.years)
      if (hasValue(y) && (untilFy === undefined || y.fy <= untilFy)) years.add(y.fy);
  return [...years].sort((a, b) => a - b);
}

/** The year a program's list row shows figures for: `fy` if in the period, else none. */
export const yearOf = (program: Pick<ProgramDetailDto, 'years'>, fy: number) =>
  program.years.find((y) => y.fy === fy) ?? null;
