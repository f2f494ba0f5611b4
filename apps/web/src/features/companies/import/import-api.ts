import {
  ImportProgressEvent,
  ImportRecord,
  ImportRunResult,
  type Job,
  JobAccepted,
} from '@banso/shared';
import { ApiError, api } from '../../../api/client';
import { followJob, jobApiError } from '../../jobs/job-api';
import type { TextEncoding } from './csv-preview';

export type RunResult = ImportRunResult;
export type ProgressEvent = ImportProgressEvent;
export type ImportRecordDto = ImportRecord;

const IMPORT_PATH = '/api/v1/companies/import';

/** What the wizard sends with the file (the API's query). */
export interface ImportSettings {
  format: 'nta' | 'banso';
  encoding: TextEncoding;
  mode: 'atomic' | 'batches';
  /** JSON for files from other sources (Banso title → file header); null otherwise. */
  mapping: string | null;
  /** Only rows in this prefecture/municipality (国税庁 data). */
  municipality: string | null;
  fileName: string;
}

const query = (settings: ImportSettings, extra: Record<string, string | boolean> = {}) => ({
  format: settings.format,
  encoding: settings.encoding,
  mode: settings.mode,
  mapping: settings.mapping,
  municipality: settings.municipality,
  fileName: settings.fileName,
  ...extra,
});

/** The file's content type names its charset, as the API accepts. */
const CHARSETS: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  shift_jis: 'Shift_JIS',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};
const contentType = (encoding: TextEncoding) => `text/csv; charset=${CHARSETS[encoding]}`;

/**
 * Validates the file without writing (dryRun). A file with errors in atomic mode answers 422
 * with the full result; that result is returned here like a 200. Other errors throw ApiError.
 */
export async function dryRunImport(file: Blob, settings: ImportSettings): Promise<RunResult> {
  try {
    return await api.post(IMPORT_PATH, ImportRunResult, {
      query: query(settings, { dryRun: true }),
      rawBody: file,
      contentType: contentType(settings.encoding),
    });
  } catch (error) {
    const rejected = rejectedResult(error);
    if (rejected) return rejected;
    throw error;
  }
}

/** The ImportRunResult a 422 import_invalid problem carries, if any. */
function rejectedResult(error: unknown): RunResult | null {
  if (!(error instanceof ApiError) || error.code !== 'import_invalid') return null;
  const parsed = ImportRunResult.safeParse(error.problem?.result);
  return parsed.success ? parsed.data : null;
}

/** How an import ended. */
export type StreamOutcome =
  | { kind: 'result'; result: RunResult }
  /** The API answered with a problem (a rejected file carries its result). */
  | { kind: 'problem'; error: ApiError; result: RunResult | null }
  /** The connection broke before the last line; `importId` is the record, once writing began. */
  | { kind: 'disconnected'; importId: string | null; last: ProgressEvent | null };

/** A failed job as the ApiError the synchronous request would have thrown, with its result. */
function jobError(job: Job): { error: ApiError; result: RunResult | null } {
  const parsed = ImportRunResult.safeParse(job.error?.detail?.result);
  const result = parsed.success ? parsed.data : null;
  return { error: jobApiError(job, result ? { result } : {}), result };
}

/** How a job-run import ended: as a streamed one, or cancelled (by its user, or an admin). */
export type JobOutcome =
  | StreamOutcome
  /** Stopped at a safe point: the rows up to `last` were written and stay. */
  | { kind: 'cancelled'; importId: string | null; last: ProgressEvent | null };

/**
 * Imports the file as a background job (`Prefer: respond-async`) and follows the job until it
 * ends (features/jobs/job-api.ts): `onProgress` gets each new progress the job reports,
 * `onQueued` the job once the upload is accepted (to cancel it). The import goes on on the
 * server if the page stops following it; with `resume`, continues that interrupted import record.
 */
export async function runImportJob(
  file: Blob,
  settings: ImportSettings,
  onProgress: (event: ProgressEvent) => void,
  options: {
    resume?: string;
    signal?: AbortSignal;
    pollMs?: number;
    onQueued?: (jobId: string) => void;
    onUpdate?: (job: Job) => void;
  } = {},
): Promise<JobOutcome> {
  let accepted: JobAccepted;
  try {
    accepted = await api.post(IMPORT_PATH, JobAccepted, {
      query: query(settings, options.resume ? { resume: options.resume } : {}),
      rawBody: file,
      contentType: contentType(settings.encoding),
      headers: { prefer: 'respond-async' },
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'network')
      return { kind: 'disconnected', importId: null, last: null };
    if (error instanceof ApiError) return { kind: 'problem', error, result: rejectedResult(error) };
    throw error;
  }
  options.onQueued?.(accepted.jobId);
  let last: ProgressEvent | null = null;
  const outcome = await followJob(accepted.jobId, {
    signal: options.signal,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.onUpdate ? { onUpdate: options.onUpdate } : {}),
    onProgress(progress) {
      const event = ImportProgressEvent.safeParse({ ...progress, type: 'progress' });
      if (event.success) {
        last = event.data;
        onProgress(event.data);
      }
    },
  });
  const importId = (last as ProgressEvent | null)?.importId ?? null;
  if (outcome.kind === 'lost') return { kind: 'disconnected', importId, last };
  const { job } = outcome;
  if (job.status === 'succeeded') {
    const result = ImportRunResult.safeParse(job.result);
    if (result.success) return { kind: 'result', result: result.data };
    return { kind: 'problem', ...jobError({ ...job, error: null }) };
  }
  if (job.status === 'cancelled') return { kind: 'cancelled', importId, last };
  return { kind: 'problem', ...jobError(job) };
}

export function fetchImportRecord(id: string, signal?: AbortSignal) {
  return api.get(`/api/v1/imports/${id}`, ImportRecord, { signal });
}

/** The export's download address: a plain link, the session cookie goes with it. */
export const exportUrl = (encoding: 'utf-8' | 'shift_jis') =>
  `/api/v1/companies/export?encoding=${encoding}`;
