import type { AppDeps } from '../../../context';
import type { MaintenanceTask } from '../../../jobs/job-runner';
import { interruptStaleImports } from './company-import.repository';

/** A running import that has committed nothing for this long has lost its process. */
export const STALE_IMPORT_MS = 15 * 60_000;

/**
 * Maintenance: imports cut off by kill -9 or a power cut are marked `interrupted` (resumable),
 * instead of saying "running" until someone resumes them. On the embedded database this process
 * holds the data directory alone, so every import that showed no sign of life since it started
 * is dead at once; on PostgreSQL other processes may be importing, so only imports without a
 * committed batch for STALE_IMPORT_MS are.
 */
export function staleImportsTask(
  deps: Pick<AppDeps, 'db' | 'driver' | 'now' | 'logger'>,
  startedAt: Date,
): MaintenanceTask {
  return {
    name: 'imports.interrupt-stale',
    firstAfterMs: 0,
    everyMs: 5 * 60_000,
    async run() {
      const cutoff = new Date(deps.now().getTime() - STALE_IMPORT_MS);
      const aliveSince = deps.driver === 'pglite' && startedAt > cutoff ? startedAt : cutoff;
      const marked = await interruptStaleImports(deps.db, aliveSince);
      if (marked.length > 0) {
        deps.logger.warn(
          { imports: marked, aliveSince },
          'imports whose process had stopped are marked interrupted (resumable)',
        );
      }
    },
  };
}
