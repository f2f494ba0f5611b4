import type { ServerHooks } from '../runtime/server';

/** What `banso serve` attaches to the running server. */
export const serverHooks: ServerHooks = {
  // Embedded database: rotating backups periodically (a maintenance task on the jobs runner) and
  // at clean shutdown (PGlite never fsyncs). Nothing with PostgreSQL (its own backup policy applies).
  onStarted: async (runtime, { jobs }) => {
    const { createAutomaticBackups } = await import('../features/backup/automatic-backups');
    const backups = createAutomaticBackups(runtime);
    if (backups) jobs.schedule(backups.task);
    return backups;
  },
};
