import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fiscalYearLabel, KpiReport, parseFiscalYear } from '@banso/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { KAWASAKI_PROGRAMS } from '../programs/seed/kawasaki-programs';
import { loadPrograms } from '../programs/seed/load-programs';
import { formatFigure } from './report-model';
import { parseSeedDocument, type SeedProgramDoc } from './testing/seed-document';

/**
 * The acceptance test: load the seed document's figures, print the report, read the
 * .xlsx back with exceljs and the PDF with pdftotext, and compare every budget figure and every
 * KPI cell (plan, actual, baseline) with an independent parse of the document.
 */

let t: TestApp;
let session: TestSession;
let actor: Actor;
let seed: SeedProgramDoc[];
let workbook: ExcelJS.Workbook;
let pdfText: string;
let pdfFonts: string;
let pdfInfo: string;
let csvRows: string[][];
let csvBytes: Buffer;

const normalizeName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

beforeAll(async () => {
  seed = parseSeedDocument();
  t = await createTestApp();
  session = await t.createOrganization('kawasaki');
  actor = {
    tenantId: session.tenantId,
    userId: session.userId,
    role: 'admin',
    label: 'test',
    via: 'cli',
  };
  await loadPrograms(t.services.programs, actor);

  const xlsx = await t.services.reports.generate(actor, { fy: 2022, format: 'xlsx' });
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);

  const pdf = await t.services.reports.generate(actor, { fy: 2022, format: 'pdf' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'banso-report-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf.body);
  pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  pdfFonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  pdfInfo = execFileSync('pdfinfo', ['-f', '1', '-l', '1000', file], { encoding: 'utf8' });

  const csv = await t.services.reports.generate(actor, { fy: 2022, format: 'csv' });
  csvBytes = csv.body;
  csvRows = parse(csv.body.subarray(3).toString('utf8')) as string[][];
}, 120_000);
afterAll(() => t.close());

/** The rows of a sheet as arrays of cell values (1-based columns → 0-based). */
function rows(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const out: ExcelJS.Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: ExcelJS.Cell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 12); c++) cells.push(row.getCell(c));
    out[n - 1] = cells;
  });
  return out;
}

const numberOf = (cell: ExcelJS.Cell | undefined): number | null => {
  if (!cell || cell.value === null || cell.value === undefined || cell.value === '') return null;
  expect(typeof cell.value).toBe('number');
  expect(cell.numFmt).toMatch(/^#,##0/);
  return cell.value as number;
};

/**
 * pdffonts' table read by its columns (the dashes under the header give their widths), so a
 * font that is not embedded cannot hide behind a `yes` in another column.
 */
function parsePdfFonts(text: string): Record<string, string>[] {
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  const rule = lines[1] ?? '';
  const spans = [...rule.matchAll(/-+/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
  const names = spans.map(([from, to]) => header.slice(from, to).trim());
  return lines
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) =>
      Object.fromEntries(spans.map(([from, to], i) => [names[i], l.slice(from, to).trim()])),
    );
}

describe('the PDF file', () => {
  it('is A4 (landscape, like the seed’s slides) on every page', () => {
    const sizes = [...pdfInfo.matchAll(/^Page\s+\d+ size:\s+(.+)$/gm)].map((m) => m[1]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(pdfInfo)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(sizes).toHaveLength(pages);
    for (const size of sizes) expect(size).toBe('841.89 x 595.28 pts (A4)');
  });

  it('embeds every font it uses: the Noto Sans JP subsets, regular and bold', () => {
    const fonts = parsePdfFonts(pdfFonts);
    expect(fonts.map((f) => f.name?.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansJP-Bold',
      'NotoSansJP-Regular',
    ]);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ type: 'CID TrueType', emb: 'yes', sub: 'yes', uni: 'yes' });
    }
  });

  it('reads a pdffonts table by its columns', () => {
    const table = [
      'name                                 type              encoding         emb sub uni object ID',
      '------------------------------------ ----------------- ---------------- --- --- --- ---------',
      'BZZZZZ+NotoSansJP-Bold               CID TrueType      Identity-H       yes yes yes      9  0',
      'Helvetica                            Type 1            WinAnsi          no  no  no      11  0',
    ].join('\n');
    expect(parsePdfFonts(table).map((f) => [f.name, f.emb, f.sub])).toEqual([
      ['BZZZZZ+NotoSansJP-Bold', 'yes', 'yes'],
      ['Helvetica', 'no', 'no'],
    ]);
  });
});

describe('the counting basis', () => {
  const night = KAWASAKI_PROGRAMS.findIndex((p) => p.kpis.some((k) => k.basis === 'calendar'));

  it('xlsx: 集計期間 says 暦年 for calendar-year KPIs and 年度 for the others, with the ※ note', () => {
    expect(night).toBeGreaterThanOrEqual(0);
    KAWASAKI_PROGRAMS.forEach((seedProgram, p) => {
      const grid = rows(workbook.worksheets[p + 1] as ExcelJS.Worksheet);
      const h = grid.findIndex((r) => r[0]?.value === '指標' && r[2]?.value === '集計期間');
      const periods = seedProgram.kpis.map((_, k) => grid[h + 1 + k]?.[2]?.value);
      expect(periods).toEqual(
        seedProgram.kpis.map((k) => (k.basis === 'calendar' ? '暦年（1～12月）' : '年度')),
      );
      const notes = grid.map((r) => String(r[0]?.value ?? '')).filter((v) => v.startsWith('※暦年'));
      expect(notes).toEqual(p === night ? ['※暦年（1～12月）で集計した指標です。'] : []);
    });
  });

  it('PDF: the calendar-year note is printed once, under the tourism program’s KPI table', () => {
    const notes = pdfText.match(/※暦年（1～12月）で集計した指標です。/g) ?? [];
    expect(notes).toHaveLength(1);
    const night = pdfText.indexOf('ナイトタイムエコノミー');
    const note = pdfText.indexOf('※暦年（1～12月）で集計した指標です。');
    const nextProgram = pdfText.indexOf('町工場再生プロジェクト', note);
    expect(night).toBeGreaterThan(-1);
    expect(note).toBeGreaterThan(night);
    expect(nextProgram).toBeGreaterThan(note);
  });
});

describe('the seed document reproduced', () => {
  it('finds six programs with budgets and KPI tables in the seed document', () => {
    expect(seed).toHaveLength(6);
    expect(seed.flatMap((p) => p.budgets)).toHaveLength(9);
    expect(seed.map((p) => p.kpis.length)).toEqual([4, 3, 3, 4, 3, 4]);
  });

  it('xlsx: a summary sheet and one sheet per program, every figure a number equal to the seed', () => {
    const sheets = workbook.worksheets;
    expect(sheets.map((s) => s.name)[0]).toBe('概要');
    expect(sheets).toHaveLength(1 + seed.length);
    let compared = 0;
    seed.forEach((doc, p) => {
      const ws = sheets[p + 1];
      if (!ws) throw new Error(`no sheet for program ${p + 1}`);
      const grid = rows(ws);
      expect(normalizeName(String(grid[0]?.[0]?.value))).toBe(normalizeName(doc.title));

      // Budget table: 年度 | 区分 | 事業費（千円） | 交付金（千円）
      const b = grid.findIndex((r) => r[0]?.value === '年度' && r[1]?.value === '区分');
      expect(b).toBeGreaterThan(0);
      const budgets = [];
      for (let r = b + 1; grid[r]?.[0]?.value; r++) {
        const row = grid[r] ?? [];
        budgets.push({
          fy: parseFiscalYear(String(row[0]?.value)),
          label: row[1]?.value,
          cost: numberOf(row[2]),
          grant: numberOf(row[3]),
        });
      }
      expect(budgets).toEqual(
        doc.budgets.map((x) => ({
          fy: x.fy,
          label: x.label,
          cost: Number(x.cost.replace(/,/g, '')),
          grant: Number(x.grant.replace(/,/g, '')),
        })),
      );
      compared += budgets.length * 2;

      // KPI table: 指標 | 単位 | 集計期間 | 現状値 | <年度> 計画 | <年度> 実績 …
      const h = grid.findIndex((r) => r[0]?.value === '指標' && r[1]?.value === '単位');
      const header = grid[h] ?? [];
      const yearColumns = header.slice(4).flatMap((cell, k) => {
        const m = /^(.+) (計画|実績)$/.exec(String(cell.value ?? ''));
        return m?.[1] && m[2] ? [{ col: 4 + k, fy: parseFiscalYear(m[1]), kind: m[2] }] : [];
      });
      expect([...new Set(yearColumns.map((c) => c.fy))]).toEqual(doc.kpiYears);
      doc.kpis.forEach((kpi, k) => {
        const row = grid[h + 1 + k] ?? [];
        expect(normalizeName(String(row[0]?.value))).toBe(normalizeName(kpi.name));
        expect(String(row[1]?.value ?? '')).toBe(kpi.unit);
        expect(numberOf(row[3])).toBe(kpi.baseline);
        for (const c of yearColumns) {
          const seedYear = kpi.years.get(c.fy ?? 0);
          const expected = c.kind === '計画' ? seedYear?.plan : seedYear?.actual;
          expect(numberOf(row[c.col]), `${kpi.name} ${c.fy} ${c.kind}`).toBe(expected ?? null);
          compared += 1;
        }
        if (kpi.baseline !== null) compared += 1;
      });
      // Exactly the seed's KPI rows: the rows after the header that have a counting period
      // (集計期間), up to the first row without one (a note or an empty row).
      let kpiRows = 0;
      while (['年度', '暦年（1～12月）'].includes(String(grid[h + 1 + kpiRows]?.[2]?.value ?? '')))
        kpiRows += 1;
      expect(kpiRows).toBe(doc.kpis.length);
      const after = grid[h + 1 + kpiRows] ?? [];
      expect(after.slice(1).every((c) => c.value === null || c.value === undefined)).toBe(true);
    });
    // 9 budgets × 2 + 82 plan and actual cells, 3 baselines.
    expect(compared).toBe(18 + 82 + 3);
  });

  it('xlsx summary sheet: the year’s cost and grant per program and the share of KPIs achieved', () => {
    const grid = rows(workbook.worksheets[0] as ExcelJS.Worksheet);
    const h = grid.findIndex((r) => r[0]?.value === 'No.');
    seed.forEach((doc, p) => {
      const row = grid[h + 1 + p] ?? [];
      const year = doc.budgets.find((b) => b.fy === 2022);
      expect(numberOf(row[5])).toBe(Number(year?.cost.replace(/,/g, '')));
      expect(numberOf(row[6])).toBe(Number(year?.grant.replace(/,/g, '')));
    });
    const total = grid[h + 1 + seed.length] ?? [];
    expect(total[1]?.value).toBe('合計');
    // 令和4年度: KPIs with both a plan and an actual in the seed, and those at or above plan.
    const judged = seed.flatMap((d) =>
      d.kpis.flatMap((k) => {
        const y = k.years.get(2022);
        return y && y.plan !== null && y.actual !== null ? [y.actual >= y.plan] : [];
      }),
    );
    expect(numberOf(total[8])).toBe(judged.length);
    expect(numberOf(total[9])).toBe(judged.filter(Boolean).length);
  });

  it('PDF: every budget line as in the seed, 令和 years and 千円 with thousands separators', () => {
    const printed = [
      ...pdfText.matchAll(
        /(令和(?:\d+|元)年度)の主な取組：(事業費|予算額|予算)([\d,]+)千円（交付金([\d,]+)千円）/g,
      ),
    ].map((m) => ({ fy: parseFiscalYear(m[1] ?? ''), label: m[2], cost: m[3], grant: m[4] }));
    expect(printed).toEqual(seed.flatMap((d) => d.budgets));
    expect(pdfText).toContain('令和4年度の主な取組：事業費21,618千円（交付金10,809千円）');
    expect(pdfText).toContain('（事業期間：令和3年度～令和5年度）');
  });

  it('PDF: every KPI row prints its baseline, plans and actuals with units, on one line', () => {
    const lines = pdfText.split('\n');
    for (const doc of seed) {
      for (const label of doc.kpiYears.map((fy) => fiscalYearLabel(fy))) {
        expect(pdfText).toContain(label);
      }
      for (const kpi of doc.kpis) {
        const tokens: string[] = [];
        const cell = (n: number | null) => (n === null ? '—' : `${formatFigure(n)}${kpi.unit}`);
        if (doc.kpis.some((k) => k.baseline !== null)) tokens.push(cell(kpi.baseline));
        for (const fy of doc.kpiYears) {
          const y = kpi.years.get(fy);
          tokens.push(cell(y?.plan ?? null), cell(y?.actual ?? null));
        }
        const head = normalizeName(kpi.name).slice(0, 6);
        const match = lines.find((l) => {
          const parts = l.trim().split(/\s+/);
          return (
            normalizeName(l).includes(head) &&
            parts.slice(-tokens.length).join(' ') === tokens.join(' ')
          );
        });
        expect(match, `${kpi.name}: ${tokens.join(' ')}`).toBeDefined();
      }
    }
    expect(pdfText).toMatch(/340歳\s+568歳/);
    expect(pdfText).toMatch(/1,406,427千円/);
    expect(pdfText).toMatch(/26万人/);
    // Page numbers.
    expect(pdfText).toMatch(/\b1 \/ \d+/);
  });

  it('CSV: UTF-8 with BOM, one line per KPI and year, equal to the seed', () => {
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...body] = csvRows;
    expect(header?.slice(0, 4)).toEqual(['事業コード', '事業名', '指標', '単位']);
    let n = 0;
    for (const doc of seed) {
      for (const kpi of doc.kpis) {
        for (const fy of doc.kpiYears) {
          const line = body.find(
            (r) => normalizeName(r[2] ?? '') === normalizeName(kpi.name) && r[6] === String(fy),
          );
          expect(line, `${kpi.name} ${fy}`).toBeDefined();
          const y = kpi.years.get(fy);
          const num = (v: number | null | undefined) =>
            v === null || v === undefined ? '' : String(v);
          expect(line?.[5]).toBe(num(kpi.baseline));
          expect(line?.[8]).toBe(num(y?.plan));
          expect(line?.[9]).toBe(num(y?.actual));
          n += 1;
        }
      }
    }
    expect(body).toHaveLength(n);
  });
});

describe('the report as data (GET /api/v1/reports/kpi/model)', () => {
  it('holds what the PDF prints: budget lines, every KPI row’s texts, notes', async () => {
    const res = await t.request('GET', '/api/v1/reports/kpi/model?fy=R4', { session });
    expect(res.status).toBe(200);
    const report = KpiReport.parse(await res.json());
    expect(report).toMatchObject({ fy: 2022, fyLabel: '令和4年度' });
    expect(report.programs.map((p) => normalizeName(p.title))).toEqual(
      seed.map((d) => normalizeName(d.title)),
    );
    const lines = pdfText.split('\n');
    let rows = 0;
    for (const p of report.programs) {
      for (const y of p.budgetYears) expect(pdfText).toContain(y.heading);
      for (const note of p.tableNotes)
        expect(normalizeName(pdfText)).toContain(normalizeName(note));
      for (const k of p.kpis) {
        const tokens = [
          ...(p.hasBaseline ? [k.baselineText] : []),
          ...k.cells.flatMap((c) => [c.planText, c.actualText]),
        ];
        const head = normalizeName(k.name).slice(0, 6);
        const line = lines.find(
          (l) =>
            normalizeName(l).includes(head) &&
            l.trim().split(/\s+/).slice(-tokens.length).join(' ') === tokens.join(' '),
        );
        expect(line, `${k.name}: ${tokens.join(' ')}`).toBeDefined();
        rows += 1;
      }
    }
    expect(rows).toBe(21);
    const other = await t.createOrganization('utsunomiya-report');
    const empty = await t.request('GET', '/api/v1/reports/kpi/model?fy=2022', { session: other });
    expect((await empty.json()).programs).toEqual([]);
    const bad = await t.request('GET', '/api/v1/reports/kpi/model?fy=令和', { session });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({ field: 'fy' });
  });
});
