import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../companies/import/formula-escape';
import type { Report } from './report-model';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export const REPORT_CSV_HEADER = [
  '事業コード',
  '事業名',
  '指標',
  '単位',
  '集計期間',
  '事業開始前の現状値',
  '年度',
  '年度（和暦）',
  '計画',
  '実績',
  '実績の出所',
  '達成',
] as const;

const num = (n: number | null) => (n === null ? '' : String(n));

/**
 * The KPI tables as CSV (UTF-8 with BOM, for Excel): one line per KPI and year, figures as
 * plain numbers without separators. Text cells are guarded against formula injection.
 */
export function renderReportCsv(report: Report): Buffer {
  const records: string[][] = [[...REPORT_CSV_HEADER]];
  for (const p of report.programs) {
    for (const k of p.kpis) {
      k.cells.forEach((c, i) => {
        const fy = p.kpiYears[i] ?? 0;
        records.push([
          escapeFormula(p.code ?? p.id),
          escapeFormula(p.name),
          escapeFormula(k.name),
          escapeFormula(k.unit),
          k.basis === 'calendar' ? '暦年' : '年度',
          num(k.baseline),
          String(fy),
          p.kpiYearLabels[i] ?? '',
          num(c.plan),
          num(c.actual),
          c.actual === null
            ? ''
            : c.overridden
              ? '手入力（上書き）'
              : c.computed
                ? '自動集計'
                : '手入力',
          c.achieved === null ? '' : c.achieved ? '達成' : '未達成',
        ]);
      });
    }
  }
  const text = stringify(records, { record_delimiter: '\r\n' });
  return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
}
