import type { Database, DatabaseHandle, DriverName } from '@banso/db';
import { type Role, type TenantId, UserId } from '@banso/shared';
import type { Config } from './config';
import type { Logger } from './logger';

/** What every service is built from; created once per process. */
export interface AppDeps {
  db: Database;
  driver: DriverName;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** LISTEN/NOTIFY of the database (absent where no database is open, e.g. the OpenAPI build). */
  listen?: DatabaseHandle['listen'];
}

/** Who is acting: resolved from a session cookie or an API token. */
export interface Actor {
  tenantId: TenantId;
  userId: UserId;
  role: Role;
  /** For the audit log: the user's display name and email. */
  label: string;
  via: 'session' | 'token' | 'cli' | 'system';
  requestId?: string;
}

const SYSTEM_USER = UserId.parse('00000000-0000-0000-0000-000000000000');

/** The CLI and system jobs act as this when no user is involved. */
export const systemActor = (tenantId: TenantId, label = 'system'): Actor => ({
  tenantId,
  userId: SYSTEM_USER,
  role: 'admin',
  label,
  via: 'system',
});
