import { JOB_KINDS, JOB_STATUSES, type JobId, type UserId } from '@banso/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId } from './columns';
import { tenants } from './tenants';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Background jobs of an organisation (apps/server/src/jobs). A runner claims the next due job of
 * any organisation with `FOR UPDATE SKIP LOCKED` (maintenance scope), holds it by a lease
 * (`locked_by`, `locked_until`) that it renews while the job runs, and writes progress, result
 * or error here; a job whose lease ran out (its worker died) is claimed again.
 */
export const jobs = pgTable(
  'jobs',
  {
    tenantId: tenantId(),
    id: uuid('id').$type<JobId>().notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    progress: jsonb('progress').$type<Record<string, unknown>>(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** `{ code, message: { ja, en }, detail? }` of the last failure. */
    error: jsonb('error').$type<Record<string, unknown>>(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    /** Not before: a retry waits here (exponential backoff). */
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    /** The lease: a running job whose lease has passed belongs to a dead worker. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    /** The user who asked for it (null: the system); the job runs as this user. */
    createdBy: uuid('created_by').$type<UserId>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * Someone asked to cancel the job while it ran: its worker aborts it and it ends
     * `cancelled` at its next safe point (a queued job becomes `cancelled` at once).
     */
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true, mode: 'date' }),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    check('jobs_kind_check', sql`${t.kind} in (${list(JOB_KINDS)})`),
    check('jobs_status_check', sql`${t.status} in (${list(JOB_STATUSES)})`),
    check('jobs_attempts_check', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
    index('jobs_claim_idx').on(t.status, t.runAt),
    index('jobs_lease_idx').on(t.status, t.lockedUntil),
  ],
);
