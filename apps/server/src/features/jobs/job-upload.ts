import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { JobId, type JobKind } from '@banso/shared';
import type { Actor, AppDeps } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import type { JobRow } from './jobs.repository';
import { enqueueJob } from './jobs.service';

/** The directory that holds a job's upload: `<BANSO_JOB_FILES_DIR>/<job id>/`. */
export const jobFileDir = (jobFilesDir: string, jobId: string) => path.join(jobFilesDir, jobId);

/**
 * Queues a job that works on an uploaded file (the caller has authorised the work): `store`
 * writes the upload into the job's own directory under BANSO_JOB_FILES_DIR, so it survives a
 * restart, then the job is queued with the payload built from the stored file's path. If
 * anything fails, the directory is removed and nothing is queued.
 */
export async function enqueueJobWithUpload(
  deps: Pick<AppDeps, 'db' | 'now'> & { config: Pick<AppDeps['config'], 'jobFilesDir'> },
  actor: Actor,
  job: {
    kind: JobKind;
    fileName: string;
    store: (file: string) => Promise<void>;
    payload: (file: string) => Record<string, unknown>;
  },
): Promise<JobRow> {
  const id = newId(JobId);
  const dir = jobFileDir(deps.config.jobFilesDir, id);
  await mkdir(dir, { recursive: true });
  try {
    const file = path.join(dir, job.fileName);
    await job.store(file);
    return await asActor(deps.db, actor, (tx) =>
      enqueueJob(tx, actor, { id, kind: job.kind, payload: job.payload(file), now: deps.now() }),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
