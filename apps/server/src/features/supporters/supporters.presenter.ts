import type { Supporter, SupporterKind } from '@banso/shared';
import type { SupporterWithUser } from './supporters.repository';

export function presentSupporter(row: SupporterWithUser): Supporter {
  return {
    id: row.id,
    userId: row.userId,
    userDisplayName: row.userDisplayName,
    name: row.name,
    nameKana: row.nameKana,
    organization: row.organization,
    kind: row.kind as SupporterKind,
    expertise: row.expertise,
    monthlyCapacity: row.monthlyCapacity,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
