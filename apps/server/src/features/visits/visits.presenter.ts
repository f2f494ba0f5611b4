import {
  type FollowUp,
  fiscalYearOfDateString,
  type SupporterKind,
  type Visit,
  type VisitKind,
  type VisitStatus,
} from '@banso/shared';
import type {
  FollowUpWithNames,
  MemberRow,
  VisitIssueRow,
  VisitWithCompany,
} from './visits.repository';

/** `today` is the Asia/Tokyo day used to decide what is overdue. */
export function presentFollowUp(row: FollowUpWithNames, today: string): FollowUp {
  return {
    id: row.id,
    visitId: row.visitId,
    companyId: row.companyId,
    companyName: row.companyName,
    title: row.title,
    assignee:
      row.assigneeId && row.assigneeName
        ? { id: row.assigneeId, name: row.assigneeName, kind: row.assigneeKind as SupporterKind }
        : null,
    dueOn: row.dueOn,
    status: row.status === 'done' ? 'done' : 'open',
    overdue: row.status === 'open' && row.dueOn !== null && row.dueOn < today,
    completedOn: row.completedOn,
    completionNote: row.completionNote,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export interface VisitParts {
  members: MemberRow[];
  issues: VisitIssueRow[];
  followUps: FollowUpWithNames[];
}

export function presentVisit(row: VisitWithCompany, parts: VisitParts, today: string): Visit {
  return {
    id: row.id,
    company: { id: row.companyId, name: row.companyName, address: row.companyAddress },
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    localDate: row.localDate,
    fiscalYear: fiscalYearOfDateString(row.localDate),
    kind: row.kind as VisitKind,
    status: row.status as VisitStatus,
    purpose: row.purpose,
    purposeCategories: row.purposeCategories,
    listeningNotes: row.listeningNotes,
    ownerAwareness: row.ownerAwareness,
    nextContactOn: row.nextContactOn,
    location: row.location,
    completedAt: row.completedAt?.toISOString() ?? null,
    team: parts.members
      .filter((m) => m.visitId === row.id)
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
      .map((m) => ({
        supporterId: m.supporterId,
        name: m.name,
        kind: m.kind as SupporterKind,
        organization: m.organization,
        role: m.role === 'lead' ? 'lead' : 'member',
      })),
    issues: parts.issues
      .filter((i) => i.visitId === row.id)
      .map((i) => ({
        id: i.id,
        category: i.category,
        description: i.description,
        raisedBy: i.raisedBy === 'owner' ? 'owner' : 'supporter',
        resolvedOn: i.resolvedOn,
      })),
    followUps: parts.followUps
      .filter((f) => f.visitId === row.id)
      .map((f) => presentFollowUp(f, today)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
