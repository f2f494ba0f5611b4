import { ERROR_CODES, type ErrorCode, Job } from '@banso/shared';
import { ApiError, api } from '../../api/client';
import { currentLanguage } from '../../i18n';

/** How often a job is read while it runs. */
export const JOB_POLL_MS = 400;
/** Failed reads of the job in a row before the page reports a lost connection. */
const POLL_FAILURES = 5;

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
    });
  });

/** How following a job ended: the job once it has ended, or the server stopped answering. */
export type FollowOutcome = { kind: 'ended'; job: Job } | { kind: 'lost' };

const ENDED = new Set<Job['status']>(['succeeded', 'failed', 'cancelled']);

/**
 * Reads GET /api/v1/jobs/{id} until the job has ended (succeeded, failed or cancelled):
 * `onProgress` gets each new progress the job reports, `onUpdate` every read. A few failed reads
 * in a row (the network) end it as `lost`; the job goes on on the server meanwhile.
 */
export async function followJob(
  jobId: string,
  options: {
    onProgress?: (progress: Record<string, unknown>) => void;
    onUpdate?: (job: Job) => void;
    signal?: AbortSignal;
    pollMs?: number;
  } = {},
): Promise<FollowOutcome> {
  const pollMs = options.pollMs ?? JOB_POLL_MS;
  let seen = '';
  let failures = 0;
  for (;;) {
    let job: Job;
    try {
      job = await api.get(`/api/v1/jobs/${jobId}`, Job, { signal: options.signal });
      failures = 0;
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      if (++failures >= POLL_FAILURES || !(error instanceof ApiError && error.code === 'network'))
        return { kind: 'lost' };
      await wait(pollMs * failures, options.signal);
      continue;
    }
    options.onUpdate?.(job);
    const text = JSON.stringify(job.progress);
    if (job.progress && text !== seen) {
      seen = text;
      options.onProgress?.(job.progress);
    }
    if (ENDED.has(job.status)) return { kind: 'ended', job };
    await wait(pollMs, options.signal);
  }
}

/**
 * Asks the server to cancel a job: a queued one ends at once, a running one at its next safe
 * point (keeping what it committed). A job that has ended meanwhile answers 409 job_finished.
 */
export const cancelJob = (jobId: string) => api.post(`/api/v1/jobs/${jobId}/cancel`, Job);

/**
 * A failed job as the ApiError the synchronous request would have thrown (its code and message;
 * `extra` goes into the problem body, e.g. an import's result).
 */
export function jobApiError(job: Job, extra: Record<string, unknown> = {}): ApiError {
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(job.error?.code ?? '')
    ? (job.error?.code as ErrorCode)
    : 'internal';
  const message = job.error?.message[currentLanguage()] ?? '';
  const status = code === 'import_invalid' ? 422 : code === 'internal' ? 500 : 400;
  const problem = {
    type: `https://banso.invalid/problems/${code}`,
    title: code,
    status,
    detail: message,
    code,
    ...extra,
  };
  return new ApiError(status, code, message, problem);
}
