import { AuditEntry, AuditQuery } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { errorResponses, json, security } from '../../http/openapi-helpers';
import { presentAuditEntry } from './audit.presenter';
import type { AuditService } from './audit.service';

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });

export function registerAuditRoutes(app: App, deps: { audit: AuditService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/audit',
      tags: ['audit'],
      summary: 'The audit log of my organisation, newest first (admin)',
      security,
      request: { query: AuditQuery },
      responses: { 200: json(AuditPage), ...errorResponses },
    }),
    async (c) => {
      const page = await deps.audit.list(requireActor(c), c.req.valid('query'));
      return c.json({ items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor }, 200);
    },
  );
}
