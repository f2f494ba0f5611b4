import { ImportId } from '@banso/shared';
import { describe, expect, it, vi } from 'vitest';
import { importProgressStream, PROGRESS_INTERVAL_MS } from './import-progress-stream';
import type { ImportProgress, ImportRunResult } from './import-run';

const progress = (over: Partial<ImportProgress>): ImportProgress => ({
  phase: 'validate',
  bytesRead: 0,
  totalBytes: 100,
  linesRead: 0,
  rowsRead: 0,
  committedLine: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  errorCount: 0,
  importId: null,
  ...over,
});

const result: ImportRunResult = {
  id: ImportId.parse('0190a8a0-0000-7000-8000-000000000001'),
  status: 'completed',
  format: 'banso',
  encoding: 'utf-8',
  rowsRead: 3,
  inserted: 3,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  committedLine: 4,
  errors: [],
  errorCount: 0,
};

async function readLines(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('importProgressStream', () => {
  it('sends a start line, throttles progress, always sends a new phase, and ends with the result', async () => {
    let clock = 0;
    const cleanup = vi.fn(async () => {});
    const stream = importProgressStream({
      totalBytes: 100,
      now: () => clock,
      run: async (onProgress) => {
        onProgress(progress({ linesRead: 10 })); // within the interval: held back …
        onProgress(progress({ linesRead: 20 })); // … and replaced by the newer one
        clock += PROGRESS_INTERVAL_MS;
        onProgress(progress({ linesRead: 30 })); // interval over: sent
        onProgress(progress({ phase: 'write', committedLine: 5, importId: result.id })); // new phase
        return result;
      },
      finalLine: (r) => ({ type: 'result', ...r }),
      errorLine: () => ({ type: 'problem', problem: {} }),
      cleanup,
    });
    const lines = await readLines(stream);
    expect(lines.map((l) => [l.type, l.phase, l.linesRead, l.committedLine])).toEqual([
      ['progress', 'validate', 0, 0],
      ['progress', 'validate', 30, 0],
      ['progress', 'write', 0, 5],
      ['result', undefined, undefined, 4],
    ]);
    expect(lines[0]).toMatchObject({ totalBytes: 100, importId: null });
    await vi.waitFor(() => expect(cleanup).toHaveBeenCalledOnce());
  });

  it('sends a held-back progress line once the interval has passed', async () => {
    vi.useFakeTimers();
    try {
      let release: () => void = () => {};
      const stream = importProgressStream({
        totalBytes: 10,
        run: async (onProgress) => {
          onProgress(progress({ linesRead: 7 }));
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return result;
        },
        finalLine: (r) => ({ type: 'result', ...r }),
        errorLine: () => ({ type: 'problem', problem: {} }),
        cleanup: async () => {},
      });
      const reader = stream.getReader();
      const decode = (v: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(v));
      expect(decode((await reader.read()).value)).toMatchObject({ linesRead: 0 });
      await vi.advanceTimersByTimeAsync(PROGRESS_INTERVAL_MS);
      expect(decode((await reader.read()).value)).toMatchObject({ linesRead: 7 });
      release();
      expect(decode((await reader.read()).value)).toMatchObject({ type: 'result' });
      expect((await reader.read()).done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a thrown error into the last line, and keeps running when the reader goes away', async () => {
    const failing = importProgressStream({
      totalBytes: 1,
      run: async () => {
        throw new Error('boom');
      },
      finalLine: (r) => ({ type: 'result', ...r }),
      errorLine: (e) => ({ type: 'problem', problem: { detail: (e as Error).message } }),
      cleanup: async () => {},
    });
    expect((await readLines(failing)).at(-1)).toEqual({
      type: 'problem',
      problem: { detail: 'boom' },
    });

    let finished = false;
    const cleanup = vi.fn(async () => {});
    const abandoned = importProgressStream({
      totalBytes: 1,
      run: async (onProgress) => {
        await new Promise((r) => setTimeout(r, 20));
        onProgress(progress({ phase: 'write' }));
        finished = true;
        return result;
      },
      finalLine: (r) => ({ type: 'result', ...r }),
      errorLine: () => ({ type: 'problem', problem: {} }),
      cleanup,
    });
    await abandoned.cancel();
    await vi.waitFor(() => expect(cleanup).toHaveBeenCalledOnce());
    expect(finished).toBe(true);
  });
});
