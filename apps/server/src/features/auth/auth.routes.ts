import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenIdParam,
  LoginRequest,
  MyProfileUpdate,
  SessionResponse,
  SessionUser,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../../app-error';
import { type App, type AppContext, requireActor } from '../../http/env';
import { body, errorResponses, json, security } from '../../http/openapi-helpers';
import type { UsersService } from '../users/users.service';
import { presentApiToken, presentSession } from './auth.presenter';
import type { AuthService } from './auth.service';

export const SESSION_COOKIE = 'banso_session';

export function registerAuthRoutes(
  app: App,
  deps: {
    auth: AuthService;
    users: UsersService;
    secureCookie: 'auto' | boolean;
    sessionHours: number;
  },
) {
  const secure = (c: AppContext) =>
    deps.secureCookie === 'auto' ? c.get('client').protocol === 'https' : deps.secureCookie;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      summary: 'Log in (sets an HttpOnly session cookie)',
      request: { body: body(LoginRequest) },
      responses: {
        200: json(SessionResponse),
        ...errorResponses,
        429: { description: 'Too many failed attempts (rate_limited), with Retry-After' },
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { cookieValue, session } = await deps.auth.login({
        organization: input.organization,
        email: input.email,
        password: input.password,
        ip: c.get('client').ip,
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, cookieValue, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c),
        path: '/',
        maxAge: deps.sessionHours * 3600,
      });
      return c.json(presentSession(session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'Log out (ends the session)',
      security,
      responses: { 204: { description: 'Logged out' }, ...errorResponses },
    }),
    async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await deps.auth.logout(cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/session',
      tags: ['auth'],
      summary: 'The current user, organisation and CSRF token',
      security,
      responses: { 200: json(SessionResponse), ...errorResponses },
    }),
    (c) => {
      const session = c.get('session');
      if (!session) throw new AppError('unauthenticated');
      return c.json(presentSession(session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/auth/me',
      tags: ['auth'],
      summary: 'Change my own display name or UI language',
      security,
      request: { body: body(MyProfileUpdate) },
      responses: { 200: json(SessionUser), ...errorResponses },
    }),
    async (c) => {
      const row = await deps.users.updateOwnProfile(requireActor(c), c.req.valid('json'));
      return c.json(
        {
          id: row.id,
          email: row.email,
          displayName: row.displayName,
          role: row.role as z.infer<typeof SessionUser>['role'],
          locale: row.locale === 'en' ? ('en' as const) : ('ja' as const),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/auth/tokens',
      tags: ['auth'],
      summary: 'My personal API tokens',
      security,
      responses: { 200: json(z.object({ items: z.array(ApiToken) })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const rows = await deps.auth.listApiTokens(actor);
      return c.json({ items: rows.map(presentApiToken) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/auth/tokens',
      tags: ['auth'],
      summary: 'Create a personal API token (shown once)',
      security,
      request: { body: body(ApiTokenCreate) },
      responses: { 201: json(ApiTokenCreated, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { row, token } = await deps.auth.createApiToken(actor, c.req.valid('json'));
      return c.json({ ...presentApiToken(row), token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/auth/tokens/{id}',
      tags: ['auth'],
      summary: 'Revoke one of my API tokens',
      security,
      request: { params: ApiTokenIdParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      await deps.auth.revokeApiToken(actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
