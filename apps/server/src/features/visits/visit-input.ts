import { randomUUID } from 'node:crypto';
import type { FollowUpCreate } from '@banso/shared';
import { AppError } from '../../app-error';
import type { VisitIssueRow } from './visits.repository';

/** Checks of a visit's team, issues and follow-ups that need no database. */

export interface TeamInput {
  supporterId: string;
  role: 'lead' | 'member';
}

export function checkTeamShape(team: readonly TeamInput[]): void {
  const ids = team.map((m) => m.supporterId);
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0)
    throw AppError.field('validation_failed', `team.${dup}.supporterId`, 'invalid_value');
  const leads = team.filter((m) => m.role === 'lead');
  if (leads.length > 1) {
    const second = team.indexOf(leads[1] as TeamInput);
    throw AppError.field('validation_failed', `team.${second}.role`, 'invalid_value');
  }
}

export interface IssueInput {
  id?: string | undefined;
  category: string;
  description?: string | null | undefined;
  raisedBy: 'owner' | 'supporter';
  resolvedOn?: string | null | undefined;
}

/**
 * Issue rows for a visit (the repository adds the organisation); ids of the visit's existing
 * issues are kept, others are new.
 */
export function issueRows(
  visitId: string,
  companyId: string,
  issues: readonly IssueInput[],
  existingIds: ReadonlySet<string> = new Set(),
): Omit<VisitIssueRow, 'tenantId'>[] {
  return issues.map((issue, position) => ({
    id: issue.id && existingIds.has(issue.id) ? issue.id : randomUUID(),
    visitId,
    companyId,
    position,
    category: issue.category,
    description: issue.description ?? null,
    raisedBy: issue.raisedBy,
    resolvedOn: issue.resolvedOn ?? null,
  }));
}

/** Everything a person would want to see in the audit of a visit, as one flat record. */
export function visitSnapshot(
  visit: Record<string, unknown>,
  team: readonly { supporterId: string; role: string }[],
  issues: readonly {
    category: string;
    raisedBy: string;
    description: string | null;
    resolvedOn: string | null;
  }[],
): Record<string, unknown> {
  const { companyName: _n, companyAddress: _a, ...row } = visit;
  return {
    ...row,
    team: team.map((m) => `${m.supporterId}:${m.role}`).sort(),
    issues: issues.map(
      (i) => `${i.category}|${i.raisedBy}|${i.description ?? ''}|${i.resolvedOn ?? ''}`,
    ),
  };
}

export const followUpAssignees = (items: readonly FollowUpCreate[]) =>
  items.flatMap((f) => (f.assigneeId ? [f.assigneeId] : []));
