import type { KpiUpdate, ProgramUpdate } from '@banso/shared';
import type { KpiDto, ProgramDetailDto } from '../../../api/programs';
import { parseFigure } from '../grid/clipboard';
import { periodYears } from '../program-format';

/**
 * The numbers of a program as the grid edits them: budget cells (事業費 and 交付金 per year, 千円)
 * and KPI cells (現状値, then 計画 and 実績 per year). Cells hold text; it is parsed and checked
 * here, and turned into the PATCH bodies the API takes (with the versions read).
 */

export type CellKey = string;
export type Cells = Record<CellKey, string>;
export type BudgetColumn = 'cost' | 'grant';

export const budgetKey = (fy: number, column: BudgetColumn): CellKey => `budget:${fy}:${column}`;
export const kpiKey = (kpiId: string, column: string): CellKey => `kpi:${kpiId}:${column}`;
export const planColumn = (fy: number) => `plan-${fy}`;
export const actualColumn = (fy: number) => `actual-${fy}`;

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The fiscal years of the KPI grid: the period, plus any year a KPI holds outside it. */
export function kpiGridYears(program: ProgramDetailDto): number[] {
  const years = new Set(periodYears(program.fromFy, program.toFy));
  for (const k of program.kpis)
    for (const y of k.years) if (y.plan !== null || y.manualActual !== null) years.add(y.fy);
  return [...years].sort((a, b) => a - b);
}

/** The cells of the budget grid. */
export function budgetCells(program: ProgramDetailDto): Cells {
  const cells: Cells = {};
  for (const fy of periodYears(program.fromFy, program.toFy)) {
    const y = program.years.find((v) => v.fy === fy);
    cells[budgetKey(fy, 'cost')] = text(y?.costThousandYen);
    cells[budgetKey(fy, 'grant')] = text(y?.grantThousandYen);
  }
  return cells;
}

/** The cells of one KPI: its baseline, and the plan and the entered (manual) actual per year. */
export function kpiCells(kpi: KpiDto, years: number[]): Cells {
  const cells: Cells = { [kpiKey(kpi.id, 'baseline')]: text(kpi.baseline) };
  for (const fy of years) {
    const y = kpi.years.find((v) => v.fy === fy);
    cells[kpiKey(kpi.id, planColumn(fy))] = text(y?.plan);
    cells[kpiKey(kpi.id, actualColumn(fy))] = text(y?.manualActual);
  }
  return cells;
}

export function allCells(program: ProgramDetailDto): Cells {
  const years = kpiGridYears(program);
  return Object.assign(budgetCells(program), ...program.kpis.map((k) => kpiCells(k, years)));
}

/** A problem with a cell: a stable code (the API's field codes, plus not_a_number/whole_number). */
export type CellProblem =
  | { code: 'not_a_number' | 'whole_number' | 'grant_above_cost' }
  | { code: 'too_small'; min: number };

const figure = (raw: string | undefined): number | null => {
  const parsed = parseFigure(raw ?? '');
  return parsed.ok ? parsed.value : null;
};

/** Checks every cell as the API would: 千円 are whole and not negative, the grant ≤ the cost. */
export function validateCells(
  program: ProgramDetailDto,
  cells: Cells,
): Record<CellKey, CellProblem> {
  const problems: Record<CellKey, CellProblem> = {};
  for (const [key, raw] of Object.entries(cells)) {
    const parsed = parseFigure(raw);
    if (!parsed.ok) {
      problems[key] = { code: 'not_a_number' };
      continue;
    }
    if (key.startsWith('budget:') && parsed.value !== null) {
      if (parsed.value < 0) problems[key] = { code: 'too_small', min: 0 };
      else if (!Number.isInteger(parsed.value)) problems[key] = { code: 'whole_number' };
    }
  }
  for (const fy of periodYears(program.fromFy, program.toFy)) {
    const costKey = budgetKey(fy, 'cost');
    const grantKey = budgetKey(fy, 'grant');
    if (problems[costKey] || problems[grantKey]) continue;
    const cost = figure(cells[costKey]);
    const grant = figure(cells[grantKey]);
    if (cost !== null && grant !== null && grant > cost)
      problems[grantKey] = { code: 'grant_above_cost' };
  }
  return problems;
}

/** The cells that differ from what was loaded. */
export function changedKeys(base: Cells, cells: Cells): CellKey[] {
  return Object.keys(cells).filter((k) => (base[k] ?? '') !== (cells[k] ?? ''));
}

/** The budget PATCH (every year kept, the changed ones updated), or null without a change. */
export function budgetUpdate(
  program: ProgramDetailDto,
  base: Cells,
  cells: Cells,
  currentFy: number,
): ProgramUpdate | null {
  const changed = changedKeys(base, cells).filter((k) => k.startsWith('budget:'));
  if (changed.length === 0) return null;
  const years = program.years.map((y) => ({ ...y }));
  for (const fy of periodYears(program.fromFy, program.toFy)) {
    const cost = figure(cells[budgetKey(fy, 'cost')]);
    const grant = figure(cells[budgetKey(fy, 'grant')]);
    const existing = years.find((y) => y.fy === fy);
    if (existing) {
      existing.costThousandYen = cost;
      existing.grantThousandYen = grant;
    } else if (cost !== null || grant !== null) {
      years.push({
        fy,
        figure: fy < currentFy ? 'actual' : 'budget',
        costLabel: null,
        costThousandYen: cost,
        grantThousandYen: grant,
        intro: null,
        activities: [],
      });
    }
  }
  years.sort((a, b) => a.fy - b.fy);
  return { version: program.version, years };
}

/** One KPI's PATCH (baseline when changed, every year with a plan or an actual), or null. */
export function kpiUpdate(
  kpi: KpiDto,
  years: number[],
  base: Cells,
  cells: Cells,
): KpiUpdate | null {
  const prefix = kpiKey(kpi.id, '');
  const changed = changedKeys(base, cells).filter((k) => k.startsWith(prefix));
  if (changed.length === 0) return null;
  const body: KpiUpdate = { version: kpi.version };
  if (changed.includes(kpiKey(kpi.id, 'baseline')))
    body.baseline = figure(cells[kpiKey(kpi.id, 'baseline')]);
  if (changed.some((k) => k !== kpiKey(kpi.id, 'baseline'))) {
    body.years = years.flatMap((fy) => {
      const plan = figure(cells[kpiKey(kpi.id, planColumn(fy))]);
      const actual = figure(cells[kpiKey(kpi.id, actualColumn(fy))]);
      return plan === null && actual === null ? [] : [{ fy, plan, actual }];
    });
  }
  return body;
}

/**
 * The cells an API field error belongs to. `years.2.grantThousandYen` of a program names the
 * third year sent; `years.0.fy` of a KPI (a year outside the period) marks that year's cells.
 */
export function cellsOfBudgetError(field: string, sent: ProgramUpdate): CellKey[] {
  const m = /^years\.(\d+)\.(\w+)$/.exec(field);
  const year = m ? sent.years?.[Number(m[1])] : undefined;
  if (!m || !year) return [];
  if (m[2] === 'costThousandYen') return [budgetKey(year.fy, 'cost')];
  if (m[2] === 'grantThousandYen') return [budgetKey(year.fy, 'grant')];
  return [budgetKey(year.fy, 'cost'), budgetKey(year.fy, 'grant')];
}

export function cellsOfKpiError(field: string, kpiId: string, sent: KpiUpdate): CellKey[] {
  if (field === 'baseline') return [kpiKey(kpiId, 'baseline')];
  const m = /^years\.(\d+)\.(\w+)$/.exec(field);
  const year = m ? sent.years?.[Number(m[1])] : undefined;
  if (!m || !year) return [];
  if (m[2] === 'plan') return [kpiKey(kpiId, planColumn(year.fy))];
  if (m[2] === 'actual') return [kpiKey(kpiId, actualColumn(year.fy))];
  return [kpiKey(kpiId, planColumn(year.fy)), kpiKey(kpiId, actualColumn(year.fy))];
}

/** A typed value kept as the plain number when it parses ('21,618' → '21618'), else as typed. */
export function normalise(raw: string): string {
  const parsed = parseFigure(raw);
  return parsed.ok ? (parsed.value === null ? '' : String(parsed.value)) : raw.trim();
}
