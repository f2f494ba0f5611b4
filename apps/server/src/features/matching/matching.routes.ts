import {
  CandidateList,
  CandidateQuery,
  CompanyIdParam,
  DecisionCreate,
  ListingIdParam,
  MatchingSettings,
  MatchingSettingsUpdate,
  MatchingStatus,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { body, errorResponses, json, problem, security } from '../../http/openapi-helpers';
import type { MatchingService } from './matching.service';

const tags = ['matching'];

const unavailable = {
  503: problem(
    'The matching index is still being built, or the database is busy beyond the bounded wait (service_unavailable, Retry-After)',
  ),
};

const DecisionResult = z
  .object({
    decisionId: z.uuid(),
    matchId: z
      .uuid()
      .nullable()
      .meta({ description: 'The open match of the pair (created when accepting).' }),
  })
  .meta({ id: 'DecisionResult' });

export function registerMatchingRoutes(app: App, deps: { matching: MatchingService }) {
  const s = deps.matching;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/matching/status',
      tags,
      summary:
        'Whether this organisation’s matching index is ready (and its progress while building)',
      security,
      responses: { 200: json(MatchingStatus), ...errorResponses },
    }),
    async (c) => c.json(s.status(requireActor(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/listings/{id}/candidates',
      tags,
      summary: '候補企業: companies for a listing, best first, each with its reasons',
      description:
        'An open patent or a large company’s need is matched to SMEs and startups, an SME’s seed to ' +
        'large companies, side-job talent to startups. The holder is never its own candidate. ' +
        'Archived, withdrawn or expired listings have no candidates.',
      security,
      request: { params: ListingIdParam, query: CandidateQuery.pick({ top: true }) },
      responses: { 200: json(CandidateList), ...errorResponses, ...unavailable },
    }),
    async (c) => {
      const items = await s.companiesFor(
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('query').top,
        c.get('locale'),
      );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}/listing-candidates',
      tags,
      summary: '候補特許: listings for a company, best first, each with its reasons',
      security,
      request: { params: CompanyIdParam, query: CandidateQuery },
      responses: { 200: json(CandidateList), ...errorResponses, ...unavailable },
    }),
    async (c) => {
      const { top, kind } = c.req.valid('query');
      const items = await s.listingsFor(
        requireActor(c),
        c.req.valid('param').id,
        { top, ...(kind ? { kind } : {}) },
        c.get('locale'),
      );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/matching/decisions',
      tags,
      summary: 'Accept (opens a match at 候補) or reject (with a reason) a proposed pair',
      description:
        'Decisions teach the engine: a rejected pair falls far down with its reason shown; accepted ' +
        'pairs strengthen the IPC↔JSIC affinity and link their characteristic terms (bounded).',
      security,
      request: { body: body(DecisionCreate) },
      responses: { 201: json(DecisionResult, 'Recorded'), ...errorResponses, ...unavailable },
    }),
    async (c) => c.json(await s.decide(requireActor(c), c.req.valid('json'), c.get('locale')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/matching/settings',
      tags,
      summary: 'This organisation’s matching settings: its partner regions (連携地域)',
      security,
      responses: { 200: json(MatchingSettings), ...errorResponses },
    }),
    async (c) => c.json(await s.settings(requireActor(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/matching/settings',
      tags,
      summary: 'Replace the partner regions (admin)',
      description:
        'Candidates located in a partner region (a prefecture, or a municipality and a designated ' +
        'city’s wards) rank a little higher, as much as the same prefecture and never on top of ' +
        'it, and carry a reason naming the region. Unknown codes answer 422 municipality_unknown ' +
        'for the field (partnerRegions.<index>).',
      security,
      request: { body: body(MatchingSettingsUpdate) },
      responses: { 200: json(MatchingSettings), ...errorResponses },
    }),
    async (c) => c.json(await s.setSettings(requireActor(c), c.req.valid('json')), 200),
  );
}
