import { KpiReport, ReportModelQuery, ReportQuery } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { errorResponses, json, security } from '../../http/openapi-helpers';
import { presentReport } from './report-model';
import { warmUpReportPdf } from './report-pdf';
import { fiscalYearOrThrow, parseProgramRefs, type ReportsService } from './reports.service';

const binary = z.string().meta({ format: 'binary' });

/**
 * GET /api/v1/reports/kpi: the grant report (効果検証) as PDF, xlsx or CSV; /kpi/model: the same
 * report as data (what the files print; the web preview renders it).
 */
export function registerReportsRoutes(app: App, deps: { reports: ReportsService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/kpi/model',
      tags: ['reports'],
      summary: 'The KPI report of a fiscal year as data: what the PDF and Excel files print',
      description:
        'The model the PDF, xlsx and CSV are rendered from, printed texts included (budget lines, ' +
        'KPI cells with units and marks, notes), so a preview built from it shows what the files show.',
      security,
      request: { query: ReportModelQuery },
      responses: { 200: json(KpiReport), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      // A download usually follows the preview: have the PDF renderer ready by then.
      void warmUpReportPdf().catch(() => undefined);
      const report = await deps.reports.build(
        requireActor(c),
        fiscalYearOrThrow(query.fy),
        parseProgramRefs(query.programs),
      );
      return c.json(presentReport(report), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/reports/kpi',
      tags: ['reports'],
      summary: 'The KPI report of a fiscal year (PDF, Excel or CSV of the KPI tables)',
      description:
        'Per program: title and scheme, description, period, the budget line of the year and the ' +
        'next (事業費/予算 and 交付金 in 千円), activities, the KPI table (計画/実績 per year, 現状値) ' +
        'and 総括. Without `programs`, every program whose period includes the year.',
      security,
      request: { query: ReportQuery },
      responses: {
        200: {
          description: 'The report file',
          headers: { 'Content-Disposition': { schema: { type: 'string' } } },
          content: {
            'application/pdf': { schema: binary },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary },
            'text/csv': { schema: binary },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const file = await deps.reports.generate(requireActor(c), {
        fy: fiscalYearOrThrow(query.fy),
        programs: parseProgramRefs(query.programs),
        format: query.format,
      });
      return c.body(new Uint8Array(file.body), 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      });
    },
  );
}
