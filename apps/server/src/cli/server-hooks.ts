import type { ServerHooks } from '../runtime/server';

/** What `banso serve` attaches to the running server. */
export const serverHooks: ServerHooks = {
  // Embedded database: rotating backups periodically and at clean shutdown (PGlite never fsyncs).
  // Nothing with PostgreSQL (its own backup policy applies).
  onStarted: async (runtime) =>
    (await import('../features/backup/automatic-backups')).startAutomaticBackups(runtime),
};
