import {
  AchievementQuery,
  AchievementSummary,
  ArchiveRequest,
  Kpi,
  KpiCreate,
  KpiIdParam,
  KpiPreview,
  KpiPreviewRequest,
  KpiRecords,
  KpiRecordsQuery,
  KpiUpdate,
  Program,
  ProgramCreate,
  ProgramDetail,
  ProgramIdParam,
  ProgramList,
  ProgramListQuery,
  ProgramUpdate,
  VersionQuery,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentAuditEntry } from '../audit/audit.presenter';
import { AuditPage } from '../audit/audit.routes';
import { presentKpi, presentProgram, presentProgramDetail } from './programs.presenter';
import type { ProgramsService } from './programs.service';

const tags = ['programs'];

/** Programs (事業) and their KPIs: CRUD, achievement, drill-down of computed actuals. */
export function registerProgramsRoutes(app: App, deps: { programs: ProgramsService }) {
  const { programs } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs',
      tags,
      summary: 'Programs (事業), in report order',
      security,
      request: { query: ProgramListQuery },
      responses: { 200: json(ProgramList), ...errorResponses },
    }),
    async (c) => {
      const rows = await programs.list(requireActor(c), c.req.valid('query'));
      return c.json({ items: rows.map(presentProgram) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/achievement',
      tags,
      summary: 'KPI achievement of every program active in a fiscal year, and the share achieved',
      security,
      request: { query: AchievementQuery },
      responses: { 200: json(AchievementSummary), ...errorResponses },
    }),
    async (c) =>
      c.json(await programs.achievementSummary(requireActor(c), c.req.valid('query').fy), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs',
      tags,
      summary: 'Create a program',
      security,
      request: { body: body(ProgramCreate) },
      responses: { 201: json(ProgramDetail, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await programs.create(actor, c.req.valid('json'));
      return c.json(
        presentProgramDetail(await programs.detail(actor, row.id), c.get('locale')),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{id}',
      tags,
      summary: 'One program with its KPIs evaluated (manual or computed actuals, achievement)',
      security,
      request: { params: ProgramIdParam },
      responses: { 200: json(ProgramDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        presentProgramDetail(
          await programs.detail(requireActor(c), c.req.valid('param').id),
          c.get('locale'),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/programs/{id}',
      tags,
      summary: 'Change a program (send the version you read)',
      security,
      request: { params: ProgramIdParam, body: body(ProgramUpdate) },
      responses: { 200: json(ProgramDetail), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      await programs.update(actor, id, c.req.valid('json'));
      return c.json(presentProgramDetail(await programs.detail(actor, id), c.get('locale')), 200);
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/programs/{id}/${action}`,
        tags,
        summary: action === 'archive' ? 'Archive a program' : 'Restore an archived program',
        security,
        request: { params: ProgramIdParam, body: body(ArchiveRequest) },
        responses: { 200: json(Program), ...errorResponses, ...conflictResponse },
      }),
      async (c) => {
        const row = await programs[action](
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        );
        return c.json(presentProgram(row), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/programs/{id}/history',
      tags,
      summary: 'The audit history of a program, newest first (its KPIs: /api/v1/kpis/{id}/history)',
      security,
      request: { params: ProgramIdParam },
      responses: { 200: json(AuditPage), ...errorResponses },
    }),
    async (c) => {
      const rows = await programs.history(requireActor(c), {
        entity: 'program',
        id: c.req.valid('param').id,
      });
      return c.json({ items: rows.map(presentAuditEntry), nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{id}/kpis',
      tags,
      summary: 'Add a KPI to a program',
      security,
      request: { params: ProgramIdParam, body: body(KpiCreate) },
      responses: { 201: json(Kpi, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await programs.createKpi(actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentKpi(await programs.evaluateKpi(actor, row), c.get('locale')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/programs/{id}/kpis/preview',
      tags,
      summary: "A metric definition's value for each year of the program (nothing is saved)",
      description:
        'What a computed KPI with this definition and counting basis would show, before it is ' +
        'saved: the value of every year of the program period. Saved KPIs drill down with ' +
        '/api/v1/kpis/{id}/records.',
      security,
      request: { params: ProgramIdParam, body: body(KpiPreviewRequest) },
      responses: { 200: json(KpiPreview), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await programs.previewMetric(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/kpis/{id}',
      tags,
      summary: 'One KPI, evaluated',
      security,
      request: { params: KpiIdParam },
      responses: { 200: json(Kpi), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await programs.getKpi(actor, c.req.valid('param').id);
      return c.json(presentKpi(await programs.evaluateKpi(actor, row), c.get('locale')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/kpis/{id}',
      tags,
      summary: 'Change a KPI (send the version you read)',
      security,
      request: { params: KpiIdParam, body: body(KpiUpdate) },
      responses: { 200: json(Kpi), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await programs.updateKpi(actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentKpi(await programs.evaluateKpi(actor, row), c.get('locale')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/kpis/{id}',
      tags,
      summary: 'Remove a KPI (send the version you read as ?version=)',
      security,
      request: { params: KpiIdParam, query: VersionQuery },
      responses: { 204: { description: 'Removed' }, ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      await programs.deleteKpi(
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/kpis/{id}/history',
      tags,
      summary: 'The audit history of a KPI, newest first',
      security,
      request: { params: KpiIdParam },
      responses: { 200: json(AuditPage), ...errorResponses },
    }),
    async (c) => {
      const rows = await programs.history(requireActor(c), {
        entity: 'kpi',
        id: c.req.valid('param').id,
      });
      return c.json({ items: rows.map(presentAuditEntry), nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/kpis/{id}/records',
      tags,
      summary: 'The records behind a computed actual for one year (drill-down)',
      security,
      request: { params: KpiIdParam, query: KpiRecordsQuery },
      responses: { 200: json(KpiRecords), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await programs.kpiRecords(
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('query').fy,
          c.get('locale'),
        ),
        200,
      ),
  );
}
