import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@banso/db';
import { JobId } from '@banso/shared';
import { jobStatusesById } from '../features/jobs/jobs.repository';
import type { Logger } from '../logger';
import type { MaintenanceTask } from './job-runner';

const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

export interface JobFilesSweepOptions {
  db: Database;
  logger: Logger;
  now: () => Date;
  /** BANSO_JOB_FILES_DIR: one directory per job, named by its id. */
  jobFilesDir: string;
  /**
   * A directory is left alone until it is this old (last change): an upload is stored just
   * before its job row commits, and a failed job's upload stays this long for inspection.
   * Default 24 h.
   */
  graceMs?: number;
  /** Default hourly, the first run 10 minutes after start. */
  everyMs?: number;
  firstAfterMs?: number;
}

/**
 * Removes leftover job uploads: a directory under BANSO_JOB_FILES_DIR whose job has ended
 * (succeeded, failed, cancelled) or does not exist, once older than the grace period. Handlers
 * remove their upload when they end normally; this catches the rest (a cancelled job, a job that
 * failed after its retries, an upload whose job was never queued). Files that are not a job's
 * directory are never touched. Idempotent, so several processes sharing the directory may run it.
 */
export async function sweepJobFiles(options: JobFilesSweepOptions): Promise<string[]> {
  const { jobFilesDir } = options;
  if (!existsSync(jobFilesDir)) return [];
  const graceMs = options.graceMs ?? 24 * 3_600_000;
  const names = (await readdir(jobFilesDir, { withFileTypes: true })).flatMap((e) => {
    const id = e.isDirectory() ? JobId.safeParse(e.name.toLowerCase()) : undefined;
    return id?.success ? [id.data] : [];
  });
  const statuses = await jobStatusesById(options.db, names);
  const cutoff = options.now().getTime() - graceMs;
  const removed: string[] = [];
  for (const name of names) {
    const status = statuses.get(name);
    if (status !== undefined && !ENDED.has(status)) continue;
    const dir = path.join(jobFilesDir, name);
    const changed = await stat(dir).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (changed === null || changed > cutoff) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length > 0) {
    options.logger.info({ feature: 'jobs', removed }, 'removed leftover job uploads');
  }
  return removed;
}

/** The sweep as a maintenance task of the jobs runner. */
export const jobFilesSweep = (options: JobFilesSweepOptions): MaintenanceTask => ({
  name: 'job-files-sweep',
  firstAfterMs: options.firstAfterMs ?? 600_000,
  everyMs: options.everyMs ?? 3_600_000,
  run: () => sweepJobFiles(options).then(() => undefined),
});
