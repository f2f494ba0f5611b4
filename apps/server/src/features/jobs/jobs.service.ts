import type { TenantTx } from '@banso/db';
import { JobId, type JobKind } from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor, AppDeps } from '../../context';
import { asActor } from '../../data/actor-scope';
import { actorPayload } from '../../jobs/job-payload';
import { newId } from '../../new-id';
import { authorize, can } from '../../policy/policy';
import { createJobsRepository, type JobRow } from './jobs.repository';

/**
 * Queues a job in the caller's organisation transaction (the caller has authorised the work
 * itself). The job runs as `actor`; the insert wakes the runners at commit (NOTIFY banso_jobs).
 */
export function enqueueJob(
  tx: TenantTx,
  actor: Actor,
  job: {
    id?: JobId;
    kind: JobKind;
    payload: Record<string, unknown>;
    now: Date;
    maxAttempts?: number;
  },
): Promise<JobRow> {
  return createJobsRepository(tx).insert({
    id: job.id ?? newId(JobId),
    kind: job.kind,
    payload: { ...job.payload, actor: actorPayload(actor) },
    maxAttempts: job.maxAttempts ?? 3,
    runAt: job.now,
    createdBy: actor.via === 'system' ? null : actor.userId,
  });
}

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

export function createJobsService(deps: Pick<AppDeps, 'db' | 'now'>) {
  return {
    /** A job of the actor's organisation: its own, or any for an admin. */
    async get(actor: Actor, id: JobId): Promise<JobRow> {
      authorize(actor, 'jobs:read');
      const job = await asActor(deps.db, actor, (tx) => createJobsRepository(tx).find(id));
      if (!job || (job.createdBy !== actor.userId && !can(actor, 'jobs:read-all'))) {
        throw notFound('job');
      }
      return job;
    },

    /**
     * Cancels a job of the actor's (an admin: any of the organisation's). A queued job is
     * `cancelled` at once; a running one is asked to stop (`cancelRequested`) and ends
     * `cancelled` at its next safe point, keeping what it had committed. An ended job: 409.
     */
    async cancel(actor: Actor, id: JobId): Promise<JobRow> {
      authorize(actor, 'jobs:cancel');
      return asActor(deps.db, actor, async (tx) => {
        const repo = createJobsRepository(tx);
        const job = await repo.find(id);
        if (!job || (job.createdBy !== actor.userId && !can(actor, 'jobs:cancel-all'))) {
          throw notFound('job');
        }
        const cancelled = ENDED.has(job.status) ? undefined : await repo.cancel(id, deps.now());
        if (!cancelled) {
          throw new AppError('job_finished', { log: `job ${id} is ${job.status}` });
        }
        return cancelled;
      });
    },
  };
}
export type JobsService = ReturnType<typeof createJobsService>;
