import {
  IssueCategoryList,
  Supporter,
  SupporterCreate,
  SupporterIdParam,
  SupporterList,
  SupporterListQuery,
  SupporterUpdate,
  VisitTarget,
  VisitTargetUpdate,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentSupporter } from './supporters.presenter';
import type { SupportersService } from './supporters.service';

const tags = ['caravan'];
const FiscalYearParam = z.object({
  fiscalYear: z.coerce
    .number()
    .int()
    .min(1989)
    .max(2200)
    .meta({ param: { name: 'fiscalYear', in: 'path' } }),
});

export function registerSupportersRoutes(app: App, deps: { supporters: SupportersService }) {
  const s = deps.supporters;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/supporters',
      tags,
      summary: 'Supporters (支援者), in kana order',
      security,
      request: { query: SupporterListQuery },
      responses: { 200: json(SupporterList), ...errorResponses },
    }),
    async (c) => {
      const rows = await s.list(requireActor(c), c.req.valid('query'));
      return c.json({ items: rows.map(presentSupporter) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/supporters',
      tags,
      summary: 'Register a supporter (a login is optional)',
      security,
      request: { body: body(SupporterCreate) },
      responses: { 201: json(Supporter, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(presentSupporter(await s.create(requireActor(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/supporters/{id}',
      tags,
      summary: 'One supporter',
      security,
      request: { params: SupporterIdParam },
      responses: { 200: json(Supporter), ...errorResponses },
    }),
    async (c) =>
      c.json(presentSupporter(await s.get(requireActor(c), c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/supporters/{id}',
      tags,
      summary: 'Change a supporter (send the version you read); deactivate with active=false',
      security,
      request: { params: SupporterIdParam, body: body(SupporterUpdate) },
      responses: { 200: json(Supporter), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        presentSupporter(
          await s.update(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/caravan/categories',
      tags,
      summary: 'The issue/expertise category taxonomy of this organisation',
      security,
      responses: { 200: json(IssueCategoryList), ...errorResponses },
    }),
    async (c) => c.json({ items: await s.categories(requireActor(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/caravan/categories',
      tags,
      summary: 'Replace the taxonomy (admin); the order given is kept',
      security,
      request: { body: body(IssueCategoryList) },
      responses: { 200: json(IssueCategoryList), ...errorResponses },
    }),
    async (c) =>
      c.json({ items: await s.setCategories(requireActor(c), c.req.valid('json').items) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/caravan/targets/{fiscalYear}',
      tags,
      summary: 'The annual visit target of a fiscal year (default 500)',
      security,
      request: { params: FiscalYearParam },
      responses: { 200: json(VisitTarget), ...errorResponses },
    }),
    async (c) => c.json(await s.target(requireActor(c), c.req.valid('param').fiscalYear), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/caravan/targets/{fiscalYear}',
      tags,
      summary: 'Set the annual visit target of a fiscal year (admin)',
      security,
      request: { params: FiscalYearParam, body: body(VisitTargetUpdate) },
      responses: { 200: json(VisitTarget), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await s.setTarget(
          requireActor(c),
          c.req.valid('param').fiscalYear,
          c.req.valid('json').target,
        ),
        200,
      ),
  );
}
