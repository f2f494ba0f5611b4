import type { Locale } from '@banso/shared';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../app-error';
import type { Actor } from '../context';
import type { SessionInfo } from '../features/auth/auth.service';
import type { Logger } from '../logger';
import type { ClientOrigin } from './client-origin';

export interface AppEnv {
  Variables: {
    requestId: string;
    locale: Locale;
    log: Logger;
    session: SessionInfo | null;
    /** Client address and protocol (forwarded headers only from a trusted proxy). */
    client: ClientOrigin;
    /** ms the request waited for its place at the bounded wait (http/admission.ts), if it did. */
    admissionWaitMs?: number;
  };
}
export type App = OpenAPIHono<AppEnv>;
export type AppContext = Context<AppEnv>;

/** The acting user, or 401. */
export function requireActor(c: AppContext): Actor {
  const session = c.get('session');
  if (!session) throw new AppError('unauthenticated');
  return { ...session.actor, requestId: c.get('requestId') };
}
