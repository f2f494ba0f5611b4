import type { Locale } from '@banso/shared';
import type { Actor, AppDeps } from '../../../context';
import { authorize } from '../../../policy/policy';
import { enqueueJobWithUpload } from '../../jobs/job-upload';
import type { JobRow } from '../../jobs/jobs.repository';
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

/**
 * Queues a company import as a background job: the upload is written by `store` into the job's
 * own directory under BANSO_JOB_FILES_DIR (so it survives a restart and the job can resume),
 * then the job is queued (NOTIFY wakes a runner). The import itself authorises again when it runs.
 */
export function queueCompanyImport(
  deps: Pick<AppDeps, 'db' | 'now' | 'config'>,
  actor: Actor,
  store: (file: string) => Promise<void>,
  options: CompanyImportPayload['options'],
): Promise<JobRow> {
  authorize(actor, 'companies:import');
  return enqueueJobWithUpload(deps, actor, {
    kind: 'companies.import',
    fileName: 'upload.csv',
    store,
    payload: (file): CompanyImportPayload & Record<string, unknown> => ({ file, options }),
  });
}
