import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../testing/factories';
import { adminActorOf, createTestApp, type TestApp } from '../../testing/test-app';

/**
 * Text a user typed that looks like a spreadsheet formula (OWASP "CSV injection") stays text in
 * the KPI report's workbook: every text goes in as a string cell, never as a formula, so Excel
 * shows it and runs nothing. (The CSV export prefixes such cells instead: report-csv.ts.)
 */
let t: TestApp;
let workbookBytes: Buffer;
const HOSTILE = {
  name: '=HYPERLINK("http://attacker.example/","開く")',
  scheme: "+1+cmd|' /C calc'!A0",
  description: ['-2+3', '@SUM(A1:A9)'],
};

beforeAll(async () => {
  t = await createTestApp();
  const session = await t.createOrganization('formula');
  const actor = adminActorOf(session);
  await factories(t.services).createProgram(actor, { ...HOSTILE, fromFy: 2024, toFy: 2024 });
  const file = await t.services.reports.generate(actor, { fy: 2024, format: 'xlsx' });
  workbookBytes = Buffer.from(file.body);
});
afterAll(() => t?.close());

describe('KPI report workbook with formula-looking text', () => {
  it('stores every such text as a string cell with the exact text, and no formula anywhere', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
    const found = new Map<string, ExcelJS.ValueType>();
    let formulas = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
          if (typeof cell.value === 'string') found.set(cell.value.trim(), cell.type);
        }),
      ),
    );
    expect(formulas).toBe(0);
    for (const text of [HOSTILE.name, ...HOSTILE.description.map((d) => `・${d}`)])
      expect([text, found.get(text)]).toEqual([text, ExcelJS.ValueType.String]);
  });
});
