import { type Database, refreshStatistics } from '@banso/db';
import type { Logger } from '../logger';
import type { MaintenanceTask } from './job-runner';

/**
 * The planner statistics of the embedded database, kept as autovacuum keeps a PostgreSQL
 * server's (packages/db/src/statistics.ts): a maintenance task of the jobs runner, first a minute
 * after start, then every ten minutes. Only on the embedded database: a PostgreSQL server runs
 * its own autovacuum.
 */
export const embeddedStatistics = (options: { db: Database; logger: Logger }): MaintenanceTask => ({
  name: 'embedded-statistics',
  firstAfterMs: 60_000,
  everyMs: 600_000,
  run: async () => {
    const started = performance.now();
    const pass = await refreshStatistics(options.db);
    if (pass.analyzed.length > 0 || pass.vacuumed.length > 0) {
      options.logger.info(
        { feature: 'database', ...pass, ms: Math.round(performance.now() - started) },
        'refreshed the statistics of the embedded database',
      );
    }
  },
});
