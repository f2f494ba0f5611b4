import type { Database, TenantTx } from '@banso/db';
import { type AuditQuery, UserId } from '@banso/shared';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { decodeCursor, encodeCursor } from '../../data/cursor';
import { authorize } from '../../policy/policy';
import { type AuditRow, createAuditRepository } from './audit.repository';

export interface AuditPageResult {
  items: AuditRow[];
  nextCursor: string | null;
}

const isAuditCursor = (v: unknown): v is { before: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as { before?: unknown }).before) &&
  (v as { before: number }).before > 0;

/**
 * One page of audit rows, newest first, inside the caller's transaction. Used by the audit
 * log and by each entity's history (companies, programs, KPIs), which first check that the
 * entity is visible to the actor.
 */
export async function auditPage(
  tx: TenantTx,
  filter: { entity?: string; entityId?: string; actorUserId?: UserId },
  page: { cursor?: string | undefined; limit: number },
): Promise<AuditPageResult> {
  const beforeId = page.cursor ? decodeCursor(page.cursor, isAuditCursor).before : undefined;
  const rows = await createAuditRepository(tx).list({
    ...filter,
    ...(beforeId !== undefined ? { beforeId } : {}),
    limit: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor({ before: last.id }) : null,
  };
}

export function createAuditService(deps: { db: Database }) {
  return {
    /** The organisation's audit log (admins). */
    async list(actor: Actor, query: AuditQuery): Promise<AuditPageResult> {
      authorize(actor, 'audit:read');
      return asActor(deps.db, actor, (tx) =>
        auditPage(
          tx,
          {
            ...(query.entity ? { entity: query.entity } : {}),
            ...(query.entityId ? { entityId: query.entityId } : {}),
            ...(query.actorUserId ? { actorUserId: UserId.parse(query.actorUserId) } : {}),
          },
          query,
        ),
      );
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
