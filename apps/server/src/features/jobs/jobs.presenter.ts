import type { Job, JobError } from '@banso/shared';
import type { JobRow } from './jobs.repository';

/** A job row as the API shows it (the payload, which holds the acting user, stays inside). */
export const presentJob = (row: JobRow): Job => ({
  id: row.id,
  kind: row.kind as Job['kind'],
  status: row.status as Job['status'],
  progress: row.progress ?? null,
  result: row.result ?? null,
  error: (row.error as JobError | null) ?? null,
  attempts: row.attempts,
  maxAttempts: row.maxAttempts,
  runAt: row.runAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  cancelRequested: row.cancelRequestedAt !== null,
});
