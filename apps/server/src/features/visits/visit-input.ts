import {
  type CompanyId,
  type FollowUpCreate,
  SupporterId,
  type VisitId,
  VisitIssueId,
} from '@banso/shared';
import { AppError } from '../../app-error';
import { newId } from '../../new-id';
import type { VisitIssueRow } from './visits.repository';

/** Checks of a visit's team, issues and follow-ups that need no database. */

export interface TeamInput {
  supporterId: SupporterId;
  role: 'lead' | 'member';
}

/** The request's team with its supporter ids parsed (the contract checked their shape already). */
export const teamInput = (
  team: readonly { supporterId: string; role: 'lead' | 'member' }[],
): TeamInput[] =>
  team.map((m) => ({ supporterId: SupporterId.parse(m.supporterId), role: m.role }));

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
  visitId: VisitId,
  companyId: CompanyId,
  issues: readonly IssueInput[],
  existingIds: readonly VisitIssueId[] = [],
): Omit<VisitIssueRow, 'tenantId'>[] {
  return issues.map((issue, position) => ({
    id: existingIds.find((existing) => existing === issue.id) ?? newId(VisitIssueId),
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
  team: readonly { supporterId: SupporterId; role: string }[],
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
  items.flatMap((f) => (f.assigneeId ? [SupporterId.parse(f.assigneeId)] : []));
