import { z } from 'zod';
import { CompanyFlag, FollowUp, SUPPORTER_KINDS, Visit } from './caravan';

/** Planner (訪問計画), team proposals (チーム編成), timeline, dashboard and calendar feeds. */

export const PLANNER_REASON_CODES = [
  'flagged',
  'overdue_follow_ups',
  'never_visited',
  'stale_contact',
  'succession_risk',
  'newly_registered',
] as const;
export const PLANNER_PERIODS = ['month', 'quarter'] as const;

export const Progress = z
  .object({
    fiscalYear: z.number().int(),
    target: z.number().int(),
    done: z.number().int().meta({ description: 'Completed visits (kinds counted) in the FY.' }),
    elapsed: z.number().meta({ description: 'Share of the fiscal year elapsed, 0–1.' }),
    expectedByNow: z.number().int(),
    remaining: z.number().int(),
    neededPerMonth: z.number().int(),
    onPace: z.boolean(),
  })
  .meta({ id: 'VisitProgress' });

export const PlannerReason = z
  .object({
    code: z.enum(PLANNER_REASON_CODES),
    points: z.number().int(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  })
  .meta({ id: 'PlannerReason' });

export const PlannedCompany = z
  .object({
    id: z.uuid(),
    name: z.string(),
    municipalityCode: z.string().nullable(),
    municipalityName: z.string().nullable(),
    postalCode: z.string().nullable(),
    address: z.string().nullable(),
    score: z.number().int(),
    reasons: z.array(PlannerReason),
    lastContactOn: z.string().nullable(),
  })
  .meta({ id: 'PlannedCompany' });

export const PlannerQuery = z.object({
  period: z.enum(PLANNER_PERIODS).default('month'),
  from: z.iso
    .date()
    .optional()
    .meta({ description: 'First day of the period; default: the first day of this month.' }),
  staleAfterMonths: z.coerce.number().int().min(1).max(120).default(12),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type PlannerQuery = z.infer<typeof PlannerQuery>;

export const PlannerResult = z
  .object({
    period: z.object({ kind: z.enum(PLANNER_PERIODS), start: z.string(), end: z.string() }),
    asOf: z.string(),
    progress: Progress,
    plannedInPeriod: z
      .number()
      .int()
      .meta({ description: 'Draft visits already planned in the period.' }),
    suggestedCount: z.number().int().meta({
      description: 'Visits still to plan in the period to keep the pace (≥ 0).',
    }),
    candidates: z.number().int().meta({ description: 'Companies with at least one reason.' }),
    items: z.array(PlannedCompany),
    groups: z.array(
      z.object({
        municipalityCode: z.string().nullable(),
        municipalityName: z.string().nullable(),
        companyIds: z.array(z.uuid()),
      }),
    ),
  })
  .meta({ id: 'PlannerResult' });

export const TeamProposalRequest = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .meta({ description: "Month of the visit 'YYYY-MM' (capacity); default: this month." }),
    purposeCategories: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    minSize: z.number().int().min(1).max(10).default(4),
    maxSize: z.number().int().min(1).max(10).default(5),
  })
  .strict()
  .meta({ id: 'TeamProposalRequest' });
export type TeamProposalRequest = z.infer<typeof TeamProposalRequest>;

export const TeamProposal = z
  .object({
    month: z.string(),
    openIssueCategories: z.array(z.string()),
    categories: z.array(z.string()).meta({ description: 'Open issues ∪ the purpose.' }),
    members: z.array(
      z.object({
        supporterId: z.uuid(),
        name: z.string(),
        kind: z.enum(SUPPORTER_KINDS),
        organization: z.string().nullable(),
        role: z.enum(['lead', 'member']),
        covers: z.array(z.string()),
        reasons: z.array(z.enum(['covers', 'financial', 'continuity', 'fill'])),
        loadAfter: z.number().int(),
        monthlyCapacity: z.number().int(),
        visitsToCompany: z.number().int(),
      }),
    ),
    uncovered: z.array(z.string()),
    financialMemberMissing: z.boolean(),
  })
  .meta({ id: 'TeamProposal' });

export const TimelineEntry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('visit'), at: z.string(), visit: Visit }),
    z.object({ type: z.literal('follow_up'), at: z.string(), followUp: FollowUp }),
  ])
  .meta({ id: 'TimelineEntry' });
export const CompanyTimeline = z
  .object({
    companyId: z.uuid(),
    flag: CompanyFlag.nullable(),
    firstVisitOn: z.string().nullable(),
    items: z.array(TimelineEntry),
  })
  .meta({
    id: 'CompanyTimeline',
    description:
      'Visits (at = startsAt) and follow-ups (at = completion day, else due day, else creation), newest first.',
  });

export const DashboardQuery = z.object({
  fiscalYear: z.coerce.number().int().min(1989).max(2200).optional(),
});
export const CaravanDashboard = z
  .object({
    fiscalYear: z.number().int(),
    asOf: z.string(),
    progress: Progress,
    visitsByMonth: z.array(z.object({ month: z.string(), visits: z.number().int() })),
    distinctCompanies: z.number().int().meta({
      description:
        'Support-target companies (as registeredCompanies) with a completed visit of a counted kind (not a phone call) in the fiscal year.',
    }),
    registeredCompanies: z.number().int().meta({
      description:
        'Support targets: active, not archived companies of the kinds the caravan visits (SMEs and startups), as in the planner.',
    }),
    coverage: z.number().meta({ description: 'distinctCompanies ÷ registeredCompanies, 0–1.' }),
    averageRelationshipYears: z.number().nullable().meta({
      description:
        'Over support-target companies ever visited (counted kinds): years from their first visit to today.',
    }),
    followUpsOpen: z.number().int(),
    followUpsOverdue: z.number().int(),
    visitsByCategory: z.array(
      z.object({
        category: z.string(),
        visits: z.number().int(),
        raisedByOwner: z.number().int(),
        raisedBySupporter: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'CaravanDashboard' });

export const CalendarFeed = z
  .object({
    id: z.uuid(),
    supporterId: z.uuid(),
    tokenPrefix: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CalendarFeed' });
export const CalendarFeedCreated = CalendarFeed.extend({
  token: z.string().meta({ description: 'Shown once.' }),
  path: z.string().meta({ description: '/api/v1/calendar/<token>.ics — subscribe to this URL.' }),
}).meta({ id: 'CalendarFeedCreated' });
export const CalendarFeedList = z
  .object({ items: z.array(CalendarFeed) })
  .meta({ id: 'CalendarFeedList' });
export type PlannerResult = z.infer<typeof PlannerResult>;
export type TeamProposal = z.infer<typeof TeamProposal>;
export type CaravanDashboard = z.infer<typeof CaravanDashboard>;
export type CompanyTimeline = z.infer<typeof CompanyTimeline>;
