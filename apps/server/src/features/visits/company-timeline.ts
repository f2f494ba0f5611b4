import type { CompanyFlag, CompanyId } from '@banso/shared';
import type { Actor } from '../../context';
import { authorize } from '../../policy/policy';
import type { FollowUpsService } from './follow-ups.service';
import type { VisitsService } from './visits.service';

type Flag = Awaited<ReturnType<VisitsService['getFlag']>>;

export function presentFlag(companyId: string, flag: Flag): CompanyFlag | null {
  if (!flag) return null;
  return {
    companyId,
    note: flag.flag.note,
    supporter: flag.supporter
      ? {
          id: flag.supporter.id,
          name: flag.supporter.name,
          kind: flag.supporter.kind as 'staff',
        }
      : null,
    flaggedBy: flag.supporter?.name ?? flag.flag.createdByLabel,
    createdAt: flag.flag.createdAt.toISOString(),
  };
}

/**
 * A company's whole relationship in one history, newest first: visits at their start,
 * follow-ups at their completion day (else their due day, else when they were agreed).
 */
export async function companyTimeline(
  deps: { visits: VisitsService; followUps: FollowUpsService },
  actor: Actor,
  companyId: CompanyId,
) {
  authorize(actor, 'visits:read');
  const flag = await deps.visits.getFlag(actor, companyId); // also checks access to the company
  const [visits, followUps] = await Promise.all([
    deps.visits.list(actor, { companyId, order: 'desc', limit: 10_000 }),
    deps.followUps.list(actor, { companyId, limit: 10_000 }),
  ]);
  const items = [
    ...visits.map((visit) => ({ type: 'visit' as const, at: visit.startsAt, visit })),
    ...followUps.map((followUp) => ({
      type: 'follow_up' as const,
      at: followUp.completedOn ?? followUp.dueOn ?? followUp.createdAt,
      followUp,
    })),
  ];
  // Days sort as their Tokyo midnight so that a follow-up done on a visit's day follows it.
  const key = (at: string) => (at.length === 10 ? `${at}T00:00:00+09:00` : at);
  items.sort((a, b) => {
    const d = Date.parse(key(b.at)) - Date.parse(key(a.at));
    return d !== 0 ? d : a.type === b.type ? 0 : a.type === 'visit' ? -1 : 1;
  });
  const first = visits.filter((v) => v.status === 'completed').at(-1);
  return {
    companyId,
    flag: presentFlag(companyId, flag),
    firstVisitOn: first?.localDate ?? null,
    items,
  };
}
