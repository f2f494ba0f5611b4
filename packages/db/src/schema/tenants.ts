import type { ApiTokenId, SessionId, TenantId, UserId } from '@banso/shared';
import { LOCALE, USER_ROLE } from '@banso/shared/vocabulary';
import {
  bigint,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { codeCheck, tenantId, timestamps, version } from './columns';

/**
 * 支援機関 (tenant). Its own id is the distribution key; the slug is the
 * organisation code people type at login, so it is unique across the deployment.
 */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').$type<TenantId>().primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps(),
    version: version(),
  },
  (t) => [uniqueIndex('tenants_slug_key').on(t.slug)],
);

export const users = pgTable(
  'users',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<UserId>().notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    locale: text('locale').notNull().default('ja'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('users', t.role, USER_ROLE),
    codeCheck('users', t.locale, LOCALE),
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('users_tenant_email_key').on(t.tenantId, t.email),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<SessionId>().notNull(),
    userId: uuid('user_id').$type<UserId>().notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('sessions_tenant_token_key').on(t.tenantId, t.tokenHash),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    index('sessions_tenant_user_idx').on(t.tenantId, t.userId),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<ApiTokenId>().notNull(),
    userId: uuid('user_id').$type<UserId>().notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_tokens_tenant_token_key').on(t.tenantId, t.tokenHash),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
    index('api_tokens_tenant_user_idx').on(t.tenantId, t.userId),
  ],
);

/**
 * Failed sign-ins, counted where every server process sees them. One row per key:
 * `acct:<organisation>:<e-mail>` (the account, from any address), `pair:<organisation>:<e-mail>:<address>`
 * and `addr:<address>` (failures on accounts that do not exist, from one address). The attempted
 * e-mail is counted whether or not it exists, so the limits tell nothing about which do.
 * `tenant_id` is null where no organisation is known (an unknown organisation code, an address).
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email'),
    address: text('address'),
    failures: integer('failures').notNull(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true, mode: 'date' }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('login_throttles_tenant_email_idx').on(t.tenantId, t.email)],
);

/** Who changed what, when: one row per create/update/archive/delete. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantId(),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').$type<UserId>(),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    changes: jsonb('changes')
      .$type<Record<string, { before: unknown; after: unknown }>>()
      .notNull()
      .default({}),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_entity_idx').on(t.tenantId, t.entity, t.entityId, t.id),
    index('audit_log_at_idx').on(t.tenantId, t.at),
  ],
);
