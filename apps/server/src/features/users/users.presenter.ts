import type { Role, User } from '@banso/shared';
import type { z } from 'zod';
import type { UserRow } from './users.repository';

export const presentUser = (row: UserRow): z.infer<typeof User> => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role as Role,
  locale: row.locale === 'en' ? 'en' : 'ja',
  disabled: row.disabledAt !== null,
  lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  version: row.version,
});
