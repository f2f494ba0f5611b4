import { auditLog, type TenantTx } from '@banso/db';
import type { UserId } from '@banso/shared';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Changes } from './audit-diff';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEvent {
  action: 'create' | 'update' | 'archive' | 'restore' | 'delete' | 'import' | 'login' | 'revoke';
  entity: string;
  entityId: string;
  changes: Changes;
}

/** Writes audit rows in the same transaction as the change, so both commit or neither. */
export async function insertAudit(tx: TenantTx, actor: Actor, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (actor.tenantId !== tx.tenantId) throw new Error('audit rows of another organisation');
  await tx.db.insert(auditLog).values(
    events.map((e) => ({
      tenantId: tx.tenantId,
      actorUserId: actor.via === 'system' ? null : actor.userId,
      actorLabel: actor.label,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      changes: e.changes,
      requestId: actor.requestId ?? null,
    })),
  );
}

export function createAuditRepository({ db, tenantId }: TenantTx) {
  return {
    async list(filter: {
      entity?: string;
      entityId?: string;
      actorUserId?: UserId;
      beforeId?: number;
      limit: number;
    }): Promise<AuditRow[]> {
      const where: SQL[] = [eq(auditLog.tenantId, tenantId)];
      if (filter.entity) where.push(eq(auditLog.entity, filter.entity));
      if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
      if (filter.actorUserId) where.push(eq(auditLog.actorUserId, filter.actorUserId));
      if (filter.beforeId !== undefined) where.push(lt(auditLog.id, filter.beforeId));
      return db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.id))
        .limit(filter.limit);
    },
  };
}
