import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * An independent reading of the seed document kawasaki-kpi-report.ja.txt (kept beside the
 * repository in ../shared/seeds): its budget lines and KPI tables, straight from the text, so
 * the reproduction test compares the printed report with the document and not with our own
 * transcription of it.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
export const SEED_DOCUMENT = path.resolve(REPO_ROOT, '../shared/seeds/kawasaki-kpi-report.ja.txt');
export const seedDocumentExists = () => existsSync(SEED_DOCUMENT);

export interface SeedBudget {
  fy: number;
  label: string;
  /** As printed, with separators: '21,618'. */
  cost: string;
  grant: string;
}

export interface SeedKpi {
  name: string;
  unit: string;
  baseline: number | null;
  /** fy → plan/actual; a year absent from the table is absent here. */
  years: Map<number, { plan: number | null; actual: number | null }>;
}

export interface SeedProgramDoc {
  title: string;
  budgets: SeedBudget[];
  kpis: SeedKpi[];
  /** Fiscal years (columns) of its KPI table. */
  kpiYears: number[];
}

const reiwa = (n: string) => 2018 + (n === '元' ? 1 : Number(n));
const UNIT = /(万人|千円|件|人|歳)$/;

/** '1,406,427' → 1406427; '340歳' → 340; '' → null. */
function figure(cell: string): { value: number | null; unit: string } {
  const s = cell.trim();
  if (s === '') return { value: null, unit: '' };
  const unit = UNIT.exec(s)?.[1] ?? '';
  const digits = s.slice(0, s.length - unit.length).replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new Error(`not a figure: ${JSON.stringify(cell)}`);
  return { value: Number(digits), unit };
}

/** 'プロジェクト参画打診件数（件）' → name and unit; ' (件)' too. */
function nameAndUnit(raw: string): { name: string; unit: string } {
  const m = /^(.*?)\s*[（(]\s*(万人|千円|件|人|歳)\s*[）)]\s*$/.exec(raw.trim());
  return m?.[1] && m[2] ? { name: m[1], unit: m[2] } : { name: raw.trim(), unit: '' };
}

export function parseSeedDocument(text: string = readFileSync(SEED_DOCUMENT, 'utf8')) {
  const lines = text.split(/\r?\n/);
  const programs: SeedProgramDoc[] = [];
  let current: SeedProgramDoc | undefined;
  let yearOfHeading: number | null = null;
  let tableYear = 2022;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/地方創生推進交付金対象事業\s*[）)]\s*$/.test(line)) {
      current = { title: line.trim(), budgets: [], kpis: [], kpiYears: [] };
      programs.push(current);
      continue;
    }
    if (!current) continue;
    const heading = /令和(\d+|元)年度の(?:主な)?取組/.exec(line);
    if (heading?.[1]) yearOfHeading = reiwa(heading[1]);
    const budget = /(事業費|予算額|予算)[：:]?\s*([\d,]+)千円（交付金[：:]?\s*([\d,]+)千円）/.exec(
      line,
    );
    if (budget?.[1] && budget[2] && budget[3] && yearOfHeading !== null) {
      current.budgets.push({
        fy: yearOfHeading,
        label: budget[1],
        cost: budget[2],
        grant: budget[3],
      });
      continue;
    }
    const kpiHeading = /令和(\d+|元)年度重要業績評価指標/.exec(line);
    if (kpiHeading?.[1]) tableYear = reiwa(kpiHeading[1]);
    if (!line.includes('\t')) continue;
    const cells = line.split('\t');

    // (a) 項目 | 計画 | 実績 for one year.
    if (cells.includes('計画') && cells.includes('実績')) {
      const y = /令和(\d+|元)年度/.exec(line);
      const fy = y?.[1] ? reiwa(y[1]) : tableYear;
      current.kpiYears = [fy];
      for (i++; i < lines.length && (lines[i] ?? '').includes('\t'); i++) {
        const parts = (lines[i] ?? '').split('\t').filter((c) => c.trim() !== '');
        const [raw, plan, actual] = parts;
        if (!raw || plan === undefined || actual === undefined) throw new Error(`row ${i + 1}`);
        const { name, unit } = nameAndUnit(raw);
        current.kpis.push({
          name,
          unit,
          baseline: null,
          years: new Map([[fy, { plan: figure(plan).value, actual: figure(actual).value }]]),
        });
      }
      i--;
      continue;
    }

    // (b) 事業開始前の現状値 | 令和2年度 | 令和3年度 | 令和4年度 (actuals only).
    if (cells.some((c) => c.includes('事業開始前の現状値'))) {
      const years = cells.flatMap((c) => {
        const m = /^令和(\d+|元)年度$/.exec(c.trim());
        return m?.[1] ? [reiwa(m[1])] : [];
      });
      current.kpiYears = years;
      for (i++; i < lines.length && (lines[i] ?? '').includes('\t'); i++) {
        const [raw, baseline, ...values] = (lines[i] ?? '').split('\t');
        if (!raw || baseline === undefined) throw new Error(`row ${i + 1}`);
        const { name, unit } = nameAndUnit(raw);
        current.kpis.push({
          name,
          unit,
          baseline: figure(baseline).value,
          years: new Map(
            years.map((fy, k) => [fy, { plan: null, actual: figure(values[k] ?? '').value }]),
          ),
        });
      }
      i--;
      continue;
    }

    // (c) R2 | R3 | R4, then a 計画 row and an 実績 row per KPI with units in the cells.
    const rYears = cells.flatMap((c) => {
      const m = /^R(\d+)$/.exec(c.trim());
      return m?.[1] ? [reiwa(m[1])] : [];
    });
    if (rYears.length > 0) {
      current.kpiYears = rYears;
      for (i++; i + 1 < lines.length && (lines[i] ?? '').includes('\t'); i += 2) {
        const [raw, planMark, ...plans] = (lines[i] ?? '').split('\t');
        const [, actualMark, ...actuals] = (lines[i + 1] ?? '').split('\t');
        if (!raw || planMark !== '計画' || actualMark !== '実績') throw new Error(`row ${i + 1}`);
        const unit = figure(plans[0] ?? '').unit;
        current.kpis.push({
          name: raw.trim(),
          unit,
          baseline: null,
          years: new Map(
            rYears.map((fy, k) => [
              fy,
              { plan: figure(plans[k] ?? '').value, actual: figure(actuals[k] ?? '').value },
            ]),
          ),
        });
      }
      i--;
    }
  }
  return programs;
}
