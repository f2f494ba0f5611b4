import { z } from 'zod';

/**
 * The kinds of background job stored in the jobs table (a closed set: the table's CHECK
 * constraint is written from this list). Work that belongs to no organisation (the session
 * purge, automatic backups, matching index builds) is not stored here: the runner schedules it
 * as maintenance (see docs/ARCHITECTURE.md, "Background jobs").
 */
export const JOB_KINDS = ['companies.import', 'listings.import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Why a job failed: a stable code and the message in both languages. */
export const JobError = z
  .object({
    code: z.string().meta({ description: 'An error code (ErrorCode) or `job_lost`/`internal`.' }),
    message: z.object({ ja: z.string(), en: z.string() }),
    detail: z.record(z.string(), z.unknown()).optional().meta({
      description: 'The problem body the synchronous request would have answered, if any.',
    }),
  })
  .meta({ id: 'JobError' });
export type JobError = z.infer<typeof JobError>;

export const Job = z
  .object({
    id: z.uuid(),
    kind: z.enum(JOB_KINDS),
    status: z.enum(JOB_STATUSES),
    progress: z.record(z.string(), z.unknown()).nullable().meta({
      description:
        'Kind-specific progress, updated while running (an import: its ImportProgressEvent fields).',
    }),
    result: z.record(z.string(), z.unknown()).nullable().meta({
      description: 'Kind-specific result once succeeded (an import: its ImportRunResult).',
    }),
    error: JobError.nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    cancelRequested: z.boolean().meta({
      description:
        'Someone asked to cancel the job: a running job stops at its next safe point and ends `cancelled`, keeping what it had committed.',
    }),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

/** The 202 answer of a request whose work became a job. */
export const JobAccepted = z
  .object({ jobId: z.uuid(), status: z.enum(JOB_STATUSES), location: z.string() })
  .meta({ id: 'JobAccepted' });
export type JobAccepted = z.infer<typeof JobAccepted>;
