import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '@banso/shared';
import type { AppDeps } from '../../../context';
import { asActor } from '../../../data/actor-scope';
import { authorize } from '../../../policy/policy';
import type { JobRow } from '../../jobs/jobs.repository';
import { enqueueJob } from '../../jobs/jobs.service';
import type { ImportOptions } from './import-options';

/** What a queued company import keeps in its job's payload (besides the acting user). */
export interface CompanyImportPayload {
  /** The stored upload, `<jobFilesDir>/<job id>/upload.csv`. */
  file: string;
  options: Pick<
    ImportOptions,
    'format' | 'encoding' | 'mode' | 'dryRun' | 'municipality' | 'mapping' | 'resume' | 'fileName'
  > & { locale: Locale };
}

/** The directory that holds a job's upload. */
export const jobFileDir = (jobFilesDir: string, jobId: string) => path.join(jobFilesDir, jobId);

/**
 * Queues a company import as a background job: the upload is written by `store` into the job's
 * own directory under BANSO_JOB_FILES_DIR (so it survives a restart and the job can resume),
 * then the job is queued (NOTIFY wakes a runner). The import itself authorises again when it runs.
 */
export async function queueCompanyImport(
  deps: Pick<AppDeps, 'db' | 'now' | 'config'>,
  actor: Parameters<typeof authorize>[0],
  store: (file: string) => Promise<void>,
  options: CompanyImportPayload['options'],
): Promise<JobRow> {
  authorize(actor, 'companies:import');
  const id = randomUUID();
  const dir = jobFileDir(deps.config.jobFilesDir, id);
  await mkdir(dir, { recursive: true });
  try {
    const file = path.join(dir, 'upload.csv');
    await store(file);
    const payload: CompanyImportPayload = { file, options };
    return await asActor(deps.db, actor, (tx) =>
      enqueueJob(tx, actor, {
        id,
        kind: 'companies.import',
        payload: payload as unknown as Record<string, unknown>,
        now: deps.now(),
      }),
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
