import type { TFunction } from 'i18next';
import type { PlannerDto } from '../../api/caravan';

type Reason = PlannerDto['items'][number]['reasons'][number];

/**
 * One planner reason as a short sentence: 「最終接触から15か月」「代表者 68歳・後継者不在」.
 * Succession names what the risk is: the representative's age (65 or more), 後継者不在 (none)
 * or 後継者未定・不明 (unknown) — the server adds the points of each.
 */
export function reasonText(reason: Reason, t: TFunction<'caravan'>): string {
  const d = reason.detail;
  switch (reason.code) {
    case 'never_visited':
      return t('planner.reason.never_visited');
    case 'stale_contact':
      return t('planner.reason.stale_contact', { months: d.months ?? '?' });
    case 'overdue_follow_ups':
      return t('planner.reason.overdue_follow_ups', { count: Number(d.count ?? 0) });
    case 'succession_risk': {
      const status = typeof d.successorStatus === 'string' ? d.successorStatus : 'unknown';
      const successor = t(`planner.successor.${status}`, { defaultValue: status });
      return d.age === null || d.age === undefined
        ? t('planner.reason.succession_risk', { successor })
        : t('planner.reason.succession_risk_age', { age: d.age, successor });
    }
    case 'newly_registered':
      return t('planner.reason.newly_registered');
    case 'flagged':
      return d.note
        ? t('planner.reason.flagged_note', { note: d.note })
        : t('planner.reason.flagged');
  }
}
