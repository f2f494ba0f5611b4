import type { KpiId, ProgramId } from '@banso/shared';
import { COUNTING_BASIS, KPI_DIRECTION, KPI_UNIT } from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
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
import { tenants } from './tenants';

/** One numbered item of a program's activities or background (見出し, 本文, ①②③). */
export interface ProgramItemGroupValue {
  title: string | null;
  body: string | null;
  items: string[];
}

/** One fiscal year of a program: 事業費/予算 and 交付金 in 千円, and the main activities. */
export interface ProgramYearValue {
  fy: number;
  figure: 'actual' | 'budget';
  costLabel: string | null;
  costThousandYen: number | null;
  grantThousandYen: number | null;
  intro: string | null;
  activities: ProgramItemGroupValue[];
}

/** Plan and manually entered actual of one KPI for one fiscal year. */
export interface KpiYearValue {
  fy: number;
  plan: number | null;
  actual: number | null;
}

/**
 * 事業: a funded program with a period in fiscal years. The per-year budget and activities are
 * a small JSON document validated by the contract (packages/shared) and versioned with the row.
 */
export const programs = pgTable(
  'programs',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<ProgramId>().notNull(),
    code: text('code'),
    name: text('name').notNull(),
    scheme: text('scheme'),
    fromFy: integer('from_fy').notNull(),
    toFy: integer('to_fy').notNull(),
    description: jsonb('description').$type<string[]>().notNull().default([]),
    background: jsonb('background').$type<ProgramItemGroupValue[]>().notNull().default([]),
    years: jsonb('years').$type<ProgramYearValue[]>().notNull().default([]),
    summary: jsonb('summary').$type<string[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('programs_tenant_code_key')
      .on(t.tenantId, t.code)
      .where(sql`${t.code} IS NOT NULL`),
    index('programs_period_idx').on(t.tenantId, t.fromFy, t.toFy),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/**
 * 重要業績評価指標 of a program. `metric` (nullable) is a versioned JSON definition of how the
 * actual is computed from Banso's records; a manual actual in `years` overrides it.
 */
export const kpis = pgTable(
  'kpis',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<KpiId>().notNull(),
    programId: uuid('program_id').$type<ProgramId>().notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    unitLabel: text('unit_label'),
    basis: text('basis').notNull().default('fiscal'),
    direction: text('direction').notNull().default('increase'),
    baseline: doublePrecision('baseline'),
    notes: text('notes'),
    metric: jsonb('metric').$type<Record<string, unknown>>(),
    years: jsonb('years').$type<KpiYearValue[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    codeCheck('kpis', t.unit, KPI_UNIT),
    codeCheck('kpis', t.basis, COUNTING_BASIS),
    codeCheck('kpis', t.direction, KPI_DIRECTION),
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('kpis_program_idx').on(t.tenantId, t.programId, t.sortOrder),
    foreignKey({
      columns: [t.tenantId, t.programId],
      foreignColumns: [programs.tenantId, programs.id],
    }).onDelete('cascade'),
  ],
);
