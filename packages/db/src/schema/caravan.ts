import type {
  CalendarFeedId,
  CompanyId,
  FollowUpId,
  SupporterId,
  UserId,
  VisitId,
  VisitIssueId,
} from '@banso/shared';
import {
  FOLLOW_UP_STATUS,
  ISSUE_RAISER,
  SUPPORTER_KIND,
  TEAM_ROLE,
  VISIT_KIND,
  VISIT_STATUS,
} from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { codeCheck, tenantId, timestamps, version } from './columns';
import { companies } from './companies';
import { tenants, users } from './tenants';

/**
 * 出張キャラバン隊: supporters, visits with their team, issues and follow-ups,
 * planner flags and targets, calendar feeds. Every key starts with the tenant.
 */

/** The per-tenant taxonomy of expertise / issue categories (技術・製造, 販路開拓, …). */
export const issueCategories = pgTable(
  'issue_categories',
  {
    tenantId: tenantId(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Finance categories ask for a financial-institution member on the team. */
    finance: boolean('finance').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.name] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** Annual visit target per fiscal year (default 500 when no row). */
export const visitTargets = pgTable(
  'visit_targets',
  {
    tenantId: tenantId(),
    fiscalYear: integer('fiscal_year').notNull(),
    target: integer('target').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').$type<UserId>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.fiscalYear] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** 支援者: staff, coordinators, experts, bank officers; a login is optional. */
export const supporters = pgTable(
  'supporters',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<SupporterId>().notNull(),
    userId: uuid('user_id').$type<UserId>(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    organization: text('organization'),
    kind: text('kind').notNull(),
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    monthlyCapacity: integer('monthly_capacity').notNull().default(8),
    email: text('email'),
    phone: text('phone'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('supporters', t.kind, SUPPORTER_KIND),
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('supporters_tenant_user_key')
      .on(t.tenantId, t.userId)
      .where(sql`${t.userId} IS NOT NULL`),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }),
  ],
);

/** 訪問. `local_date` is the Asia/Tokyo calendar day of `starts_at` (fiscal years count by it). */
export const visits = pgTable(
  'visits',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<VisitId>().notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('draft'),
    purpose: text('purpose'),
    purposeCategories: text('purpose_categories').array().notNull().default(sql`'{}'::text[]`),
    listeningNotes: text('listening_notes'),
    ownerAwareness: text('owner_awareness'),
    nextContactOn: date('next_contact_on', { mode: 'string' }),
    location: text('location'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('visits', t.kind, VISIT_KIND),
    codeCheck('visits', t.status, VISIT_STATUS),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('visits_company_idx').on(t.tenantId, t.companyId, t.startsAt),
    index('visits_local_date_idx').on(t.tenantId, t.localDate),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
  ],
);

/** Who went: the team of a visit (lead / member). */
export const visitMembers = pgTable(
  'visit_members',
  {
    tenantId: tenantId(),
    visitId: uuid('visit_id').$type<VisitId>().notNull(),
    supporterId: uuid('supporter_id').$type<SupporterId>().notNull(),
    role: text('role').notNull().default('member'),
  },
  (t) => [
    codeCheck('visit_members', t.role, TEAM_ROLE),
    primaryKey({ columns: [t.tenantId, t.visitId, t.supporterId] }),
    index('visit_members_supporter_idx').on(t.tenantId, t.supporterId),
    foreignKey({
      columns: [t.tenantId, t.visitId],
      foreignColumns: [visits.tenantId, visits.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.supporterId],
      foreignColumns: [supporters.tenantId, supporters.id],
    }),
  ],
);

/** 課題: an issue found on a visit, raised by the owner (their own awareness) or a supporter. */
export const visitIssues = pgTable(
  'visit_issues',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<VisitIssueId>().notNull(),
    visitId: uuid('visit_id').$type<VisitId>().notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    position: integer('position').notNull().default(0),
    category: text('category').notNull(),
    description: text('description'),
    raisedBy: text('raised_by').notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
  },
  (t) => [
    codeCheck('visit_issues', t.raisedBy, ISSUE_RAISER),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('visit_issues_visit_idx').on(t.tenantId, t.visitId),
    index('visit_issues_company_idx').on(t.tenantId, t.companyId),
    foreignKey({
      columns: [t.tenantId, t.visitId],
      foreignColumns: [visits.tenantId, visits.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
  ],
);

/** フォローアップ: an action agreed on a visit, with an assignee and a due date. */
export const followUps = pgTable(
  'follow_ups',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<FollowUpId>().notNull(),
    visitId: uuid('visit_id').$type<VisitId>().notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    title: text('title').notNull(),
    assigneeId: uuid('assignee_id').$type<SupporterId>(),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    completedOn: date('completed_on', { mode: 'string' }),
    completionNote: text('completion_note'),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('follow_ups', t.status, FOLLOW_UP_STATUS),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('follow_ups_visit_idx').on(t.tenantId, t.visitId),
    index('follow_ups_company_idx').on(t.tenantId, t.companyId, t.status),
    index('follow_ups_open_due_idx').on(t.tenantId, t.status, t.dueOn),
    index('follow_ups_assignee_idx').on(t.tenantId, t.assigneeId),
    foreignKey({
      columns: [t.tenantId, t.visitId],
      foreignColumns: [visits.tenantId, visits.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
    foreignKey({
      columns: [t.tenantId, t.assigneeId],
      foreignColumns: [supporters.tenantId, supporters.id],
    }),
  ],
);

/** A supporter's flag on a company for the planner ("visit soon"), one per company. */
export const companyFlags = pgTable(
  'company_flags',
  {
    tenantId: tenantId(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    supporterId: uuid('supporter_id').$type<SupporterId>(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by').$type<UserId>(),
    createdByLabel: text('created_by_label').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.companyId] }),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.supporterId],
      foreignColumns: [supporters.tenantId, supporters.id],
    }).onDelete('set null'),
  ],
);

/** iCalendar feed of one supporter's planned visits; only sha256 of the URL secret is stored. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<CalendarFeedId>().notNull(),
    supporterId: uuid('supporter_id').$type<SupporterId>().notNull(),
    tokenHash: text('token_hash').notNull(),
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by').$type<UserId>(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('calendar_feeds_tenant_token_key').on(t.tenantId, t.tokenHash),
    index('calendar_feeds_supporter_idx').on(t.tenantId, t.supporterId),
    foreignKey({
      columns: [t.tenantId, t.supporterId],
      foreignColumns: [supporters.tenantId, supporters.id],
    }).onDelete('cascade'),
  ],
);
