import type { CompanyId } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantId } from './columns';

/**
 * Rollups of the completed visits for the computed KPIs (訪問件数, 訪問企業数), kept current by
 * triggers on visits, visit_issues and companies (migration 0006) so that evaluating every KPI
 * reads thousands of rows instead of every visit. Derived data: never written by the
 * application, left out of backups (a restore rebuilds them through the same triggers).
 *
 * Both group by what a visit KPI can filter on: fiscal and calendar year (from the visit's
 * Asia/Tokyo day), the visit's kind, the company's kind and municipality code ('' for none),
 * and the categories of the visit's purposes and of its issues (課題) together — distinct,
 * sorted in "C" order.
 */

/** 訪問件数: how many completed visits share one combination of those attributes. */
export const kpiVisitCounts = pgTable(
  'kpi_visit_counts',
  {
    tenantId: tenantId(),
    fy: integer('fy').notNull(),
    cy: integer('cy').notNull(),
    kind: text('kind').notNull(),
    companyKind: text('company_kind').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    categories: text('categories').array().notNull(),
    /** Never negative; a row that reaches 0 is deleted by the trigger that changed it. */
    visits: integer('visits').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'kpi_visit_counts_pk',
      columns: [t.tenantId, t.fy, t.cy, t.kind, t.companyKind, t.municipalityCode, t.categories],
    }),
    index('kpi_visit_counts_empty_idx').on(t.tenantId).where(sql`visits = 0`),
  ],
);

/**
 * 訪問企業数: one row per company and year (by each counting basis) in which it had a
 * completed visit, with the kinds, the categories and the kind–category pairs
 * (`kind || ':' || category`, one per visit and category) of those visits — enough to tell
 * whether some visit of the year passes a KPI's visit filters.
 */
export const kpiCompanyYears = pgTable(
  'kpi_company_years',
  {
    tenantId: tenantId(),
    basis: text('basis').notNull(),
    year: integer('year').notNull(),
    companyId: uuid('company_id').$type<CompanyId>().notNull(),
    companyKind: text('company_kind').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    kinds: text('kinds').array().notNull(),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    kindCategories: text('kind_categories').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({
      name: 'kpi_company_years_pk',
      columns: [t.tenantId, t.basis, t.year, t.companyId],
    }),
    index('kpi_company_years_company_idx').on(t.tenantId, t.companyId),
  ],
);
