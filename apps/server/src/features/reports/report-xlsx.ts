import type { Cell, Workbook } from 'exceljs';
import type { Report, ReportProgram } from './report-model';

/**
 * The report as an Excel workbook: a summary sheet (概要) and one sheet per program. Every
 * figure is a number cell with a number format (#,##0), never text, so it can be added up.
 */

const numFmt = (n: number) => (Number.isInteger(n) ? '#,##0' : '#,##0.0#');

function setNumber(cell: Cell, value: number | null) {
  if (value === null) return;
  cell.value = value;
  cell.numFmt = numFmt(value);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
export function sheetName(p: ReportProgram, index: number, used: Set<string>): string {
  const base = `${index + 1} ${p.code ?? p.name}`.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 28)}(${n})`;
  used.add(name);
  return name;
}

function summarySheet(wb: Workbook, report: Report) {
  const ws = wb.addWorksheet('概要');
  ws.addRow([report.title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow([
    'No.',
    '事業名',
    '交付金制度',
    '事業期間',
    `${report.fyLabel} 区分`,
    `${report.fyLabel} 事業費（千円）`,
    `${report.fyLabel} 交付金（千円）`,
    'KPI数',
    '評価対象KPI',
    '達成KPI',
    '達成率（%）',
  ]);
  header.font = { bold: true };
  let evaluated = 0;
  let achieved = 0;
  report.programs.forEach((p, i) => {
    const year = p.budgetYears.find((y) => y.fy === report.fy);
    const row = ws.addRow([
      i + 1,
      p.name,
      p.scheme ?? '',
      p.period.replace(/^（事業期間：|）$/g, ''),
      year?.costLabel ?? '',
    ]);
    setNumber(row.getCell(6), year?.costThousandYen ?? null);
    setNumber(row.getCell(7), year?.grantThousandYen ?? null);
    setNumber(row.getCell(8), p.kpis.length);
    setNumber(row.getCell(9), p.achievement.evaluated);
    setNumber(row.getCell(10), p.achievement.achieved);
    if (p.achievement.evaluated > 0) {
      const cell = row.getCell(11);
      cell.value = Math.round((p.achievement.achieved / p.achievement.evaluated) * 1000) / 10;
      cell.numFmt = '0.0';
    }
    evaluated += p.achievement.evaluated;
    achieved += p.achievement.achieved;
  });
  const total = ws.addRow(['', '合計']);
  total.font = { bold: true };
  const sum = (f: (p: ReportProgram) => number | null | undefined) =>
    report.programs.reduce((n, p) => n + (f(p) ?? 0), 0);
  setNumber(
    total.getCell(6),
    sum((p) => p.budgetYears.find((y) => y.fy === report.fy)?.costThousandYen),
  );
  setNumber(
    total.getCell(7),
    sum((p) => p.budgetYears.find((y) => y.fy === report.fy)?.grantThousandYen),
  );
  setNumber(
    total.getCell(8),
    sum((p) => p.kpis.length),
  );
  setNumber(total.getCell(9), evaluated);
  setNumber(total.getCell(10), achieved);
  if (evaluated > 0) {
    total.getCell(11).value = Math.round((achieved / evaluated) * 1000) / 10;
    total.getCell(11).numFmt = '0.0';
  }
  ws.getColumn(2).width = 60;
  for (const c of [3, 4, 5]) ws.getColumn(c).width = 22;
  for (const c of [6, 7, 8, 9, 10, 11]) ws.getColumn(c).width = 16;
}

function programSheet(wb: Workbook, p: ReportProgram, name: string, report: Report) {
  const ws = wb.addWorksheet(name);
  ws.addRow([p.title]).font = { bold: true, size: 13 };
  for (const d of p.description) ws.addRow([`・${d}`]);
  ws.addRow([p.period]);
  ws.addRow([]);

  const budgetHeader = ws.addRow(['年度', '区分', '事業費（千円）', '交付金（千円）']);
  budgetHeader.font = { bold: true };
  for (const y of p.budgetYears) {
    const row = ws.addRow([y.label, y.costLabel]);
    setNumber(row.getCell(3), y.costThousandYen);
    setNumber(row.getCell(4), y.grantThousandYen);
  }
  ws.addRow([]);

  for (const g of p.background) {
    if (g.title) ws.addRow([g.title]).font = { bold: true };
    if (g.body) ws.addRow([g.body]);
    for (const item of g.items) ws.addRow([`  ${item}`]);
  }
  for (const y of p.budgetYears) {
    ws.addRow([y.heading]).font = { bold: true };
    if (y.intro) ws.addRow([y.intro]);
    for (const g of y.activities) {
      if (g.title) ws.addRow([g.title]);
      if (g.body) ws.addRow([`  ${g.body}`]);
      for (const item of g.items) ws.addRow([`  ${item}`]);
    }
    ws.addRow([]);
  }

  if (p.kpis.length > 0) {
    ws.addRow([p.kpiTitle]).font = { bold: true };
    const header = ['指標', '単位', '集計期間', '事業開始前の現状値'];
    for (const label of p.kpiYearLabels) header.push(`${label} 計画`, `${label} 実績`);
    ws.addRow(header).font = { bold: true };
    for (const k of p.kpis) {
      const row = ws.addRow([k.name, k.unit, k.basis === 'calendar' ? '暦年（1～12月）' : '年度']);
      setNumber(row.getCell(4), k.baseline);
      k.cells.forEach((c, i) => {
        setNumber(row.getCell(5 + i * 2), c.plan);
        setNumber(row.getCell(6 + i * 2), c.actual);
        if (c.overridden || c.computed)
          row.getCell(6 + i * 2).note = c.overridden
            ? '自動集計値を手入力で上書き'
            : 'Banso の記録から自動集計';
      });
    }
    for (const note of p.tableNotes) ws.addRow([note]);
    if (p.achievement.evaluated > 0)
      ws.addRow([
        `${report.fyLabel}の達成状況: ${p.achievement.evaluated}指標中${p.achievement.achieved}指標で達成`,
      ]);
    ws.addRow([]);
  }

  if (p.summary.length > 0) {
    ws.addRow(['総括と今後の取組']).font = { bold: true };
    for (const s of p.summary) ws.addRow([`・${s}`]);
  }
  ws.getColumn(1).width = 70;
  for (let c = 2; c <= 4 + p.kpiYears.length * 2; c++) ws.getColumn(c).width = 16;
}

export async function renderReportXlsx(report: Report): Promise<Buffer> {
  // Loaded on first use: the library is heavy and most CLI commands never need it.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Banso';
  wb.created = report.generatedAt;
  summarySheet(wb, report);
  const used = new Set<string>(['概要']);
  for (const [i, p] of report.programs.entries())
    programSheet(wb, p, sheetName(p, i, used), report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
