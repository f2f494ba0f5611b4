import type { ApiToken, Role, SessionResponse } from '@banso/shared';
import type { z } from 'zod';
import type { ApiTokenRow } from './auth.repository';
import type { SessionInfo } from './auth.service';

const NEVER_EXPIRES = new Date('9999-12-31T23:59:59.999Z');

export const presentSession = (s: SessionInfo): z.infer<typeof SessionResponse> => ({
  user: {
    id: s.user.id,
    email: s.user.email,
    displayName: s.user.displayName,
    role: s.user.role as Role,
    locale: s.user.locale === 'en' ? 'en' : 'ja',
  },
  tenant: { id: s.tenant.id, slug: s.tenant.slug, name: s.tenant.name, nameEn: s.tenant.nameEn },
  csrfToken: s.csrfToken ?? '',
  // An API token without an expiry: the last instant with a 4-digit year, which the contract's
  // ISO format accepts (new Date(8.64e15) printed a 6-digit year, +275760-…, which it does not).
  expiresAt: (s.expiresAt ?? NEVER_EXPIRES).toISOString(),
});

export const presentApiToken = (row: ApiTokenRow): z.infer<typeof ApiToken> => ({
  id: row.id,
  name: row.name,
  prefix: row.tokenPrefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revoked: row.revokedAt !== null,
});
