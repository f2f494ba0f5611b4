import {
  MATCH_STAGE,
  Match,
  MatchCreate,
  MatchDrop,
  MatchIdParam,
  MatchList,
  MatchListQuery,
  MatchSummary,
  MatchUpdate,
  StageChange,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentMatch } from './matches.presenter';
import type { MatchesService } from './matches.service';

const tags = ['matching'];

export function registerMatchesRoutes(app: App, deps: { matches: MatchesService }) {
  const s = deps.matches;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/matches',
      tags,
      summary: 'Matches (マッチング案件), most recently changed first',
      security,
      request: { query: MatchListQuery },
      responses: { 200: json(MatchList), ...errorResponses },
    }),
    async (c) => {
      const rows = await s.list(requireActor(c), c.req.valid('query'));
      return c.json({ items: rows.map(presentMatch) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/matches/summary',
      tags,
      summary: 'Funnel by stage and 成約/製品化 per fiscal year, with Kawasaki’s reference figures',
      security,
      responses: { 200: json(MatchSummary), ...errorResponses },
    }),
    async (c) => c.json(await s.summary(requireActor(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/matches',
      tags,
      summary: 'Open a match at 候補 by hand (an accepted candidate opens one too)',
      security,
      request: { body: body(MatchCreate) },
      responses: { 201: json(Match, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await s.create(actor, c.req.valid('json'));
      return c.json(presentMatch(await s.get(actor, row.id)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/matches/{id}',
      tags,
      summary: 'One match',
      security,
      request: { params: MatchIdParam },
      responses: { 200: json(Match), ...errorResponses },
    }),
    async (c) => c.json(presentMatch(await s.get(requireActor(c), c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/matches/{id}',
      tags,
      summary: 'Change details, licence terms, product, or correct the days of stages reached',
      security,
      request: { params: MatchIdParam, body: body(MatchUpdate) },
      responses: { 200: json(Match), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        presentMatch(await s.update(requireActor(c), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/matches/{id}/stage',
      tags,
      summary: `Move forward to a stage reached on a day (${MATCH_STAGE.ja.prototyping} and ${MATCH_STAGE.ja.commercialized} need 契約 first)`,
      security,
      request: { params: MatchIdParam, body: body(StageChange) },
      responses: { 200: json(Match), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        presentMatch(
          await s.moveStage(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/matches/{id}/drop',
      tags,
      summary: '不成立: stop the match with a reason',
      security,
      request: { params: MatchIdParam, body: body(MatchDrop) },
      responses: { 200: json(Match), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        presentMatch(await s.drop(requireActor(c), c.req.valid('param').id, c.req.valid('json'))),
        200,
      ),
  );
}
