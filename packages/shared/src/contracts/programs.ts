import { z } from 'zod';
import { LIMITS } from '../limits';
import { BUDGET_FIGURE, COUNTING_BASIS, KPI_DIRECTION, KPI_UNIT } from '../vocabulary/programs';
import { FOLLOW_UP_STATUSES, VISIT_KINDS } from './caravan';
import { BoolQuery, emptyToNull, FieldProblem } from './common';
import { COMPANY_KINDS } from './company-dto';
import { LISTING_KINDS, MATCH_ORIGINS, MATCH_STAGES } from './matching-codes';

/**
 * Programs (事業), their KPIs (重要業績評価指標) and the grant report. Money is in 千円 (thousand
 * yen), as the reports print it; fiscal years are Gregorian numbers (2022 = 令和4年度).
 */

export const KPI_UNITS = KPI_UNIT.codes;
export type KpiUnit = (typeof KPI_UNITS)[number];
export const COUNTING_BASES = COUNTING_BASIS.codes;
export type CountingBasis = (typeof COUNTING_BASES)[number];
export const KPI_DIRECTIONS = KPI_DIRECTION.codes;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export const BUDGET_FIGURES = BUDGET_FIGURE.codes;
export type BudgetFigure = (typeof BUDGET_FIGURES)[number];
export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FiscalYearNumber = z.number().int().min(1989).max(2200).meta({
  description: 'Fiscal year as a Gregorian number: 2022 = 令和4年度 (April 2022–March 2023).',
});

const Thousands = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000_000)
  .meta({ description: '千円 (thousand yen), a whole number.' });

/** KPI figures may be decimals (e.g. 2.5万人) or negative (a change); they must be finite. */
const Figure = z.number().min(-1e15).max(1e15);

const text = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max).nullable());
const line = z.string().trim().min(1).max(LIMITS.textLong);
const lines = z.array(line).max(LIMITS.listItems);

/** A numbered item of activities or background: a heading, optional prose and sub-items (①②③). */
export const ProgramItemGroup = z
  .object({
    title: text(LIMITS.textLong).default(null),
    body: text(LIMITS.textLong).default(null),
    items: lines.default([]),
  })
  .strict()
  .meta({ id: 'ProgramItemGroup' });
export type ProgramItemGroup = z.infer<typeof ProgramItemGroup>;

export const ProgramYear = z
  .object({
    fy: FiscalYearNumber,
    figure: z.enum(BUDGET_FIGURES).default('actual').meta({
      description: 'actual: 事業費 (what was spent); budget: 予算 (the plan for the year).',
    }),
    costLabel: text(20).default(null).meta({
      description:
        'The word printed before the cost when it differs from the default (事業費 / 予算), e.g. 予算額.',
    }),
    costThousandYen: Thousands.nullable().default(null),
    grantThousandYen: Thousands.nullable()
      .default(null)
      .meta({ description: '交付金 in 千円; at most the cost. Not forced to any ratio.' }),
    intro: text(LIMITS.textLong).default(null),
    activities: z.array(ProgramItemGroup).max(LIMITS.listItems).default([]),
  })
  .strict()
  .meta({ id: 'ProgramYear' });
export type ProgramYear = z.infer<typeof ProgramYear>;

export const ProgramCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
  .meta({ description: 'Short code for the CLI and URLs (lower case, digits, hyphen).' });

const programFields = {
  code: z.preprocess(emptyToNull, ProgramCode.nullable()),
  name: z.string().trim().min(1).max(LIMITS.textShort),
  scheme: text(LIMITS.textShort).meta({ description: 'Grant scheme, e.g. 地方創生推進交付金.' }),
  fromFy: FiscalYearNumber,
  toFy: FiscalYearNumber,
  description: lines.meta({ description: 'Description bullets shown under the title.' }),
  background: z.array(ProgramItemGroup).max(LIMITS.listItems),
  years: z.array(ProgramYear).max(50),
  summary: lines.meta({ description: '総括と今後の取組 (bullets).' }),
  sortOrder: z.number().int().min(0).max(1_000_000),
};

export interface ProgramShape {
  fromFy: number;
  toFy: number;
  years: { fy: number; costThousandYen: number | null; grantThousandYen: number | null }[];
}

export interface ContractIssue {
  path: (string | number)[];
  code:
    | 'fiscal_year_order'
    | 'fiscal_year_outside_period'
    | 'fiscal_year_duplicate'
    | 'grant_above_cost';
}

/** Rules across fields of a program; used by the contract and again by the service after a PATCH. */
export function programIssues(p: ProgramShape): ContractIssue[] {
  const issues: ContractIssue[] = [];
  if (p.toFy < p.fromFy) issues.push({ path: ['toFy'], code: 'fiscal_year_order' });
  const seen = new Set<number>();
  p.years.forEach((y, i) => {
    if (y.fy < p.fromFy || y.fy > p.toFy)
      issues.push({ path: ['years', i, 'fy'], code: 'fiscal_year_outside_period' });
    if (seen.has(y.fy)) issues.push({ path: ['years', i, 'fy'], code: 'fiscal_year_duplicate' });
    seen.add(y.fy);
    if (
      y.grantThousandYen !== null &&
      y.costThousandYen !== null &&
      y.grantThousandYen > y.costThousandYen
    )
      issues.push({ path: ['years', i, 'grantThousandYen'], code: 'grant_above_cost' });
  });
  return issues;
}

const addIssues = (issues: ContractIssue[], ctx: z.core.$RefinementCtx) => {
  for (const issue of issues)
    ctx.addIssue({ code: 'custom', path: issue.path, params: { code: issue.code } });
};

export const ProgramCreate = z
  .object({
    ...programFields,
    code: programFields.code.optional().default(null),
    scheme: programFields.scheme.optional().default(null),
    description: programFields.description.default([]),
    background: programFields.background.default([]),
    years: programFields.years.default([]),
    summary: programFields.summary.default([]),
    sortOrder: programFields.sortOrder.default(0),
  })
  .strict()
  .superRefine((p, ctx) => addIssues(programIssues(p), ctx))
  .meta({ id: 'ProgramCreate' });
export type ProgramCreate = z.infer<typeof ProgramCreate>;

export const ProgramUpdate = z
  .object(programFields)
  .partial()
  .extend({
    version: z.number().int().positive().max(LIMITS.rowVersionMax).meta({
      description: 'The version you read; a stale version answers 409 stale_version.',
    }),
  })
  .strict()
  .meta({ id: 'ProgramUpdate' });
export type ProgramUpdate = z.infer<typeof ProgramUpdate>;

// ---------------------------------------------------------------------------------------------
// Metric definitions: how an actual is computed from Banso's records.

/**
 * Companies registered (created in Banso) within the KPI's period, optionally filtered.
 * Archived companies are not counted.
 */
export const CompanyMetric = z
  .object({
    version: z.literal(1),
    entity: z.literal('companies'),
    aggregate: z.enum(['count', 'sum']),
    field: z
      .enum(['employees', 'capitalYen'])
      .nullable()
      .default(null)
      .meta({ description: 'What to add up for `sum`.' }),
    event: z
      .literal('registered')
      .default('registered')
      .meta({ description: 'The dated event that places a record in a period.' }),
    filters: z
      .object({
        kinds: z.array(z.enum(COMPANY_KINDS)).max(20).optional(),
        tagsAll: z.array(z.string().trim().min(1).max(LIMITS.textShort)).max(20).optional(),
        jsicPrefix: z.string().trim().min(1).max(4).optional(),
        municipalityPrefix: z.string().trim().min(1).max(6).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.aggregate === 'sum' && m.field === null)
      ctx.addIssue({ code: 'custom', path: ['field'], params: { code: 'metric_field_required' } });
  })
  .meta({ id: 'CompanyMetric' });

const categoryList = z.array(z.string().trim().min(1).max(100)).min(1).max(30);

/**
 * 訪問: completed visits dated (by their Asia/Tokyo day) within the KPI's period. Drafts (planned
 * or still being written) never count. Visits to companies archived later still count: the visit
 * happened in that year, and the caravan dashboard's 訪問件数 counts them too. Without `kinds`
 * every kind counts, phone calls included (the annual target leaves phone out: use `kinds`).
 */
export const VisitMetric = z
  .object({
    version: z.literal(1),
    entity: z.literal('visits'),
    aggregate: z.literal('count'),
    count: z.enum(['visits', 'companies']).default('visits').meta({
      description: 'visits: 訪問件数; companies: 訪問企業数 (each company once per period).',
    }),
    event: z.literal('visited').default('visited').meta({
      description: "The visit's Asia/Tokyo day (localDate of startsAt) places it in a period.",
    }),
    filters: z
      .object({
        kinds: z.array(z.enum(VISIT_KINDS)).min(1).max(10).optional(),
        categories: categoryList.optional().meta({
          description: 'Visits whose purpose categories or issues (課題) include any of these.',
        }),
        companyKinds: z.array(z.enum(COMPANY_KINDS)).min(1).max(20).optional(),
        municipalityPrefix: z.string().trim().min(1).max(6).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .meta({
    id: 'VisitMetric',
    description:
      'Completed visits by their Asia/Tokyo day; drafts never count; visits to companies archived later still count. Without `kinds` every kind counts, phone calls included.',
  });

/**
 * フォローアップ: follow-ups agreed on completed visits (those of drafts never count), placed in
 * a period by when they were created (Asia/Tokyo) or by their completion day (completedOn, done
 * ones only). The due date is a plan, not an event. Like visits, archived companies still count.
 */
export const FollowUpMetric = z
  .object({
    version: z.literal(1),
    entity: z.literal('follow_ups'),
    aggregate: z.literal('count'),
    event: z.enum(['created', 'completed']).meta({
      description: 'created: registered in Banso; completed: the completion day (完了日).',
    }),
    filters: z
      .object({
        status: z.enum(FOLLOW_UP_STATUSES).optional().meta({
          description: 'Current status (with event `created`); completed ones are always done.',
        }),
        visitKinds: z.array(z.enum(VISIT_KINDS)).min(1).max(10).optional(),
        companyKinds: z.array(z.enum(COMPANY_KINDS)).min(1).max(20).optional(),
        municipalityPrefix: z.string().trim().min(1).max(6).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.event === 'completed' && m.filters.status === 'open')
      ctx.addIssue({
        code: 'custom',
        path: ['filters', 'status'],
        params: { code: 'invalid_value' },
      });
  })
  .meta({
    id: 'FollowUpMetric',
    description:
      'Follow-ups of completed visits, by creation (Asia/Tokyo) or completion day; archived companies still count.',
  });

/**
 * マッチング案件: matches that reached a stage of the licence pipeline within the period, by the
 * day recorded for that stage (契約 = 成約件数, 製品化 = 製品化件数). A match dropped later still
 * counts for the stages it reached; skipped stages have no day and are not counted.
 */
export const MatchMetric = z
  .object({
    version: z.literal(1),
    entity: z.literal('matches'),
    aggregate: z.literal('count'),
    event: z.enum(MATCH_STAGES).meta({
      description: 'The stage reached; its day (stageDates) places the match in a period.',
    }),
    filters: z
      .object({
        programId: z.uuid().optional().meta({ description: 'Matches linked to this program.' }),
        origins: z.array(z.enum(MATCH_ORIGINS)).min(1).max(10).optional(),
        listingKinds: z.array(z.enum(LISTING_KINDS)).min(1).max(10).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .meta({
    id: 'MatchMetric',
    description:
      'Matches that reached a stage (by its recorded day): 成約 = contracted, 製品化 = commercialized.',
  });

/**
 * A versioned definition, discriminated by `entity`. Later entities (cases, events,
 * participants) add members with their own filters and dated events.
 */
export const MetricDefinition = z
  .discriminatedUnion('entity', [CompanyMetric, VisitMetric, FollowUpMetric, MatchMetric])
  .meta({
    id: 'MetricDefinition',
    description: [
      "How a KPI's actual is computed from Banso's records, for each year of the KPI's counting basis (fiscal April–March or calendar January–December, Asia/Tokyo).",
      'Entities, dated events and filters that exist (version 1):',
      '- companies: count or sum (employees, capitalYen) of companies registered in the period (event `registered`; archived companies never count); filters `kinds`, `tagsAll`, `jsicPrefix`, `municipalityPrefix`.',
      '- visits: count of completed visits (`count: visits`) or of distinct companies visited (`count: companies`) by the visit day (event `visited`); filters `kinds`, `categories` (purpose or issue, any of), `companyKinds`, `municipalityPrefix`.',
      '- follow_ups: count of follow-ups of completed visits by creation or completion day (event `created` or `completed`); filters `status`, `visitKinds`, `companyKinds`, `municipalityPrefix`.',
      '- matches: count of matches (マッチング案件) that reached a stage by the day recorded for it (event: the stage — `contracted` = 成約, `commercialized` = 製品化); filters `programId` (matches linked to the program), `origins`, `listingKinds`.',
      'Filters within a definition all apply (and); a list matches any of its values.',
      'Visits and follow-ups carry no program link today, so only matches can be filtered by program.',
    ].join('\n'),
  });
export type MetricDefinition = z.infer<typeof MetricDefinition>;

export const KpiYearInput = z
  .object({
    fy: FiscalYearNumber,
    plan: Figure.nullable().default(null).meta({ description: '計画' }),
    actual: Figure.nullable().default(null).meta({
      description:
        '実績 entered by hand. When the KPI has a metric, an entered actual overrides the computed one (flagged).',
    }),
  })
  .strict()
  .meta({ id: 'KpiYearInput' });
export type KpiYearInput = z.infer<typeof KpiYearInput>;

const kpiFields = {
  name: z.string().trim().min(1).max(LIMITS.textShort),
  unit: z.enum(KPI_UNITS),
  unitLabel: text(20).meta({ description: 'The unit printed when `unit` is free (may be empty).' }),
  basis: z.enum(COUNTING_BASES),
  direction: z.enum(KPI_DIRECTIONS),
  baseline: Figure.nullable().meta({ description: '事業開始前の現状値' }),
  notes: text(LIMITS.textLong),
  metric: MetricDefinition.nullable(),
  years: z.array(KpiYearInput).max(50),
  sortOrder: z.number().int().min(0).max(1_000_000),
};

const kpiYearIssues = (years: { fy: number }[], ctx: z.core.$RefinementCtx) => {
  const seen = new Set<number>();
  years.forEach((y, i) => {
    if (seen.has(y.fy))
      ctx.addIssue({
        code: 'custom',
        path: ['years', i, 'fy'],
        params: { code: 'fiscal_year_duplicate' },
      });
    seen.add(y.fy);
  });
};

export const KpiCreate = z
  .object({
    ...kpiFields,
    unitLabel: kpiFields.unitLabel.optional().default(null),
    basis: kpiFields.basis.default('fiscal'),
    direction: kpiFields.direction.default('increase'),
    baseline: kpiFields.baseline.optional().default(null),
    notes: kpiFields.notes.optional().default(null),
    metric: kpiFields.metric.optional().default(null),
    years: kpiFields.years.default([]),
    sortOrder: kpiFields.sortOrder.default(0),
  })
  .strict()
  .superRefine((k, ctx) => kpiYearIssues(k.years, ctx))
  .meta({ id: 'KpiCreate' });
export type KpiCreate = z.infer<typeof KpiCreate>;

export const KpiUpdate = z
  .object(kpiFields)
  .partial()
  .extend({ version: z.number().int().positive().max(LIMITS.rowVersionMax) })
  .strict()
  .superRefine((k, ctx) => kpiYearIssues(k.years ?? [], ctx))
  .meta({ id: 'KpiUpdate' });
export type KpiUpdate = z.infer<typeof KpiUpdate>;

export const VersionQuery = z.object({
  version: z.coerce.number().int().positive().max(LIMITS.rowVersionMax),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const Program = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    name: z.string(),
    scheme: z.string().nullable(),
    fromFy: z.number().int(),
    toFy: z.number().int(),
    description: z.array(z.string()),
    background: z.array(ProgramItemGroup),
    years: z.array(ProgramYear),
    summary: z.array(z.string()),
    sortOrder: z.number().int(),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Program' });
export type Program = z.infer<typeof Program>;

export const KpiYearResult = z
  .object({
    fy: z.number().int(),
    plan: z.number().nullable(),
    actual: z
      .number()
      .nullable()
      .meta({ description: 'The effective 実績: manual if entered, else computed.' }),
    manualActual: z.number().nullable(),
    computedActual: z.number().nullable(),
    actualSource: z.enum(['manual', 'computed']).nullable(),
    overridden: z
      .boolean()
      .meta({ description: 'True when a manual actual replaces a computed one.' }),
    achievementRate: z
      .number()
      .nullable()
      .meta({ description: 'actual ÷ plan in % (plan ÷ actual for decrease KPIs), 1 decimal.' }),
    achieved: z.boolean().nullable().meta({ description: 'Null without both plan and actual.' }),
  })
  .meta({ id: 'KpiYearResult' });
export type KpiYearResult = z.infer<typeof KpiYearResult>;

export const Kpi = z
  .object({
    id: z.uuid(),
    programId: z.uuid(),
    name: z.string(),
    unit: z.enum(KPI_UNITS),
    unitLabel: z.string().nullable(),
    basis: z.enum(COUNTING_BASES),
    direction: z.enum(KPI_DIRECTIONS),
    baseline: z.number().nullable(),
    notes: z.string().nullable(),
    metric: MetricDefinition.nullable(),
    metricProblem: FieldProblem.optional().meta({
      description:
        'Present when a metric definition is stored but cannot be read (code `metric_unreadable`): ' +
        '`metric` is then null and no actual is computed; set the metric again.',
    }),
    sortOrder: z.number().int(),
    years: z.array(KpiYearResult),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Kpi' });
export type Kpi = z.infer<typeof Kpi>;

export const ProgramAchievement = z
  .object({
    programId: z.uuid(),
    name: z.string(),
    fy: z.number().int(),
    evaluated: z.number().int().meta({ description: 'KPIs with both plan and actual that year.' }),
    achieved: z.number().int(),
    share: z.number().nullable().meta({ description: 'achieved ÷ evaluated in %, 1 decimal.' }),
  })
  .meta({ id: 'ProgramAchievement' });
export type ProgramAchievement = z.infer<typeof ProgramAchievement>;

export const ProgramDetail = Program.extend({
  kpis: z.array(Kpi),
  achievement: z
    .array(ProgramAchievement)
    .meta({ description: 'One entry per year of the period.' }),
}).meta({ id: 'ProgramDetail' });
export type ProgramDetail = z.infer<typeof ProgramDetail>;

export const ProgramListQuery = z.object({
  fy: z.coerce
    .number()
    .int()
    .min(1989)
    .max(2200)
    .optional()
    .meta({ description: 'Only programs whose period includes this fiscal year.' }),
  includeArchived: BoolQuery.optional(),
});
export type ProgramListQuery = z.infer<typeof ProgramListQuery>;

export const ProgramList = z.object({ items: z.array(Program) }).meta({ id: 'ProgramList' });

export const AchievementQuery = z.object({
  fy: z.coerce.number().int().min(1989).max(2200),
});

export const AchievementSummary = z
  .object({
    fy: z.number().int(),
    programs: z.array(ProgramAchievement),
    evaluated: z.number().int(),
    achieved: z.number().int(),
    share: z
      .number()
      .nullable()
      .meta({ description: 'Share of KPIs achieved across programs, %.' }),
  })
  .meta({ id: 'AchievementSummary' });
export type AchievementSummary = z.infer<typeof AchievementSummary>;

export const KpiRecordsQuery = z.object({
  fy: z.coerce.number().int().min(1989).max(2200),
});

export const KpiRecord = z
  .object({
    entity: z.enum(['company', 'visit', 'follow_up', 'match']).meta({
      description: 'company: a company (for 訪問企業数, at its first counted visit).',
    }),
    id: z.uuid(),
    label: z.string(),
    at: z.string().meta({ description: 'When the counted event happened (ISO 8601).' }),
    value: z.number().nullable().meta({ description: 'What the record adds for a sum.' }),
  })
  .meta({ id: 'KpiRecord' });
export type KpiRecord = z.infer<typeof KpiRecord>;

export const KpiRecords = z
  .object({
    kpiId: z.uuid(),
    fy: z.number().int(),
    basis: z.enum(COUNTING_BASES),
    period: z.object({
      from: z.string().meta({ description: 'First day, YYYY-MM-DD (Asia/Tokyo).' }),
      to: z.string().meta({ description: 'Last day, YYYY-MM-DD (Asia/Tokyo).' }),
    }),
    metric: MetricDefinition,
    value: z.number(),
    total: z.number().int(),
    items: z.array(KpiRecord).meta({ description: 'At most 1,000 records, oldest first.' }),
  })
  .meta({ id: 'KpiRecords' });
export type KpiRecords = z.infer<typeof KpiRecords>;

// ---------------------------------------------------------------------------------------------
// Preview of a metric definition before it is saved

export const KpiPreviewRequest = z
  .object({
    basis: z.enum(COUNTING_BASES).default('fiscal'),
    metric: MetricDefinition,
  })
  .strict()
  .meta({ id: 'KpiPreviewRequest' });
export type KpiPreviewRequest = z.infer<typeof KpiPreviewRequest>;

export const KpiPreview = z
  .object({
    programId: z.uuid(),
    basis: z.enum(COUNTING_BASES),
    metric: MetricDefinition,
    years: z
      .array(
        z.object({
          fy: z.number().int(),
          from: z.string().meta({ description: 'First day, YYYY-MM-DD (Asia/Tokyo).' }),
          to: z.string().meta({ description: 'Last day, YYYY-MM-DD (Asia/Tokyo).' }),
          value: z.number(),
        }),
      )
      .meta({ description: "One entry per year of the program's period." }),
  })
  .meta({ id: 'KpiPreview' });
export type KpiPreview = z.infer<typeof KpiPreview>;

export const ReportQuery = z.object({
  fy: z
    .string()
    .min(1)
    .max(30)
    .meta({ description: 'Fiscal year: 2022, R4 or 令和4年度.', example: '2022' }),
  programs: z.string().max(4000).optional().meta({
    description:
      'Comma-separated program ids or codes; default every program whose period includes the year.',
  }),
  format: z.enum(REPORT_FORMATS).default('pdf'),
});

export const ReportModelQuery = ReportQuery.omit({ format: true });

// ---------------------------------------------------------------------------------------------
// The report as data: what the PDF, xlsx and the web preview render (printed texts included, so
// they cannot drift apart).

export const KpiReportCell = z
  .object({
    plan: z.number().nullable(),
    actual: z.number().nullable(),
    overridden: z.boolean().meta({ description: 'The actual was entered over a computed value.' }),
    computed: z.boolean(),
    achieved: z.boolean().nullable(),
    planText: z.string().meta({ description: "As printed: '340歳', '—'." }),
    actualText: z.string().meta({
      description: "As printed, with * (computed) or † (entered over computed): '568歳'.",
    }),
  })
  .meta({ id: 'KpiReportCell' });
export type KpiReportCell = z.infer<typeof KpiReportCell>;

export const KpiReportRow = z
  .object({
    name: z.string(),
    /** The printed unit ('' for a free unit without a label). */
    unit: z.string(),
    /** 「年齢引き下げ総計（歳）」: the name with its unit, as the table prints it. */
    label: z.string(),
    basis: z.enum(COUNTING_BASES),
    baseline: z.number().nullable(),
    baselineText: z.string(),
    cells: z.array(KpiReportCell).meta({ description: 'One per year column of the table.' }),
    notes: z.string().nullable(),
  })
  .meta({ id: 'KpiReportRow' });
export type KpiReportRow = z.infer<typeof KpiReportRow>;

export const KpiReportBudgetYear = z
  .object({
    fy: z.number().int(),
    label: z.string(),
    figure: z.enum(BUDGET_FIGURES),
    costLabel: z.string(),
    costThousandYen: z.number().nullable(),
    grantThousandYen: z.number().nullable(),
    heading: z
      .string()
      .meta({ description: '「令和4年度の主な取組：事業費21,618千円（交付金10,809千円）」' }),
    intro: z.string().nullable(),
    activities: z.array(ProgramItemGroup),
  })
  .meta({ id: 'KpiReportBudgetYear' });
export type KpiReportBudgetYear = z.infer<typeof KpiReportBudgetYear>;

export const KpiReportProgram = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    name: z.string(),
    scheme: z.string().nullable(),
    title: z.string(),
    description: z.array(z.string()),
    period: z.string().meta({ description: '（事業期間：令和3年度～令和5年度）' }),
    fromFy: z.number().int(),
    toFy: z.number().int(),
    background: z.array(ProgramItemGroup),
    budgetYears: z.array(KpiReportBudgetYear),
    kpiTitle: z.string(),
    kpiYears: z.array(z.number().int()).meta({ description: 'Year columns, oldest first.' }),
    kpiYearLabels: z.array(z.string()),
    hasBaseline: z.boolean(),
    kpis: z.array(KpiReportRow),
    tableNotes: z
      .array(z.string())
      .meta({ description: 'Under the table: calendar-year basis, KPI notes, marks.' }),
    achievement: z.object({ evaluated: z.number().int(), achieved: z.number().int() }),
    achievementNote: z.string().nullable(),
    summary: z.array(z.string()),
  })
  .meta({ id: 'KpiReportProgram' });
export type KpiReportProgram = z.infer<typeof KpiReportProgram>;

export const KpiReport = z
  .object({
    fy: z.number().int(),
    fyLabel: z.string(),
    title: z.string(),
    programs: z.array(KpiReportProgram),
    generatedAt: z.string(),
  })
  .meta({ id: 'KpiReport' });
export type KpiReport = z.infer<typeof KpiReport>;
