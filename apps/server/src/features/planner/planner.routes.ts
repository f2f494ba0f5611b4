import {
  CaravanDashboard,
  CompanyIdParam,
  DashboardQuery,
  PlannerQuery,
  PlannerResult,
  TeamProposal,
  TeamProposalRequest,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { type App, requireActor } from '../../http/env';
import { body, errorResponses, json, security } from '../../http/openapi-helpers';
import type { PlannerService } from './planner.service';

const tags = ['caravan'];

export function registerPlannerRoutes(app: App, deps: { planner: PlannerService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/planner',
      tags,
      summary:
        'Visit planner (訪問計画): companies to visit in a month/quarter with the reasons, grouped by area, and the pace against the annual target',
      security,
      request: { query: PlannerQuery },
      responses: { 200: json(PlannerResult), ...errorResponses },
    }),
    async (c) => c.json(await deps.planner.plan(requireActor(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/companies/{id}/team-proposal',
      tags,
      summary:
        'Team recommender (チーム編成): a team of 4–5 covering the company’s open issues and the purpose, within capacity',
      security,
      request: { params: CompanyIdParam, body: body(TeamProposalRequest) },
      responses: { 200: json(TeamProposal), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await deps.planner.proposeTeam(
          requireActor(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/dashboard/caravan',
      tags,
      summary:
        'Caravan dashboard: visits vs target and pace, coverage, relationship years, follow-ups overdue, issues by category',
      security,
      request: { query: DashboardQuery },
      responses: { 200: json(CaravanDashboard), ...errorResponses },
    }),
    async (c) =>
      c.json(await deps.planner.dashboard(requireActor(c), c.req.valid('query').fiscalYear), 200),
  );
}
