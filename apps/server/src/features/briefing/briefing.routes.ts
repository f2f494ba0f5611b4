import { CompanyIdParam } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { errorResponses, security } from '../../http/openapi-helpers';
import type { BriefingService } from './briefing.service';

export function registerBriefingRoutes(app: App, deps: { briefing: BriefingService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/{id}/briefing.pdf',
      tags: ['caravan'],
      summary:
        '訪問前ブリーフィング: one A4 page (Japanese, fonts embedded) with the profile, last visits, open follow-ups and issues',
      security,
      request: { params: CompanyIdParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { name, pdf } = await deps.briefing.pdf(requireActor(c), c.req.valid('param').id);
      const file = encodeURIComponent(`briefing-${name}.pdf`);
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="briefing.pdf"; filename*=UTF-8''${file}`,
        'cache-control': 'no-store',
      });
    },
  );
}
