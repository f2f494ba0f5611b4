import { type Database, jobs, type TenantTx, withoutTenantScope } from '@banso/db';
import type { JobId, JobKind, UserId } from '@banso/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';

export type JobRow = typeof jobs.$inferSelect;

/** A job's rows within its organisation (row-level security on). */
export function createJobsRepository({ db, tenantId }: TenantTx) {
  const mine = (id: JobId) => and(eq(jobs.tenantId, tenantId), eq(jobs.id, id));
  /** Writes of the worker that holds the lease; a worker that lost it changes nothing. */
  const held = (id: JobId, workerId: string) => and(mine(id), eq(jobs.lockedBy, workerId));
  return {
    async insert(job: {
      id: JobId;
      kind: JobKind;
      payload: Record<string, unknown>;
      maxAttempts: number;
      runAt: Date;
      createdBy: UserId | null;
    }): Promise<JobRow> {
      const [row] = await db
        .insert(jobs)
        .values({ ...job, tenantId, createdAt: job.runAt, updatedAt: job.runAt })
        .returning();
      if (!row) throw new Error('job insert returned nothing');
      return row;
    },

    async find(id: JobId): Promise<JobRow | undefined> {
      const [row] = await db.select().from(jobs).where(mine(id));
      return row;
    },

    /**
     * Stores progress and extends the lease; null when this worker no longer holds the job,
     * else whether someone has asked to cancel it meanwhile.
     */
    async heartbeat(
      id: JobId,
      workerId: string,
      now: Date,
      lockedUntil: Date,
      progress?: Record<string, unknown>,
    ): Promise<{ cancelRequested: boolean } | null> {
      const [row] = await db
        .update(jobs)
        .set({ lockedUntil, updatedAt: now, ...(progress ? { progress } : {}) })
        .where(and(held(id, workerId), eq(jobs.status, 'running')))
        .returning({ cancelRequestedAt: jobs.cancelRequestedAt });
      return row ? { cancelRequested: row.cancelRequestedAt !== null } : null;
    },

    /**
     * Cancels a job that has not ended: a queued one (a retry waiting included) becomes
     * `cancelled` at once; a running one is marked, and its worker (told by NOTIFY banso_jobs,
     * or at its next heartbeat) stops it at a safe point. Undefined when it had ended already.
     * One statement, so a claim cannot slip between the check and the change.
     */
    async cancel(id: JobId, now: Date): Promise<JobRow | undefined> {
      const at = sql`${now.toISOString()}::timestamptz`;
      const [row] = await db
        .update(jobs)
        .set({
          status: sql`case when ${jobs.status} = 'queued' then 'cancelled' else ${jobs.status} end`,
          finishedAt: sql`case when ${jobs.status} = 'queued' then ${at} else ${jobs.finishedAt} end`,
          cancelRequestedAt: sql`coalesce(${jobs.cancelRequestedAt}, ${at})`,
          updatedAt: now,
        })
        .where(and(mine(id), inArray(jobs.status, ['queued', 'running'])))
        .returning();
      if (row?.status === 'running') {
        await db.execute(sql`select pg_notify('banso_jobs', ${`cancel:${tenantId}:${id}`})`);
      }
      return row;
    },

    /** Ends the attempt: succeeded, failed for good, or queued again at `runAt` (a retry). */
    async finish(
      id: JobId,
      workerId: string,
      now: Date,
      outcome:
        | { status: 'succeeded'; result: Record<string, unknown> }
        | { status: 'failed'; error: Record<string, unknown> }
        | { status: 'cancelled' }
        | { status: 'queued'; error: Record<string, unknown>; runAt: Date },
    ): Promise<boolean> {
      const rows = await db
        .update(jobs)
        .set({
          status: outcome.status,
          lockedBy: null,
          lockedUntil: null,
          updatedAt: now,
          ...(outcome.status === 'succeeded' ? { result: outcome.result, error: null } : {}),
          ...(outcome.status === 'failed' ? { error: outcome.error, finishedAt: now } : {}),
          ...(outcome.status === 'queued' ? { error: outcome.error, runAt: outcome.runAt } : {}),
          ...(outcome.status === 'succeeded' || outcome.status === 'cancelled'
            ? { finishedAt: now }
            : {}),
        })
        .where(and(held(id, workerId), eq(jobs.status, 'running')))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },

    /** Back to the queue without using up the attempt (the runner stopped cleanly mid-job). */
    async release(id: JobId, workerId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(jobs)
        .set({
          status: 'queued',
          attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
          lockedBy: null,
          lockedUntil: null,
          runAt: now,
          updatedAt: now,
        })
        .where(and(held(id, workerId), eq(jobs.status, 'running')))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },
  };
}

/**
 * The runner's view across organisations (maintenance): the next due job of any organisation is
 * claimed in one statement, `FOR UPDATE SKIP LOCKED`, so two runners (threads of one process or
 * several processes) never claim the same row. Due: queued with `run_at` passed, or running
 * with its lease passed (the worker that held it died).
 */
export function claimNextJob(
  root: Database,
  claim: { workerId: string; now: Date; lockedUntil: Date; kinds: readonly string[] },
): Promise<JobRow | undefined> {
  return withoutTenantScope(root, 'jobs runner: claim the next due job', async (db) => {
    const at = sql`${claim.now.toISOString()}::timestamptz`;
    const kinds = sql.join(
      claim.kinds.map((k) => sql`${k}`),
      sql`, `,
    );
    const [row] = await db
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        lockedBy: claim.workerId,
        lockedUntil: claim.lockedUntil,
        startedAt: sql`coalesce(${jobs.startedAt}, ${at})`,
        updatedAt: claim.now,
      })
      .where(
        sql`(${jobs.tenantId}, ${jobs.id}) = (
          select tenant_id, id from jobs
          where kind in (${kinds}) and (
            (status = 'queued' and run_at <= ${at})
            or (status = 'running' and locked_until < ${at}))
          order by run_at, created_at
          limit 1
          for update skip locked)`,
      )
      .returning();
    return row;
  });
}

/**
 * The status of each job among `ids`, whatever its organisation (maintenance: the sweep of job
 * uploads, whose directories are named by job id alone). Ids of no job are absent.
 */
export function jobStatusesById(
  root: Database,
  ids: readonly JobId[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return Promise.resolve(new Map());
  return withoutTenantScope(root, 'jobs: statuses for the sweep of job uploads', async (db) => {
    const rows = await db
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(inArray(jobs.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r.status]));
  });
}
