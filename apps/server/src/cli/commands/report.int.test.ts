import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../testing/run-cli';

/** `banso report` and `banso programs list` on the demo organisation (which holds the six programs). */
let database: TestDatabase;
let env: Record<string, string>;
const out = mkdtempSync(path.join(os.tmpdir(), 'banso-report-cli-'));

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
  if (database.driver === 'pglite') await database.destroy();
  const demo = await runCli(
    ['demo', '--companies', '0', '--password', 'demo-password-cli-1'],
    env,
    {
      timeoutMs: 90_000,
    },
  );
  expect(demo.code, demo.stderr).toBe(0);
  expect(demo.stdout).toContain('6 事業・21 指標');
}, 120_000);
afterAll(async () => {
  if (database.driver === 'postgres') await database.destroy();
});

describe('banso report', () => {
  it('lists the programs with their codes', async () => {
    const r = await runCli(['programs', 'list', '--fy', 'R5'], env);
    expect(r.code, r.stderr).toBe(0);
    const codes = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]);
    expect(codes).toEqual(['welltech', 'side-job', 'king-skyfront']);
  }, 120_000);

  it('writes the xlsx of every program running in 令和4年度 (format from the file name, year in 和暦)', async () => {
    const file = path.join(out, 'r4.xlsx');
    const r = await runCli(['report', '--fy', 'R4', '--out', file], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('令和4年度のKPIレポート（6事業）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets).toHaveLength(7);
    const sheet = wb.worksheets[4];
    let found: number | undefined;
    sheet?.eachRow((row) => {
      if (String(row.getCell(1).value).includes('年齢引き下げ総計'))
        found = row.getCell(10).value as number;
    });
    expect(found).toBe(568);
  }, 120_000);

  it('writes the CSV of the programs named, and the PDF', async () => {
    const csv = path.join(out, 'two.csv');
    const r = await runCli(
      [
        'report',
        '--fy',
        '2022',
        '--programs',
        'welltech,king-skyfront',
        '--format',
        'csv',
        '--out',
        csv,
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(1 + 8);
    expect(
      lines.slice(1).every((l) => l.startsWith('welltech,') || l.startsWith('king-skyfront,')),
    ).toBe(true);

    const pdf = path.join(out, 'r4.pdf');
    const p = await runCli(['report', '--fy', '令和4年度', '--format', 'pdf', '--out', pdf], env);
    expect(p.code, p.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('令和4年度の主な取組：事業費21,618千円（交付金10,809千円）');
    expect(text).toContain('令和5年度の主な取組：予算額68,710千円（交付金33,425千円）');
  }, 180_000);

  it('refuses an unreadable year (exit 2) and an unknown program (exit 1), writing nothing', async () => {
    const bad = await runCli(['report', '--fy', 'R0', '--out', path.join(out, 'x.pdf')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fy の年度「R0」を読めません');
    const file = path.join(out, 'none.pdf');
    const unknown = await runCli(
      ['report', '--fy', '2022', '--programs', 'nope', '--out', file],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('事業「nope」が見つかりません。');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  }, 120_000);
});
