import {
  ArchiveRequest,
  Assignment,
  AssignmentRequest,
  Company,
  CompanyCreate,
  CompanyId,
  CompanyIdParam,
  CompanyListQuery,
  CompanyPage,
  CompanyUpdate,
  HistoryQuery,
  UserId,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentAuditEntry } from '../audit/audit.presenter';
import { AuditPage } from '../audit/audit.routes';
import { presentCompany } from './companies.presenter';
import type { CompaniesService } from './companies.service';

const tags = ['companies'];

export function registerCompaniesRoutes(
  app: App,
  deps: {
    companies: CompaniesService;
  },
) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies',
      tags,
      summary: 'Search companies (企業台帳), in kana order by default',
      security,
      request: { query: CompanyListQuery },
      responses: { 200: json(CompanyPage), ...errorResponses },
    }),
    async (c) => {
      const page = await deps.companies.list(requireActor(c), c.req.valid('query'));
      return c.json({ items: page.items.map(presentCompany), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/companies',
      tags,
      summary: 'Register a company',
      security,
      request: { body: body(CompanyCreate) },
      responses: { 201: json(Company, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const row = await deps.companies.create(requireActor(c), c.req.valid('json'));
      return c.json(presentCompany(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}',
      tags,
      summary: 'One company',
      security,
      request: { params: CompanyIdParam },
      responses: { 200: json(Company), ...errorResponses },
    }),
    async (c) =>
      c.json(
        presentCompany(await deps.companies.get(requireActor(c), c.req.valid('param').id)),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/companies/{id}',
      tags,
      summary: 'Change a company (send the version you read)',
      security,
      request: { params: CompanyIdParam, body: body(CompanyUpdate) },
      responses: { 200: json(Company), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const row = await deps.companies.update(
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(presentCompany(row), 200);
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/companies/{id}/${action}`,
        tags,
        summary:
          action === 'archive'
            ? 'Archive a company (no hard delete)'
            : 'Restore an archived company',
        security,
        request: { params: CompanyIdParam, body: body(ArchiveRequest) },
        responses: { 200: json(Company), ...errorResponses, ...conflictResponse },
      }),
      async (c) => {
        const actor = requireActor(c);
        const { id } = c.req.valid('param');
        const { version } = c.req.valid('json');
        const row = await deps.companies[action](actor, id, version);
        return c.json(presentCompany(row), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}/history',
      tags,
      summary: 'The audit history of one company, newest first',
      security,
      request: { params: CompanyIdParam, query: HistoryQuery },
      responses: { 200: json(AuditPage), ...errorResponses },
    }),
    async (c) => {
      const page = await deps.companies.history(
        requireActor(c),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      return c.json({ items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}/assignments',
      tags,
      summary: 'Partners and supporters assigned to a company',
      security,
      request: { params: CompanyIdParam },
      responses: { 200: json(z.object({ items: z.array(Assignment) })), ...errorResponses },
    }),
    async (c) => {
      const rows = await deps.companies.listAssignments(requireActor(c), c.req.valid('param').id);
      return c.json(
        { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/companies/{id}/assignments',
      tags,
      summary: 'Assign a user (e.g. a partner bank officer) to a company',
      security,
      request: { params: CompanyIdParam, body: body(AssignmentRequest) },
      responses: { 204: { description: 'Assigned' }, ...errorResponses },
    }),
    async (c) => {
      await deps.companies.assign(
        requireActor(c),
        c.req.valid('param').id,
        UserId.parse(c.req.valid('json').userId),
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/companies/{id}/assignments/{userId}',
      tags,
      summary: 'Remove an assignment',
      security,
      request: { params: z.object({ id: CompanyId, userId: UserId }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await deps.companies.unassign(requireActor(c), id, userId);
      return c.body(null, 204);
    },
  );
}
