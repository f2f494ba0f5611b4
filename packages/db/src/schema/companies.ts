import type { CompanyId, ImportId, UserId } from '@banso/shared';
import { COMPANY_KIND, COMPANY_STATUS, SUCCESSOR_STATUS } from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { codeCheck, tenantId, timestamps, version } from './columns';
import { tenants, users } from './tenants';

/** 企業台帳: SMEs, large companies, startups, universities, financial institutions … */
export const companies = pgTable(
  'companies',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<CompanyId>().notNull(),
    corporateNumber: text('corporate_number'),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    nameEn: text('name_en'),
    kind: text('kind').notNull().default('sme'),
    jsicCode: text('jsic_code'),
    postalCode: text('postal_code'),
    municipalityCode: text('municipality_code'),
    address: text('address'),
    employees: integer('employees'),
    capitalYen: bigint('capital_yen', { mode: 'number' }),
    foundedYear: integer('founded_year'),
    representativeName: text('representative_name'),
    representativeBirthYear: integer('representative_birth_year'),
    successorStatus: text('successor_status').notNull().default('unknown'),
    website: text('website'),
    businessDescription: text('business_description'),
    technologies: text('technologies').array().notNull().default(sql`'{}'::text[]`),
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    equipment: text('equipment').array().notNull().default(sql`'{}'::text[]`),
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    closedOn: date('closed_on', { mode: 'string' }),
    closeReason: text('close_reason'),
    successorCorporateNumber: text('successor_corporate_number'),
    ntaUpdatedOn: date('nta_updated_on', { mode: 'string' }),
    /** Normalised name + kana (width/kana-insensitive) for substring checks. */
    searchText: text('search_text').notNull().default(''),
    /** Unigrams and bigrams of searchText; GIN-indexed so 2-character words are fast. */
    searchTokens: text('search_tokens').array().notNull().default(sql`'{}'::text[]`),
    /** Hiragana reading used for kana order (あいうえお順). */
    kanaSort: text('kana_sort').notNull().default(''),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('companies', t.kind, COMPANY_KIND),
    codeCheck('companies', t.successorStatus, SUCCESSOR_STATUS),
    codeCheck('companies', t.status, COMPANY_STATUS),
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('companies_tenant_corporate_number_key')
      .on(t.tenantId, t.corporateNumber)
      .where(sql`${t.corporateNumber} IS NOT NULL`),
    index('companies_kana_sort_idx').on(t.tenantId, t.kanaSort, t.id),
    // The list in order of last change (sort=updated) reads it backwards.
    index('companies_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('companies_jsic_idx').on(t.tenantId, t.jsicCode),
    index('companies_municipality_idx').on(t.tenantId, t.municipalityCode),
    index('companies_search_tokens_idx').using('gin', t.searchTokens),
    index('companies_tags_idx').using('gin', t.tags),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/** A partner (bank, outside expert) sees only the companies assigned to them. */
export const companyAssignments = pgTable(
  'company_assignments',
  {
    tenantId: tenantId(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    userId: uuid('user_id').$type<UserId>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by').$type<UserId>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.companyId, t.userId] }),
    index('company_assignments_user_idx').on(t.tenantId, t.userId),
    foreignKey({
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [users.tenantId, users.id],
    }).onDelete('cascade'),
  ],
);

/** One row per import run: progress, counts, the committed boundary for resuming. */
export const imports = pgTable(
  'imports',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<ImportId>().notNull(),
    entity: text('entity').notNull(),
    format: text('format').notNull(),
    encoding: text('encoding').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull(),
    /** Last source line whose row is committed; a resumed run starts after it. */
    committedLine: integer('committed_line').notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    errors: jsonb('errors')
      .$type<{ line: number; field?: string; code: string; message: string }[]>()
      .notNull()
      .default([]),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    /**
     * When the process running the import last showed it was alive (start, resume, each
     * committed batch); a running import without a recent one was cut off (kill -9, power cut)
     * and is marked interrupted by the maintenance task `imports.interrupt-stale`.
     */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by').$type<UserId>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('imports_started_idx').on(t.tenantId, t.startedAt),
  ],
);
