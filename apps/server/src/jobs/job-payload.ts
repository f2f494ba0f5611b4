import { ROLES, type Role, type TenantId, UserId } from '@banso/shared';
import type { Actor } from '../context';

/**
 * The actor a job runs as is stored in its payload when it is enqueued (`actor`: user id, role
 * and label at that time), so the job's work is authorised and audited as the person who asked.
 */
export const actorPayload = (actor: Actor) => ({
  userId: actor.userId,
  role: actor.role,
  label: actor.label,
  via: actor.via,
});

export function storedActor(payload: Record<string, unknown>, tenantId: TenantId): Actor | null {
  const a = payload.actor as Partial<Record<keyof Actor, unknown>> | undefined;
  const userId = UserId.safeParse(a?.userId);
  if (!a || !userId.success || typeof a.label !== 'string') return null;
  if (!(ROLES as readonly unknown[]).includes(a.role)) return null;
  const via = a.via === 'session' || a.via === 'token' || a.via === 'cli' ? a.via : 'system';
  return { tenantId, userId: userId.data, role: a.role as Role, label: a.label, via };
}
