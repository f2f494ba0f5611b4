import { parseFiscalYear, type ReportFormat } from '@banso/shared';
import { AppError } from '../../app-error';
import type { Actor } from '../../context';
import { authorize } from '../../policy/policy';
import type { ProgramsService } from '../programs/programs.service';
import { renderReportCsv } from './report-csv';
import { buildReport, type Report } from './report-model';
import { renderReportPdf } from './report-pdf';
import { renderReportXlsx } from './report-xlsx';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ReportFile {
  report: Report;
  body: Buffer;
  contentType: string;
  /** kpi-report-2022.pdf */
  fileName: string;
}

/** '2022', 'R4', '令和4年度' → 2022; a 422 on the field otherwise. */
export function fiscalYearOrThrow(value: string, field = 'fy'): number {
  const fy = parseFiscalYear(value);
  if (fy === null || fy < 1989 || fy > 2200)
    throw AppError.field('validation_failed', field, 'invalid_format');
  return fy;
}

/** Comma-separated program ids or codes; empty parts are ignored. */
export const parseProgramRefs = (value: string | undefined): string[] | undefined => {
  const refs = (value ?? '')
    .split(/[,、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return refs.length > 0 ? refs : undefined;
};

/** The KPI report (効果検証) for a fiscal year, in one of the three formats. */
export function createReportsService(deps: { programs: ProgramsService; now: () => Date }) {
  return {
    async build(actor: Actor, fy: number, programRefs?: string[]): Promise<Report> {
      authorize(actor, 'programs:read');
      const evaluated = await deps.programs.evaluateForReport(actor, fy, programRefs);
      return buildReport(fy, evaluated, deps.now());
    },

    async generate(
      actor: Actor,
      options: { fy: number; programs?: string[] | undefined; format: ReportFormat },
    ): Promise<ReportFile> {
      authorize(actor, 'programs:read');
      // Rendering runs after build's transaction has ended.
      const report = await this.build(actor, options.fy, options.programs);
      const body =
        options.format === 'pdf'
          ? await renderReportPdf(report)
          : options.format === 'xlsx'
            ? await renderReportXlsx(report)
            : renderReportCsv(report);
      return {
        report,
        body,
        contentType: REPORT_CONTENT_TYPES[options.format],
        fileName: `kpi-report-${options.fy}.${options.format}`,
      };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
