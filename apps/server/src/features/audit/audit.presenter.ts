import type { AuditEntry } from '@banso/shared';
import type { z } from 'zod';
import type { AuditRow } from './audit.repository';

export const presentAuditEntry = (row: AuditRow): z.infer<typeof AuditEntry> => ({
  id: row.id,
  at: row.at.toISOString(),
  actorUserId: row.actorUserId,
  actorLabel: row.actorLabel,
  action: row.action,
  entity: row.entity,
  entityId: row.entityId,
  changes: row.changes,
  requestId: row.requestId,
});
