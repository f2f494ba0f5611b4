import { z } from 'zod';
import { LIMITS } from '../limits';
import {
  FOLLOW_UP_STATUS,
  ISSUE_RAISER,
  SUPPORTER_KIND,
  TEAM_ROLE,
  VISIT_KIND,
  VISIT_STATUS,
} from '../vocabulary/caravan';
import { BoolQuery, emptyToNull } from './common';

/**
 * 出張キャラバン隊: supporters (支援者), visits (訪問) with their team, issues (課題) and
 * follow-ups (フォローアップ), the per-tenant category taxonomy and the annual visit target.
 * Times are ISO 8601 instants; calendar days ('YYYY-MM-DD') are Asia/Tokyo days.
 */

export const SUPPORTER_KINDS = SUPPORTER_KIND.codes;
export type SupporterKind = (typeof SUPPORTER_KINDS)[number];
export const VISIT_KINDS = VISIT_KIND.codes;
export type VisitKind = (typeof VISIT_KINDS)[number];
/** Visits that count toward the annual target (a phone call is a contact, not a visit). */
export const COUNTED_VISIT_KINDS = ['caravan', 'follow_up', 'online', 'event'] as const;
/**
 * Companies the caravan visits — the support targets the planner proposes and the dashboard's
 * coverage counts: SMEs and startups (not banks, universities or large firms).
 */
export const CARAVAN_TARGET_COMPANY_KINDS = ['sme', 'startup'] as const;
export const VISIT_STATUSES = VISIT_STATUS.codes;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const TEAM_ROLES = TEAM_ROLE.codes;
export const ISSUE_RAISERS = ISSUE_RAISER.codes;
export const FOLLOW_UP_STATUSES = FOLLOW_UP_STATUS.codes;

/** Seeded into a tenant's taxonomy the first time it is read; editable afterwards. */
export const DEFAULT_ISSUE_CATEGORIES = [
  '技術・製造',
  '製品開発',
  '販路開拓',
  '知財',
  '人材',
  '事業承継',
  'BCP',
  '資金調達',
  'DX',
  '福祉',
  '創業',
] as const;
export const DEFAULT_FINANCE_CATEGORIES = ['資金調達'] as const;
export const DEFAULT_VISIT_TARGET = 500;

const text = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max).nullable());
const Ymd = z.iso.date().meta({ description: "Calendar day 'YYYY-MM-DD' (Asia/Tokyo)." });
const Instant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO 8601 instant with offset, e.g. 2026-04-01T10:00:00+09:00.' });
const Category = z.string().trim().min(1).max(100);
const Version = z.number().int().positive().max(LIMITS.rowVersionMax).meta({
  description: 'The version you read; a stale version answers 409 stale_version.',
});

// ── taxonomy and target ──────────────────────────────────────────────────────

export const IssueCategory = z
  .object({
    name: Category,
    finance: z.boolean().default(false).meta({
      description: 'A visit with this issue wants a financial-institution member on the team.',
    }),
    active: z.boolean().default(true),
  })
  .meta({ id: 'IssueCategory' });
export type IssueCategory = z.infer<typeof IssueCategory>;
export const IssueCategoryList = z
  .object({ items: z.array(IssueCategory).max(100) })
  .meta({ id: 'IssueCategoryList' });

export const VisitTarget = z
  .object({
    fiscalYear: z.number().int().min(1989).max(2200),
    target: z.number().int().min(0).max(1_000_000),
    isDefault: z.boolean().meta({ description: 'True when no target was set (500).' }),
  })
  .meta({ id: 'VisitTarget' });
export const VisitTargetUpdate = z
  .object({ target: z.number().int().min(0).max(1_000_000) })
  .strict()
  .meta({ id: 'VisitTargetUpdate' });

// ── supporters ───────────────────────────────────────────────────────────────

export const Supporter = z
  .object({
    id: z.uuid(),
    userId: z.uuid().nullable().meta({ description: 'The linked login, if any.' }),
    userDisplayName: z.string().nullable(),
    name: z.string(),
    nameKana: z.string().nullable(),
    organization: z.string().nullable(),
    kind: z.enum(SUPPORTER_KINDS),
    expertise: z.array(z.string()),
    monthlyCapacity: z.number().int(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Supporter' });
export type Supporter = z.infer<typeof Supporter>;

const supporterFields = {
  userId: z.uuid().nullable(),
  name: z.string().trim().min(1).max(LIMITS.textShort),
  nameKana: text(LIMITS.textShort),
  organization: text(LIMITS.textShort),
  kind: z.enum(SUPPORTER_KINDS),
  expertise: z
    .array(Category)
    .max(50)
    .transform((items) => [...new Set(items)])
    .meta({ description: 'Categories of the tenant taxonomy.' }),
  monthlyCapacity: z.number().int().min(0).max(200),
  email: text(LIMITS.textShort),
  phone: text(50),
  notes: text(LIMITS.textLong),
  active: z.boolean(),
};
export const SupporterCreate = z
  .object({
    ...supporterFields,
    userId: supporterFields.userId.optional(),
    nameKana: supporterFields.nameKana.optional(),
    organization: supporterFields.organization.optional(),
    expertise: supporterFields.expertise.default([]),
    monthlyCapacity: supporterFields.monthlyCapacity.default(8),
    email: supporterFields.email.optional(),
    phone: supporterFields.phone.optional(),
    notes: supporterFields.notes.optional(),
    active: supporterFields.active.default(true),
  })
  .strict()
  .meta({ id: 'SupporterCreate' });
export type SupporterCreate = z.infer<typeof SupporterCreate>;
export const SupporterUpdate = z
  .object(supporterFields)
  .partial()
  .extend({ version: Version })
  .strict()
  .meta({ id: 'SupporterUpdate' });
export type SupporterUpdate = z.infer<typeof SupporterUpdate>;

export const SupporterListQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Part of the name, kana or organisation.' }),
  kind: z.enum(SUPPORTER_KINDS).optional(),
  expertise: z.string().max(100).optional(),
  active: BoolQuery.optional(),
});
export type SupporterListQuery = z.infer<typeof SupporterListQuery>;
export const SupporterList = z.object({ items: z.array(Supporter) }).meta({ id: 'SupporterList' });

// ── follow-ups ───────────────────────────────────────────────────────────────

export const PersonRef = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(SUPPORTER_KINDS) })
  .meta({ id: 'PersonRef' });

export const FollowUp = z
  .object({
    id: z.uuid(),
    visitId: z.uuid(),
    companyId: z.uuid(),
    companyName: z.string(),
    title: z.string(),
    assignee: PersonRef.nullable(),
    dueOn: Ymd.nullable(),
    status: z.enum(FOLLOW_UP_STATUSES),
    overdue: z.boolean().meta({ description: 'Open and due before today (Asia/Tokyo).' }),
    completedOn: Ymd.nullable(),
    completionNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpCreate = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.textLong),
    assigneeId: z.uuid().nullable().optional(),
    dueOn: Ymd.nullable().optional(),
  })
  .strict()
  .meta({ id: 'FollowUpCreate' });
export type FollowUpCreate = z.infer<typeof FollowUpCreate>;
export const FollowUpUpdate = FollowUpCreate.partial()
  .extend({ version: Version })
  .strict()
  .meta({ id: 'FollowUpUpdate' });
export type FollowUpUpdate = z.infer<typeof FollowUpUpdate>;
export const FollowUpComplete = z
  .object({
    version: Version,
    note: text(LIMITS.textLong).optional(),
    completedOn: Ymd.optional().meta({ description: 'Default: today (Asia/Tokyo).' }),
  })
  .strict()
  .meta({ id: 'FollowUpComplete' });
export type FollowUpComplete = z.infer<typeof FollowUpComplete>;

export const FollowUpListQuery = z.object({
  mine: BoolQuery.optional().meta({
    description: 'Only those assigned to the supporter linked to my login.',
  }),
  overdue: BoolQuery.optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  assigneeId: z.uuid().optional(),
  teamMemberId: z.uuid().optional().meta({
    description: 'Follow-ups of visits this supporter was on (by team).',
  }),
  companyId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(200),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;
export const FollowUpList = z.object({ items: z.array(FollowUp) }).meta({ id: 'FollowUpList' });

// ── visits ───────────────────────────────────────────────────────────────────

export const TeamMember = z
  .object({
    supporterId: z.uuid(),
    name: z.string(),
    kind: z.enum(SUPPORTER_KINDS),
    organization: z.string().nullable(),
    role: z.enum(TEAM_ROLES),
  })
  .meta({ id: 'TeamMember' });

export const VisitIssue = z
  .object({
    id: z.uuid(),
    category: z.string(),
    description: z.string().nullable(),
    raisedBy: z.enum(ISSUE_RAISERS),
    resolvedOn: Ymd.nullable(),
  })
  .meta({ id: 'VisitIssue' });

export const Visit = z
  .object({
    id: z.uuid(),
    company: z.object({ id: z.uuid(), name: z.string(), address: z.string().nullable() }),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().nullable(),
    localDate: Ymd.meta({ description: 'The Asia/Tokyo day of startsAt.' }),
    fiscalYear: z.number().int(),
    kind: z.enum(VISIT_KINDS),
    status: z.enum(VISIT_STATUSES),
    purpose: z.string().nullable(),
    purposeCategories: z.array(z.string()),
    listeningNotes: z.string().nullable().meta({ description: '傾聴記録: the owner’s words.' }),
    ownerAwareness: z.string().nullable().meta({ description: '気づき' }),
    nextContactOn: Ymd.nullable(),
    location: z.string().nullable(),
    completedAt: z.iso.datetime().nullable(),
    team: z.array(TeamMember),
    issues: z.array(VisitIssue),
    followUps: z.array(FollowUp),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof Visit>;

const TeamInput = z
  .array(z.object({ supporterId: z.uuid(), role: z.enum(TEAM_ROLES).default('member') }).strict())
  .max(20);
const IssueInput = z
  .array(
    z
      .object({
        id: z.uuid().optional().meta({ description: 'Keep an existing issue (updates).' }),
        category: Category,
        description: text(LIMITS.textLong).optional(),
        raisedBy: z.enum(ISSUE_RAISERS),
        resolvedOn: Ymd.nullable().optional(),
      })
      .strict(),
  )
  .max(50);

const visitFields = {
  startsAt: Instant,
  endsAt: Instant.nullable(),
  kind: z.enum(VISIT_KINDS),
  purpose: text(LIMITS.textLong),
  purposeCategories: z
    .array(Category)
    .max(30)
    .transform((items) => [...new Set(items)]),
  listeningNotes: text(LIMITS.textLong),
  ownerAwareness: text(LIMITS.textLong),
  nextContactOn: Ymd.nullable(),
  location: text(LIMITS.textShort),
  team: TeamInput,
  issues: IssueInput,
};

export const VisitCreate = z
  .object({
    ...visitFields,
    companyId: z.uuid(),
    endsAt: visitFields.endsAt.optional(),
    kind: visitFields.kind.default('caravan'),
    purpose: visitFields.purpose.optional(),
    purposeCategories: visitFields.purposeCategories.default([]),
    listeningNotes: visitFields.listeningNotes.optional(),
    ownerAwareness: visitFields.ownerAwareness.optional(),
    nextContactOn: visitFields.nextContactOn.optional(),
    location: visitFields.location.optional(),
    team: visitFields.team.default([]),
    issues: visitFields.issues.default([]),
    followUps: z.array(FollowUpCreate).max(50).default([]),
    status: z.enum(VISIT_STATUSES).default('draft').meta({
      description: 'draft (planned or being written) or completed (recorded).',
    }),
  })
  .strict()
  .meta({ id: 'VisitCreate' });
export type VisitCreate = z.infer<typeof VisitCreate>;

export const VisitUpdate = z
  .object(visitFields)
  .partial()
  .extend({ version: Version })
  .strict()
  .meta({
    id: 'VisitUpdate',
    description: 'team and issues, when sent, replace the lists (send issue ids to keep them).',
  });
export type VisitUpdate = z.infer<typeof VisitUpdate>;
export const VersionBody = z.object({ version: Version }).strict().meta({ id: 'VersionBody' });

export const VisitListQuery = z.object({
  companyId: z.uuid().optional(),
  supporterId: z.uuid().optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  kind: z.enum(VISIT_KINDS).optional(),
  from: Ymd.optional().meta({ description: 'First day (Asia/Tokyo), inclusive.' }),
  to: Ymd.optional().meta({ description: 'Last day (Asia/Tokyo), inclusive.' }),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;
export const VisitList = z.object({ items: z.array(Visit) }).meta({ id: 'VisitList' });

export const CompanyFlag = z
  .object({
    companyId: z.uuid(),
    note: z.string().nullable(),
    supporter: PersonRef.nullable(),
    flaggedBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CompanyFlag' });
export const CompanyFlagRequest = z
  .object({ note: text(LIMITS.textLong).optional(), supporterId: z.uuid().nullable().optional() })
  .strict()
  .meta({ id: 'CompanyFlagRequest' });
export type CompanyFlagRequest = z.infer<typeof CompanyFlagRequest>;
export type CompanyFlag = z.infer<typeof CompanyFlag>;
