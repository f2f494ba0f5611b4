import { AuditEntry, AuditQuery } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { errorResponses, json, security } from '../../http/openapi-helpers';
import { authorize } from '../auth/permissions';
import { presentAuditEntry } from './audit.presenter';
import type { createAuditRepository } from './audit.repository';

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });

export function registerAuditRoutes(
  app: App,
  deps: { audit: ReturnType<typeof createAuditRepository> },
) {
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
      const actor = requireActor(c);
      authorize(actor, 'audit:read');
      const q = c.req.valid('query');
      const beforeId = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined;
      const rows = await deps.audit.list(actor.tenantId, {
        ...(q.entity ? { entity: q.entity } : {}),
        ...(q.entityId ? { entityId: q.entityId } : {}),
        ...(q.actorUserId ? { actorUserId: q.actorUserId } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
        limit: q.limit + 1,
      });
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return c.json(
        {
          items: items.map(presentAuditEntry),
          nextCursor: rows.length > q.limit && last ? String(last.id) : null,
        },
        200,
      );
    },
  );
}
