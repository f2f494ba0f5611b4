import type { TenantId, UserId } from '@banso/shared';
import type { AnyVocabulary } from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table carries the tenant; every primary and unique key includes it (Citus-ready). */
export const tenantId = () => uuid('tenant_id').$type<TenantId>().notNull();

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdBy: uuid('created_by').$type<UserId>(),
  updatedBy: uuid('updated_by').$type<UserId>(),
});

/** Optimistic concurrency: an update must name the version it read. */
export const version = () => integer('version').notNull().default(1);

/** Every column checked by `codeCheck`, for the test that compares the database with them. */
export const CODE_CHECKS: { table: string; column: string; vocabulary: AnyVocabulary }[] = [];

/**
 * CHECK (<column> IN (<codes>)): a text column holding a closed set of @banso/shared's vocabulary
 * accepts only its codes (NULL passes, as in every CHECK). Named like PostgreSQL's own column
 * checks, `<table>_<column>_check`; a new code in the vocabulary shows up as a schema change.
 */
export function codeCheck(table: string, column: AnyPgColumn, vocabulary: AnyVocabulary) {
  CODE_CHECKS.push({ table, column: column.name, vocabulary });
  const codes = vocabulary.codes.map((c) => `'${c.replaceAll("'", "''")}'`).join(', ');
  return check(`${table}_${column.name}_check`, sql.raw(`"${column.name}" IN (${codes})`));
}
