import type { ImportProgressEvent } from '@banso/shared';
import type { ImportProgress, ImportRunResult } from './import-run';

/** At most one progress line per this many milliseconds (a new phase is always sent at once). */
export const PROGRESS_INTERVAL_MS = 250;

export const NDJSON_TYPE = 'application/x-ndjson';

/** One line of the stream: progress while the import works, then exactly one final line. */
export type ImportStreamLine =
  | ImportProgressEvent
  | ({ type: 'result' } & ImportRunResult)
  | { type: 'problem'; problem: Record<string, unknown> };

export const progressLine = (p: ImportProgress): ImportProgressEvent => ({
  type: 'progress',
  phase: p.phase,
  linesRead: p.linesRead,
  rowsRead: p.rowsRead,
  committedLine: p.committedLine,
  bytesRead: p.bytesRead,
  totalBytes: p.totalBytes,
  inserted: p.inserted,
  updated: p.updated,
  unchanged: p.unchanged,
  skipped: p.skipped,
  errorCount: p.errorCount,
  importId: p.importId,
});

/**
 * Runs an import and reports it as NDJSON (one JSON object per line): a progress line at the
 * start, then throttled progress lines, then one `result` or `problem` line. When the client
 * goes away, `abort` is signalled: the import stops after the batch being written and its
 * record is left 'interrupted' (committedLine says how far; `resume` continues). `cleanup` runs
 * once the import has ended, either way.
 */
export function importProgressStream(options: {
  totalBytes: number;
  run: (onProgress: (progress: ImportProgress) => void) => Promise<ImportRunResult>;
  /** The final line for a finished run (a rejected file becomes a `problem` line). */
  finalLine: (result: ImportRunResult) => ImportStreamLine;
  /** The final line for an error thrown by the run. */
  errorLine: (error: unknown) => ImportStreamLine;
  /** Aborted when the client goes away: the run stops at a batch boundary, resumable. */
  abort?: AbortController;
  /** Runs after the run (e.g. removes the uploaded file); its errors are ignored. */
  cleanup: () => Promise<void>;
  now?: () => number;
}): ReadableStream<Uint8Array> {
  const now = options.now ?? Date.now;
  const encoder = new TextEncoder();
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: ImportStreamLine) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          open = false; // the client is gone; the import carries on
        }
      };
      let lastSent = now();
      let lastPhase: ImportProgress['phase'] = 'validate';
      send({
        type: 'progress',
        phase: 'validate',
        linesRead: 0,
        rowsRead: 0,
        committedLine: 0,
        bytesRead: 0,
        totalBytes: options.totalBytes,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        errorCount: 0,
        importId: null,
      });
      // Throttled with a trailing send: the latest progress always goes out within the interval.
      let pending: ImportProgress | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        timer = null;
        if (!pending) return;
        lastSent = now();
        lastPhase = pending.phase;
        send(progressLine(pending));
        pending = null;
      };
      const onProgress = (progress: ImportProgress) => {
        pending = progress;
        const wait = PROGRESS_INTERVAL_MS - (now() - lastSent);
        if (progress.phase !== lastPhase || wait <= 0) {
          if (timer) clearTimeout(timer);
          flush();
        } else timer ??= setTimeout(flush, wait);
      };
      void (async () => {
        let last: ImportStreamLine;
        try {
          last = options.finalLine(await options.run(onProgress));
        } catch (error) {
          last = options.errorLine(error);
        }
        if (timer) clearTimeout(timer);
        send(last);
        if (open) {
          open = false;
          controller.close();
        }
        await options.cleanup().catch(() => {});
      })();
    },
    cancel() {
      open = false;
      options.abort?.abort();
    },
  });
}
