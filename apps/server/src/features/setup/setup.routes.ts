import { SetupRequest, SetupStatus, TenantSummary } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AppError } from '../../app-error';
import type { App } from '../../http/env';
import { body, errorResponses, json } from '../../http/openapi-helpers';
import { fieldErrorsFromZod } from '../../http/zod-issues';
import type { SetupService } from './setup.service';
import { renderSetupPage } from './setup-page';

const FORM_FIELDS: Record<string, string> = {
  'organization.name': 'organizationName',
  'organization.slug': 'organizationSlug',
  'admin.displayName': 'adminName',
  'admin.email': 'adminEmail',
  'admin.password': 'adminPassword',
};

export function registerSetupRoutes(app: App, deps: { setup: SetupService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/setup',
      tags: ['setup'],
      summary: 'Whether first-run setup is still needed',
      responses: { 200: json(SetupStatus), 413: errorResponses[413] },
    }),
    async (c) => c.json({ needsSetup: await deps.setup.needsSetup() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/setup',
      tags: ['setup'],
      summary: 'Create the first organisation and admin with the one-time setup token',
      request: { body: body(SetupRequest) },
      responses: {
        201: json(z.object({ tenant: TenantSummary, adminEmail: z.string() }), 'Created'),
        ...errorResponses,
        409: { description: 'Already set up (setup_already_done)' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { tenant, admin } = await deps.setup.complete(input.token, {
        ...input.organization,
        admin: input.admin,
      });
      return c.json(
        {
          tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, nameEn: tenant.nameEn },
          adminEmail: admin.email,
        },
        201,
      );
    },
  );

  app.get('/setup', async (c) => {
    if (!(await deps.setup.needsSetup())) return c.redirect('/', 303);
    return c.html(renderSetupPage({ token: c.req.query('token') ?? '', values: {}, errors: {} }));
  });

  app.post('/setup', async (c) => {
    const form = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
    ) as Record<string, string>;
    const token = values.token ?? '';
    const parsed = SetupRequest.safeParse({
      token,
      organization: { slug: values.organizationSlug ?? '', name: values.organizationName ?? '' },
      admin: {
        email: values.adminEmail ?? '',
        displayName: values.adminName ?? '',
        password: values.adminPassword ?? '',
      },
    });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const f of fieldErrorsFromZod(parsed.error)) {
        const name = FORM_FIELDS[f.field];
        if (name && !errors[name]) errors[name] = `${f.message.ja} / ${f.message.en}`;
      }
      return c.html(renderSetupPage({ token, values, errors }), 422);
    }
    try {
      const input = parsed.data;
      await deps.setup.complete(input.token, { ...input.organization, admin: input.admin });
      return c.html(
        renderSetupPage({
          token: '',
          values: {},
          errors: {},
          done: { slug: input.organization.slug, email: input.admin.email },
        }),
        201,
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const errors: Record<string, string> = {};
      for (const f of error.fields) {
        const name = FORM_FIELDS[f.field];
        if (name) errors[name] = `${f.message.ja} / ${f.message.en}`;
      }
      const status = error.code === 'forbidden' ? 403 : 409;
      const message =
        error.code === 'forbidden'
          ? 'セットアップ用URLが無効です。サーバーの起動時に表示されたURLを開いてください。 / The setup link is invalid: open the URL the server printed at start.'
          : `${error.userMessage.ja} / ${error.userMessage.en}`;
      return c.html(renderSetupPage({ token, values, errors, message }), status);
    }
  });
}
