import { z } from 'zod';
import { FIELD_ERROR_CODES } from '../errors';
import { isValidIpc, normalizeIpc } from '../ja/ipc';
import { LIMITS } from '../limits';
import {
  DECISION_VERDICT,
  LICENSE_TYPE,
  LICENSING_OFFER,
  LISTING_STATUS,
  MATCH_PIPELINE,
  MATCH_STATUS,
  ROYALTY_TYPE,
} from '../vocabulary/matching';
import { emptyToNull } from './common';
import type { CompanyKind } from './company-dto';
import {
  LISTING_KINDS,
  type ListingKind,
  MATCH_ORIGINS,
  MATCH_STAGES,
  type MatchStage,
} from './matching-codes';

export * from './matching-codes';
export * from './matching-settings';

/**
 * マッチング: listings (開放特許 and every other seed or need, one patent-like shape with a
 * `kind`), the engine's explained candidates, coordinators' decisions on them, and matches
 * (マッチング案件) moving through the licence pipeline. Days are 'YYYY-MM-DD' (Asia/Tokyo).
 */

export const LISTING_SIDE: Record<ListingKind, 'seed' | 'need'> = {
  open_patent: 'seed',
  sme_seed: 'seed',
  large_need: 'need',
  life_science_seed: 'seed',
  life_science_need: 'need',
  welfare_need: 'need',
  talent: 'seed',
  startup_role: 'need',
};
/**
 * The companies a listing's candidates are drawn from: an open patent or a large company's need
 * goes to SMEs and startups; an SME's seed to large companies (双方向マッチング); side-job talent
 * to startups; life-science and welfare seeds and needs to firms of any size.
 */
export const LISTING_CANDIDATE_KINDS: Record<ListingKind, readonly CompanyKind[]> = {
  open_patent: ['sme', 'startup'],
  sme_seed: ['large'],
  large_need: ['sme', 'startup'],
  life_science_seed: ['sme', 'startup', 'large'],
  life_science_need: ['sme', 'startup', 'large', 'university', 'research'],
  welfare_need: ['sme', 'startup', 'large'],
  talent: ['startup'],
  startup_role: ['sme', 'startup', 'large'],
};

export const LISTING_STATUSES = LISTING_STATUS.codes;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LICENSING_OFFERS = LICENSING_OFFER.codes;

/** Stages that need the licence (契約・成約) first: no 製品化 before 契約. */
export const AFTER_CONTRACT_STAGES: readonly MatchStage[] = MATCH_PIPELINE.afterGate;
export const MATCH_STATUSES = MATCH_STATUS.codes;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const LICENSE_TYPES = LICENSE_TYPE.codes;
export const ROYALTY_TYPES = ROYALTY_TYPE.codes;
export const DECISION_VERDICTS = DECISION_VERDICT.codes;

/**
 * Kawasaki City's own results (知財マッチング, by March 2025): a fixed reference every
 * organisation's dashboard compares with, never any organisation's own figures.
 */
export const KAWASAKI_REFERENCE = {
  source: 'kawasaki',
  contracted: 39,
  commercialized: 27,
  asOf: '2025-03-31',
} as const;

const text = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max).nullable());
const list = z
  .array(z.string().trim().min(1).max(LIMITS.textShort))
  .max(LIMITS.listItems)
  .transform((items) => [...new Set(items)]);
const nullable = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToNull, schema.nullable());
const Ymd = z.iso.date().meta({ description: "Calendar day 'YYYY-MM-DD' (Asia/Tokyo)." });
const Version = z.number().int().positive().max(LIMITS.rowVersionMax).meta({
  description: 'The version you read; a stale version answers 409 stale_version.',
});

/** An IPC code, normalised (`b29c70/06` → `B29C 70/06`); its subclass must exist. */
export const IpcCode = z
  .string()
  .trim()
  .refine((v) => isValidIpc(v), { params: { code: 'ipc_unknown' } })
  .transform((v) => normalizeIpc(v) as string)
  .meta({
    description: 'IPC code (国際特許分類): B29C 70/06, B29C, B29 or B.',
    example: 'G06T 7/00',
  });

// ── listings ─────────────────────────────────────────────────────────────────

export const Listing = z
  .object({
    id: z.uuid(),
    kind: z.enum(LISTING_KINDS),
    side: z.enum(['seed', 'need']),
    title: z.string().meta({ description: '発明の名称 / title.' }),
    patentNumber: z.string().nullable().meta({ description: '特許番号 (特許第1234567号).' }),
    applicationNumber: z.string().nullable().meta({ description: '出願番号 (特願2015-123456).' }),
    publicationNumber: z.string().nullable().meta({ description: '公開番号 (特開2017-12345).' }),
    filedOn: z.string().nullable(),
    registeredOn: z.string().nullable(),
    abstract: z.string().nullable().meta({ description: '概要 / technical overview.' }),
    claims: z.string().nullable(),
    technicalFields: z.array(z.string()),
    functions: z.array(z.string()),
    applicableProducts: z.array(z.string()).meta({ description: '適用製品.' }),
    purpose: z.string().nullable(),
    effect: z.string().nullable(),
    ipc: z.array(z.string()),
    holderCompanyId: z.uuid().nullable(),
    holderName: z
      .string()
      .nullable()
      .meta({ description: "The holder company's name, or the name given when not registered." }),
    assignmentOffered: z.boolean().meta({ description: '譲渡可.' }),
    licensing: z.enum(LICENSING_OFFERS),
    licensingRecord: z.string().nullable().meta({ description: '実施許諾の実績.' }),
    status: z.enum(LISTING_STATUSES),
    verifiedOn: z.string().nullable().meta({ description: 'When the status was last confirmed.' }),
    licenseConditions: z.string().nullable(),
    contact: z.string().nullable(),
    source: z
      .string()
      .nullable()
      .meta({ description: 'Where it comes from (INPIT, the holder …).' }),
    externalId: z
      .string()
      .nullable()
      .meta({ description: 'Its id in the source; a re-import updates the listing with it.' }),
    municipalityCode: z.string().nullable(),
    archived: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Listing' });
export type Listing = z.infer<typeof Listing>;

const listingFields = {
  kind: z.enum(LISTING_KINDS),
  title: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.textShort * 2),
  patentNumber: text(50),
  applicationNumber: text(50),
  publicationNumber: text(50),
  filedOn: nullable(Ymd),
  registeredOn: nullable(Ymd),
  abstract: text(LIMITS.textLong),
  claims: text(LIMITS.textLong),
  technicalFields: list,
  functions: list,
  applicableProducts: list,
  purpose: text(LIMITS.textLong),
  effect: text(LIMITS.textLong),
  ipc: z
    .array(IpcCode)
    .max(50)
    .transform((items) => [...new Set(items)]),
  holderCompanyId: z.uuid().nullable(),
  holderName: text(LIMITS.textShort),
  assignmentOffered: z.boolean(),
  licensing: z.enum(LICENSING_OFFERS),
  licensingRecord: text(LIMITS.textLong),
  status: z.enum(LISTING_STATUSES),
  verifiedOn: nullable(Ymd),
  licenseConditions: text(LIMITS.textLong),
  contact: text(LIMITS.textShort * 2),
  source: text(LIMITS.textShort),
  externalId: text(100),
  municipalityCode: text(6),
};

const datesInOrder = (
  v: { filedOn?: string | null; registeredOn?: string | null },
  ctx: z.RefinementCtx,
) => {
  if (v.filedOn && v.registeredOn && v.registeredOn < v.filedOn)
    ctx.addIssue({ code: 'custom', path: ['registeredOn'], params: { code: 'date_order' } });
};

export const ListingCreate = z
  .object({
    ...listingFields,
    kind: listingFields.kind.default('open_patent'),
    patentNumber: listingFields.patentNumber.optional(),
    applicationNumber: listingFields.applicationNumber.optional(),
    publicationNumber: listingFields.publicationNumber.optional(),
    filedOn: listingFields.filedOn.optional(),
    registeredOn: listingFields.registeredOn.optional(),
    abstract: listingFields.abstract.optional(),
    claims: listingFields.claims.optional(),
    technicalFields: list.default([]),
    functions: list.default([]),
    applicableProducts: list.default([]),
    purpose: listingFields.purpose.optional(),
    effect: listingFields.effect.optional(),
    ipc: listingFields.ipc.default([]),
    holderCompanyId: listingFields.holderCompanyId.optional(),
    holderName: listingFields.holderName.optional(),
    assignmentOffered: z.boolean().default(false),
    licensing: listingFields.licensing.default('non_exclusive'),
    licensingRecord: listingFields.licensingRecord.optional(),
    status: listingFields.status.default('offered'),
    verifiedOn: listingFields.verifiedOn.optional(),
    licenseConditions: listingFields.licenseConditions.optional(),
    contact: listingFields.contact.optional(),
    source: listingFields.source.optional(),
    externalId: listingFields.externalId.optional(),
    municipalityCode: listingFields.municipalityCode.optional(),
  })
  .strict()
  .superRefine(datesInOrder)
  .meta({ id: 'ListingCreate' });
export type ListingCreate = z.infer<typeof ListingCreate>;

export const ListingUpdate = z
  .object(listingFields)
  .partial()
  .extend({ version: Version })
  .strict()
  .superRefine(datesInOrder)
  .meta({ id: 'ListingUpdate' });
export type ListingUpdate = z.infer<typeof ListingUpdate>;

export const ListingListQuery = z.object({
  q: z.string().trim().max(200).optional().meta({
    description:
      'Words in the title, abstract, products, fields, numbers or holder (width/kana-insensitive).',
  }),
  kind: z.enum(LISTING_KINDS).optional(),
  status: z.enum(LISTING_STATUSES).optional(),
  ipc: z.string().trim().max(20).optional().meta({ description: 'IPC prefix: G06T, G06T 7 …' }),
  holderCompanyId: z.uuid().optional(),
  archived: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ListingListQuery = z.infer<typeof ListingListQuery>;

export const ListingPage = z
  .object({
    items: z.array(Listing),
    nextCursor: z.string().nullable(),
    total: z.number().int().meta({ description: 'Listings matching the filters.' }),
  })
  .meta({ id: 'ListingPage' });

/** An import file's rows: JSON (an array or JSON Lines) or CSV with the batch CLI's field names. */
export const ListingImportResult = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    errors: z.array(
      z.object({
        line: z
          .number()
          .int()
          .meta({ description: 'Line (CSV, JSON Lines) or item number (JSON array), from 1.' }),
        field: z.string(),
        code: z.enum(FIELD_ERROR_CODES),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'ListingImportResult' });
export type ListingImportResult = z.infer<typeof ListingImportResult>;

// ── candidates and decisions ─────────────────────────────────────────────────

export const MatchReason = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('term'),
      term: z.string(),
      fields: z.array(z.string()),
      contribution: z.number(),
    }),
    z.object({
      type: z.literal('related'),
      term: z.string(),
      via: z.string(),
      source: z.enum(['synonym', 'thesaurus', 'learned']),
      fields: z.array(z.string()),
      contribution: z.number(),
    }),
    z.object({
      type: z.literal('affinity'),
      ipc: z.string(),
      jsic: z.string(),
      value: z.number(),
      learned: z.number(),
      boost: z.number(),
    }),
    z.object({
      type: z.literal('region'),
      level: z.enum(['municipality', 'prefecture', 'partner']).meta({
        description:
          "Same municipality or prefecture as the other document, or in one of the organisation's partner regions (連携地域).",
      }),
      region: z
        .string()
        .optional()
        .meta({ description: "partner: the partner region's code ('09', '092011')." }),
      name: z
        .string()
        .optional()
        .meta({ description: "partner: its name ('栃木県', '栃木県 宇都宮市')." }),
      nameEn: z.string().optional().meta({ description: 'partner: a prefecture’s English name.' }),
    }),
    z.object({
      type: z.literal('feedback'),
      verdict: z.enum(DECISION_VERDICTS),
      reason: z.string().optional(),
      factor: z.number(),
    }),
  ])
  .meta({ id: 'MatchReason' });
export type MatchReason = z.infer<typeof MatchReason>;

export const MatchCandidate = z
  .object({
    id: z
      .uuid()
      .meta({ description: 'The company (for a listing) or the listing (for a company).' }),
    label: z.string().meta({ description: "The company's name or the listing's title." }),
    detail: z
      .string()
      .nullable()
      .meta({ description: 'Holder or industry and place, for a glance.' }),
    score: z.number(),
    summary: z.string().meta({ description: 'Why, in one sentence (Accept-Language).' }),
    reasons: z.array(MatchReason),
    highlight: z.array(z.string()).meta({ description: 'Terms to highlight in both texts.' }),
    decision: z
      .object({ verdict: z.enum(DECISION_VERDICTS), reason: z.string().nullable(), at: z.string() })
      .nullable(),
    matchId: z.uuid().nullable().meta({ description: 'The open match of this pair, if any.' }),
  })
  .meta({ id: 'MatchCandidate' });
export type MatchCandidate = z.infer<typeof MatchCandidate>;

export const CandidateList = z
  .object({ items: z.array(MatchCandidate) })
  .meta({ id: 'CandidateList' });

export const CandidateQuery = z.object({
  top: z.coerce.number().int().min(1).max(100).default(20),
  kind: z
    .enum(LISTING_KINDS)
    .optional()
    .meta({ description: 'For a company: listings of this kind only.' }),
});

/** A partner region (連携地域) as the API shows it, with its name. */
export const PartnerRegion = z
  .object({
    code: z.string().meta({ description: "'09' (prefecture) or '092011' (municipality)." }),
    kind: z.enum(['prefecture', 'municipality']),
    name: z.string().meta({ description: "'栃木県', '栃木県 宇都宮市'." }),
    nameEn: z.string().nullable().meta({ description: "Prefectures: 'Tochigi'." }),
  })
  .meta({ id: 'PartnerRegion' });
export type PartnerRegion = z.infer<typeof PartnerRegion>;

export const MatchingSettings = z
  .object({
    partnerRegions: z.array(PartnerRegion).meta({
      description:
        '連携地域 (wide-area matching): candidates located there get a small boost, explained as a reason.',
    }),
  })
  .meta({ id: 'MatchingSettings' });
export type MatchingSettings = z.infer<typeof MatchingSettings>;

export const MatchingStatus = z
  .object({
    state: z.enum(['idle', 'building', 'ready']),
    seeds: z.number().int(),
    needs: z.number().int(),
    done: z.number().int().meta({ description: 'Documents analysed so far while building.' }),
    total: z.number().int(),
  })
  .meta({ id: 'MatchingStatus' });

export const DecisionCreate = z
  .object({
    listingId: z.uuid(),
    companyId: z.uuid(),
    verdict: z.enum(DECISION_VERDICTS),
    reason: text(LIMITS.textLong).optional().meta({
      description: 'Why (required when rejecting): the engine shows it beside the pair later.',
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.verdict === 'rejected' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], params: { code: 'required' } });
  })
  .meta({ id: 'DecisionCreate' });
export type DecisionCreate = z.infer<typeof DecisionCreate>;

// ── matches (マッチング案件) ──────────────────────────────────────────────────

export const StageDates = z
  .object(
    Object.fromEntries(MATCH_STAGES.map((s) => [s, Ymd.nullable().optional()])) as Record<
      MatchStage,
      z.ZodOptional<z.ZodNullable<typeof Ymd>>
    >,
  )
  .strict()
  .meta({ id: 'StageDates', description: 'The day each stage was reached.' });
export type StageDates = z.infer<typeof StageDates>;

export const LicenseTerms = z
  .object({
    type: z.enum(LICENSE_TYPES).nullable(),
    field: z.string().nullable().meta({ description: '実施分野.' }),
    territory: z.string().nullable(),
    term: z.string().nullable().meta({ description: '期間.' }),
    royaltyType: z.enum(ROYALTY_TYPES).nullable(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'LicenseTerms' });

export const Match = z
  .object({
    id: z.uuid(),
    listingId: z.uuid(),
    listingTitle: z.string(),
    listingKind: z.enum(LISTING_KINDS),
    holderName: z.string().nullable(),
    companyId: z.uuid(),
    companyName: z.string(),
    stage: z.enum(MATCH_STAGES),
    status: z.enum(MATCH_STATUSES),
    stageDates: z.record(z.string(), z.string().nullable()),
    droppedOn: z.string().nullable(),
    dropReason: z.string().nullable(),
    origin: z.enum(MATCH_ORIGINS),
    partnerRegion: z.string().nullable().meta({ description: '連携自治体 for a wide-area match.' }),
    license: LicenseTerms,
    productName: z.string().nullable(),
    launchedOn: z.string().nullable(),
    coordinatorId: z.uuid().nullable(),
    coordinatorName: z.string().nullable(),
    programId: z.uuid().nullable(),
    programName: z.string().nullable().meta({ description: 'The 事業 the match counts for.' }),
    notes: z.string().nullable(),
    proposal: z
      .object({ score: z.number(), summary: z.string() })
      .nullable()
      .meta({ description: "The engine's score and reason when the pair was accepted." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Match' });
export type Match = z.infer<typeof Match>;

const licenseInput = z
  .object({
    type: nullable(z.enum(LICENSE_TYPES)).optional(),
    field: text(LIMITS.textShort).optional(),
    territory: text(LIMITS.textShort).optional(),
    term: text(LIMITS.textShort).optional(),
    royaltyType: nullable(z.enum(ROYALTY_TYPES)).optional(),
    notes: text(LIMITS.textLong).optional(),
  })
  .strict();

const matchFields = {
  origin: z.enum(MATCH_ORIGINS),
  partnerRegion: text(LIMITS.textShort),
  license: licenseInput,
  productName: text(LIMITS.textShort),
  launchedOn: nullable(Ymd),
  coordinatorId: z.uuid().nullable(),
  programId: z.uuid().nullable(),
  notes: text(LIMITS.textLong),
  stageDates: StageDates,
};

export const MatchCreate = z
  .object({
    listingId: z.uuid(),
    companyId: z.uuid(),
    origin: matchFields.origin.default('individual'),
    partnerRegion: matchFields.partnerRegion.optional(),
    coordinatorId: matchFields.coordinatorId.optional(),
    programId: matchFields.programId.optional(),
    notes: matchFields.notes.optional(),
    candidateOn: Ymd.optional().meta({ description: 'Day it became a candidate (default today).' }),
  })
  .strict()
  .meta({ id: 'MatchCreate' });
export type MatchCreate = z.infer<typeof MatchCreate>;

export const MatchUpdate = z
  .object(matchFields)
  .partial()
  .extend({ version: Version })
  .strict()
  .meta({
    id: 'MatchUpdate',
    description:
      'Details and corrections of the days of stages already reached; the stage itself moves with /stage.',
  });
export type MatchUpdate = z.infer<typeof MatchUpdate>;

export const StageChange = z
  .object({
    version: Version,
    stage: z.enum(MATCH_STAGES),
    on: Ymd.meta({ description: 'The day the stage was reached.' }),
  })
  .strict()
  .meta({ id: 'StageChange' });
export type StageChange = z.infer<typeof StageChange>;

export const MatchDrop = z
  .object({
    version: Version,
    on: Ymd,
    reason: z.string().trim().min(1).max(LIMITS.textLong).meta({ description: '不成立の理由.' }),
  })
  .strict()
  .meta({ id: 'MatchDrop' });
export type MatchDrop = z.infer<typeof MatchDrop>;

export const MatchListQuery = z.object({
  stage: z.enum(MATCH_STAGES).optional(),
  status: z.enum(MATCH_STATUSES).optional(),
  listingId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  programId: z.uuid().optional(),
});
export type MatchListQuery = z.infer<typeof MatchListQuery>;

export const MatchList = z.object({ items: z.array(Match) }).meta({ id: 'MatchList' });

export const MatchSummary = z
  .object({
    funnel: z
      .array(
        z.object({
          stage: z.enum(MATCH_STAGES),
          current: z.number().int().meta({ description: 'Active matches at this stage now.' }),
          reached: z
            .number()
            .int()
            .meta({ description: 'Matches that ever reached it (dropped ones too).' }),
        }),
      )
      .meta({ description: 'In stage order.' }),
    dropped: z.number().int(),
    byFiscalYear: z.array(
      z.object({
        fy: z.number().int(),
        contracted: z.number().int().meta({ description: '成約 in that year.' }),
        commercialized: z.number().int().meta({ description: '製品化 in that year.' }),
        cumulativeContracted: z.number().int(),
        cumulativeCommercialized: z.number().int(),
      }),
    ),
    reference: z
      .object({
        source: z
          .literal('kawasaki')
          .meta({ description: 'Whose figures these are: Kawasaki City (川崎市の実績).' }),
        contracted: z.number().int().meta({ description: "Kawasaki's 成約 (licences), total." }),
        commercialized: z
          .number()
          .int()
          .meta({ description: "Kawasaki's 製品化 (products), total." }),
        asOf: z.string().meta({ description: 'The day the figures were counted (YYYY-MM-DD).' }),
      })
      .meta({
        description:
          "Kawasaki City's own results (川崎市の実績), the same for every organisation: a reference " +
          "to compare with, not this organisation's figures (those are `byFiscalYear`).",
      }),
  })
  .meta({ id: 'MatchSummary' });
export type MatchSummary = z.infer<typeof MatchSummary>;
