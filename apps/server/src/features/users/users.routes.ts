import { User, UserCreate, UserIdParam, UserListItem, UserUpdate } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentUser } from './users.presenter';
import type { UsersService } from './users.service';

export function registerUsersRoutes(app: App, deps: { users: UsersService }) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/users',
      tags: ['users'],
      summary: 'Users of my organisation (admin)',
      security,
      responses: { 200: json(z.object({ items: z.array(UserListItem) })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const [rows, blocks] = await Promise.all([
        deps.users.list(actor),
        deps.users.signInBlocks(actor),
      ]);
      const items = rows.map((row) => ({
        ...presentUser(row),
        signInBlockedUntil: blocks.get(row.email.trim().toLowerCase())?.toISOString() ?? null,
      }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users/{id}/unlock',
      tags: ['users'],
      summary: 'Let a user sign in again after too many failed attempts (admin)',
      security,
      request: { params: UserIdParam },
      responses: { 200: json(User), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await deps.users.unlockSignIn(actor, c.req.valid('param').id);
      return c.json(presentUser(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/users',
      tags: ['users'],
      summary: 'Add a user (admin)',
      security,
      request: { body: body(UserCreate) },
      responses: { 201: json(User, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(presentUser(await deps.users.create(actor, c.req.valid('json'))), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/users/{id}',
      tags: ['users'],
      summary: 'Change a user’s name, role, language or disable them (admin)',
      security,
      request: { params: UserIdParam, body: body(UserUpdate) },
      responses: { 200: json(User), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const row = await deps.users.update(actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentUser(row), 200);
    },
  );
}
