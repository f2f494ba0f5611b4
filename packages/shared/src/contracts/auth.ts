import { z } from 'zod';
import { LIMITS } from '../limits';
import { LOCALE, USER_ROLE } from '../vocabulary/users';

export const ROLES = USER_ROLE.codes;
export type Role = (typeof ROLES)[number];
export const Role = z.enum(ROLES);
export const LOCALES = LOCALE.codes;

/** Organisation codes people type at login: lower-case letters, digits and hyphens. */
export const TenantSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
  .meta({
    description: '組織コード: 2–40 lower-case letters, digits or hyphens.',
    example: 'kawasaki',
  });

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const Password = z
  .string()
  .max(1024)
  .refine((p) => p.length >= LIMITS.passwordMinLength, {
    params: { code: 'password_too_weak' },
  });

export const LoginRequest = z
  .object({
    organization: TenantSlug.optional().meta({
      description: 'Organisation code; may be omitted when the deployment has one organisation.',
    }),
    email: Email,
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'LoginRequest' });

export const SessionUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    locale: z.enum(LOCALES),
  })
  .meta({ id: 'SessionUser' });

export const TenantSummary = z
  .object({ id: z.uuid(), slug: z.string(), name: z.string(), nameEn: z.string().nullable() })
  .meta({ id: 'TenantSummary' });

export const SessionResponse = z
  .object({
    user: SessionUser,
    tenant: TenantSummary,
    csrfToken: z.string().meta({
      description: 'Send as the `X-CSRF-Token` header on every cookie-authenticated write.',
    }),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Session' });

/** What a user may change of their own account (PATCH /api/v1/auth/me). */
export const MyProfileUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(LIMITS.textShort).optional(),
    locale: z.enum(LOCALES).optional().meta({ description: 'The UI language, kept per user.' }),
  })
  .strict()
  .meta({ id: 'MyProfileUpdate' });

export const SetupStatus = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' });

export const SetupRequest = z
  .object({
    token: z.string().min(1).max(200),
    organization: z.object({
      slug: TenantSlug,
      name: z.string().trim().min(1).max(LIMITS.textShort),
      nameEn: z.string().trim().max(LIMITS.textShort).optional(),
    }),
    admin: z.object({
      email: Email,
      displayName: z.string().trim().min(1).max(LIMITS.textShort),
      password: Password,
    }),
  })
  .meta({ id: 'SetupRequest' });

export const UserCreate = z
  .object({
    email: Email,
    displayName: z.string().trim().min(1).max(LIMITS.textShort),
    role: Role,
    password: Password,
    locale: z.enum(LOCALES).default('ja'),
  })
  .meta({ id: 'UserCreate' });

export const UserUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(LIMITS.textShort).optional(),
    role: Role.optional(),
    locale: z.enum(LOCALES).optional(),
    disabled: z.boolean().optional(),
    version: z.number().int().positive().max(LIMITS.rowVersionMax),
  })
  .meta({ id: 'UserUpdate' });

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    locale: z.enum(LOCALES),
    disabled: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });

/** A user as the administrators' list shows it: with a sign-in block after failed attempts. */
export const UserListItem = User.extend({
  /** Until when sign-in is refused after too many failed attempts (an admin can unlock). */
  signInBlockedUntil: z.iso.datetime().nullable(),
}).meta({ id: 'UserListItem' });

export const ApiTokenCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .meta({ id: 'ApiTokenCreate' });

export const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: 'ApiToken' });

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().meta({ description: 'Shown once. Send as `Authorization: Bearer <token>`.' }),
}).meta({ id: 'ApiTokenCreated' });

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

/** One page of an entity's audit history, newest first (`nextCursor` of the previous page). */
export const HistoryQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const AuditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
