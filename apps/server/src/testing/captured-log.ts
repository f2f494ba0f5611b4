import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logger';

/** A logger whose JSON lines are kept in memory, for tests that assert what was logged. */
export function capturedLog(level = 'info'): {
  logger: Logger;
  /** Every line written so far, as written. */
  readonly lines: string[];
  /** The lines, parsed. */
  entries(): Record<string, unknown>[];
  clear(): void;
} {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger(level, sink),
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    clear: () => {
      lines.length = 0;
    },
  };
}
