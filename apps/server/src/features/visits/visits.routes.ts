import {
  CompanyFlag,
  CompanyFlagRequest,
  CompanyIdParam,
  CompanyTimeline,
  FollowUp,
  FollowUpComplete,
  FollowUpCreate,
  FollowUpIdParam,
  FollowUpList,
  FollowUpListQuery,
  FollowUpUpdate,
  VersionBody,
  Visit,
  VisitCreate,
  VisitIdParam,
  VisitList,
  VisitListQuery,
  VisitUpdate,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { companyTimeline, presentFlag } from './company-timeline';
import type { FollowUpsService } from './follow-ups.service';
import type { VisitsService } from './visits.service';

const tags = ['caravan'];

export function registerVisitsRoutes(
  app: App,
  deps: { visits: VisitsService; followUps: FollowUpsService },
) {
  const { visits, followUps } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/visits',
      tags,
      summary: 'Visits (訪問), newest first by default; partners see their assigned companies only',
      security,
      request: { query: VisitListQuery },
      responses: { 200: json(VisitList), ...errorResponses },
    }),
    async (c) => c.json({ items: await visits.list(requireActor(c), c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/visits',
      tags,
      summary: 'Record or plan a visit with its team, issues and follow-ups',
      security,
      request: { body: body(VisitCreate) },
      responses: { 201: json(Visit, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await visits.create(requireActor(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/visits/{id}',
      tags,
      summary: 'One visit',
      security,
      request: { params: VisitIdParam },
      responses: { 200: json(Visit), ...errorResponses },
    }),
    async (c) => c.json(await visits.get(requireActor(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/visits/{id}',
      tags,
      summary: 'Change a visit (send the version you read); every edit is audited',
      security,
      request: { params: VisitIdParam, body: body(VisitUpdate) },
      responses: { 200: json(Visit), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        await visits.update(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/visits/{id}/complete',
      tags,
      summary: 'Mark a draft visit completed (needs a team; not in the future)',
      security,
      request: { params: VisitIdParam, body: body(VersionBody) },
      responses: { 200: json(Visit), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        await visits.complete(
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/visits/{id}/follow-ups',
      tags,
      summary: 'Add a follow-up action to a visit',
      security,
      request: { params: VisitIdParam, body: body(FollowUpCreate) },
      responses: { 201: json(FollowUp, 'Created'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await followUps.create(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/follow-ups',
      tags,
      summary: 'Follow-ups: mine, overdue, by assignee or team member; due day first',
      security,
      request: { query: FollowUpListQuery },
      responses: { 200: json(FollowUpList), ...errorResponses },
    }),
    async (c) =>
      c.json({ items: await followUps.list(requireActor(c), c.req.valid('query')) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/follow-ups/{id}',
      tags,
      summary: 'One follow-up',
      security,
      request: { params: FollowUpIdParam },
      responses: { 200: json(FollowUp), ...errorResponses },
    }),
    async (c) => c.json(await followUps.get(requireActor(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/follow-ups/{id}',
      tags,
      summary: 'Change a follow-up (title, assignee, due day)',
      security,
      request: { params: FollowUpIdParam, body: body(FollowUpUpdate) },
      responses: { 200: json(FollowUp), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        await followUps.update(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/follow-ups/{id}/complete',
      tags,
      summary: 'Complete a follow-up with a note (a partner: only their own)',
      security,
      request: { params: FollowUpIdParam, body: body(FollowUpComplete) },
      responses: { 200: json(FollowUp), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        await followUps.complete(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/follow-ups/{id}/reopen',
      tags,
      summary: 'Reopen a completed follow-up',
      security,
      request: { params: FollowUpIdParam, body: body(VersionBody) },
      responses: { 200: json(FollowUp), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        await followUps.reopen(
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}/timeline',
      tags,
      summary: 'Every visit and follow-up of a company, newest first, with who was there',
      security,
      request: { params: CompanyIdParam },
      responses: { 200: json(CompanyTimeline), ...errorResponses },
    }),
    async (c) => c.json(await companyTimeline(deps, requireActor(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/companies/{id}/flag',
      tags,
      summary: 'Flag a company for the planner ("visit soon"), with a note',
      security,
      request: { params: CompanyIdParam, body: body(CompanyFlagRequest) },
      responses: { 200: json(CompanyFlag), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const flag = await visits.setFlag(requireActor(c), id, c.req.valid('json'));
      return c.json(presentFlag(id, flag) as CompanyFlag, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/companies/{id}/flag',
      tags,
      summary: 'Remove the planner flag',
      security,
      request: { params: CompanyIdParam },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      await visits.clearFlag(requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
