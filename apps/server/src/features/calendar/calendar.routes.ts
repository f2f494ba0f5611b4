import {
  CalendarFeedCreated,
  CalendarFeedIdParam,
  CalendarFeedList,
  SupporterIdParam,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AppError } from '../../app-error';
import { type App, requireActor } from '../../http/env';
import { errorResponses, json, security } from '../../http/openapi-helpers';
import type { CalendarService } from './calendar.service';

const tags = ['caravan'];

type CalendarFeedRow = Awaited<ReturnType<CalendarService['list']>>[number];

const present = (r: CalendarFeedRow) => ({
  id: r.id,
  supporterId: r.supporterId,
  tokenPrefix: r.tokenPrefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export function registerCalendarRoutes(app: App, deps: { calendar: CalendarService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/supporters/{id}/calendar-feeds',
      tags,
      summary: 'The iCalendar feeds of a supporter (tokens are not shown again)',
      security,
      request: { params: SupporterIdParam },
      responses: { 200: json(CalendarFeedList), ...errorResponses },
    }),
    async (c) => {
      const rows = await deps.calendar.list(requireActor(c), c.req.valid('param').id);
      return c.json({ items: rows.map(present) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/supporters/{id}/calendar-feeds',
      tags,
      summary: 'Create a secret iCalendar feed URL of the supporter’s visits (shown once)',
      security,
      request: { params: SupporterIdParam },
      responses: { 201: json(CalendarFeedCreated, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const created = await deps.calendar.create(requireActor(c), c.req.valid('param').id);
      return c.json({ ...present(created.row), token: created.token, path: created.path }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/calendar-feeds/{id}',
      tags,
      summary: 'Revoke a calendar feed (its URL stops working at once)',
      security,
      request: { params: CalendarFeedIdParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      await deps.calendar.revoke(requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/calendar/{file}',
      tags,
      summary:
        'iCalendar (RFC 5545) feed of a supporter’s visits: `/api/v1/calendar/<token>.ics`, no login (the token is the secret)',
      request: {
        params: z.object({
          file: z
            .string()
            .max(200)
            .meta({ param: { name: 'file', in: 'path' }, description: '`<token>.ics`' }),
        }),
      },
      responses: {
        200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } },
        404: errorResponses[404],
        413: errorResponses[413],
      },
    }),
    async (c) => {
      const { file } = c.req.valid('param');
      const text = file.endsWith('.ics') ? await deps.calendar.render(file.slice(0, -4)) : null;
      if (text === null) throw new AppError('not_found', { log: 'unknown calendar feed' });
      return c.body(text, 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'private, max-age=300',
      });
    },
  );
}
