import type { JobId, JobKind, Localized, TenantId } from '@banso/shared';
import type { Actor } from '../context';

/** What a job's code gets from the runner for one attempt. */
export interface JobContext {
  jobId: JobId;
  tenantId: TenantId;
  /** The user who asked for the job (their role when they asked), or the system actor. */
  actor: Actor;
  payload: Record<string, unknown>;
  /** 1 for the first attempt; a job picked up after its worker died or after a retry has more. */
  attempt: number;
  /** The progress stored by the last attempt (a resumed job starts from it). */
  previousProgress: Record<string, unknown> | null;
  /** Stores progress (readable at GET /api/v1/jobs/{id}); writes are throttled and ordered. */
  progress(progress: Record<string, unknown>): void;
  /** Stores progress now, unthrottled (what a later attempt must know, e.g. the import record). */
  checkpoint(progress: Record<string, unknown>): Promise<void>;
  /**
   * Aborted when the runner stops or the lease was lost: stop at a safe point and throw (a
   * job that returns counts as finished); at a clean stop the job is queued again.
   */
  signal: AbortSignal;
}

/** One kind of job: a file `<kind>.job.ts` in this folder exports one of these. */
export interface JobHandler {
  kind: JobKind;
  /** Attempts before the job fails for good (default 3). */
  maxAttempts?: number;
  run(context: JobContext): Promise<Record<string, unknown>>;
}

/**
 * A failure that retrying cannot fix (a rejected file, a missing upload): the job fails at once
 * with this code and message. An AppError other than `internal` counts as one too; any other
 * error is retried with backoff until the job's attempts are used up.
 */
export class JobFailure extends Error {
  override name = 'JobFailure';
  constructor(
    readonly code: string,
    readonly userMessage: Localized,
    readonly detail?: Record<string, unknown>,
  ) {
    super(`${code}: ${userMessage.en}`);
  }
}
