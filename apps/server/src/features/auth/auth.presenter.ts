import type { ApiToken, Role, SessionResponse } from '@banso/shared';
import type { z } from 'zod';
import type { ApiTokenRow } from './auth.repository';
import type { SessionInfo } from './auth.service';

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
  expiresAt: (s.expiresAt ?? new Date(8.64e15)).toISOString(),
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
