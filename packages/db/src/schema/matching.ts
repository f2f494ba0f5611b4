import type {
  CompanyId,
  ListingId,
  MatchDecisionId,
  MatchId,
  ProgramId,
  SupporterId,
  UserId,
} from '@banso/shared';
import {
  DECISION_VERDICT,
  LICENSE_TYPE,
  LICENSING_OFFER,
  LISTING_KIND,
  LISTING_STATUS,
  MATCH_ORIGIN,
  MATCH_STAGE,
  MATCH_STATUS,
  ROYALTY_TYPE,
} from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { supporters } from './caravan';
import { codeCheck, tenantId, timestamps, version } from './columns';
import { companies } from './companies';
import { programs } from './programs';
import { tenants } from './tenants';

/**
 * マッチング: listings (開放特許 and the other seeds and needs, one shape with a kind), the
 * coordinators' decisions on proposed pairs (what the engine learns from) and the matches
 * (マッチング案件) in the licence pipeline. Every key starts with the tenant.
 */

export const listings = pgTable(
  'listings',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<ListingId>().notNull(),
    kind: text('kind').notNull().default('open_patent'),
    title: text('title').notNull(),
    patentNumber: text('patent_number'),
    applicationNumber: text('application_number'),
    publicationNumber: text('publication_number'),
    filedOn: date('filed_on', { mode: 'string' }),
    registeredOn: date('registered_on', { mode: 'string' }),
    abstract: text('abstract'),
    claims: text('claims'),
    technicalFields: text('technical_fields').array().notNull().default(sql`'{}'::text[]`),
    functions: text('functions').array().notNull().default(sql`'{}'::text[]`),
    applicableProducts: text('applicable_products').array().notNull().default(sql`'{}'::text[]`),
    purpose: text('purpose'),
    effect: text('effect'),
    ipc: text('ipc').array().notNull().default(sql`'{}'::text[]`),
    holderCompanyId: uuid('holder_company_id').$type<CompanyId>(),
    holderName: text('holder_name'),
    assignmentOffered: boolean('assignment_offered').notNull().default(false),
    licensing: text('licensing').notNull().default('non_exclusive'),
    licensingRecord: text('licensing_record'),
    status: text('status').notNull().default('offered'),
    verifiedOn: date('verified_on', { mode: 'string' }),
    licenseConditions: text('license_conditions'),
    contact: text('contact'),
    source: text('source'),
    externalId: text('external_id'),
    municipalityCode: text('municipality_code'),
    /** Normalised title, numbers and holder (width/kana-insensitive) for the list search. */
    searchText: text('search_text').notNull().default(''),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('listings', t.kind, LISTING_KIND),
    codeCheck('listings', t.licensing, LICENSING_OFFER),
    codeCheck('listings', t.status, LISTING_STATUS),
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('listings_tenant_external_key')
      .on(t.tenantId, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    index('listings_tenant_kind_idx').on(t.tenantId, t.kind, t.status),
    index('listings_holder_idx').on(t.tenantId, t.holderCompanyId),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({
      columns: [t.tenantId, t.holderCompanyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
  ],
);

/** A coordinator's verdict on a proposed listing ↔ company pair; the latest one counts. */
export const matchDecisions = pgTable(
  'match_decisions',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<MatchDecisionId>().notNull(),
    listingId: uuid('listing_id').$type<ListingId>().notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    verdict: text('verdict').notNull(),
    reason: text('reason'),
    score: doublePrecision('score'),
    decidedBy: uuid('decided_by').$type<UserId>(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    codeCheck('match_decisions', t.verdict, DECISION_VERDICT),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('match_decisions_pair_idx').on(t.tenantId, t.listingId, t.companyId, t.decidedAt),
    foreignKey({
      columns: [t.tenantId, t.listingId],
      foreignColumns: [listings.tenantId, listings.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
  ],
);

/** Days each pipeline stage was reached ('YYYY-MM-DD'). */
export type StageDatesValue = Partial<Record<string, string | null>>;

/** マッチング案件: one listing and one company through 候補 → … → 製品化, or 不成立. */
export const matches = pgTable(
  'matches',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<MatchId>().notNull(),
    listingId: uuid('listing_id').$type<ListingId>().notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    stage: text('stage').notNull().default('candidate'),
    status: text('status').notNull().default('active'),
    stageDates: jsonb('stage_dates').$type<StageDatesValue>().notNull().default({}),
    /** Day the licence was signed (= stageDates.contracted), kept as a column for counting. */
    contractedOn: date('contracted_on', { mode: 'string' }),
    /** Day of 製品化 (= stageDates.commercialized). */
    commercializedOn: date('commercialized_on', { mode: 'string' }),
    droppedOn: date('dropped_on', { mode: 'string' }),
    dropReason: text('drop_reason'),
    origin: text('origin').notNull().default('individual'),
    partnerRegion: text('partner_region'),
    licenseType: text('license_type'),
    licenseField: text('license_field'),
    licenseTerritory: text('license_territory'),
    licenseTerm: text('license_term'),
    royaltyType: text('royalty_type'),
    licenseNotes: text('license_notes'),
    productName: text('product_name'),
    launchedOn: date('launched_on', { mode: 'string' }),
    coordinatorId: uuid('coordinator_id').$type<SupporterId>(),
    programId: uuid('program_id').$type<ProgramId>(),
    notes: text('notes'),
    proposalScore: doublePrecision('proposal_score'),
    proposalSummary: text('proposal_summary'),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('matches', t.stage, MATCH_STAGE),
    codeCheck('matches', t.status, MATCH_STATUS),
    codeCheck('matches', t.origin, MATCH_ORIGIN),
    codeCheck('matches', t.licenseType, LICENSE_TYPE),
    codeCheck('matches', t.royaltyType, ROYALTY_TYPE),
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One open match per pair; a dropped one may be tried again later.
    uniqueIndex('matches_open_pair_key')
      .on(t.tenantId, t.listingId, t.companyId)
      .where(sql`${t.status} = 'active'`),
    index('matches_stage_idx').on(t.tenantId, t.status, t.stage),
    index('matches_company_idx').on(t.tenantId, t.companyId),
    index('matches_contracted_idx').on(t.tenantId, t.contractedOn),
    foreignKey({
      columns: [t.tenantId, t.listingId],
      foreignColumns: [listings.tenantId, listings.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.programId],
      foreignColumns: [programs.tenantId, programs.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.coordinatorId],
      foreignColumns: [supporters.tenantId, supporters.id],
    }),
  ],
);
