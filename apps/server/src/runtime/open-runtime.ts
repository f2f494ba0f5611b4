import { type DatabaseHandle, openDatabase } from '@banso/db';
import type { Config } from '../config';
import type { AppDeps } from '../context';
import type { Logger } from '../logger';
import { acquireDataDirLock } from './data-dir-lock';

export interface Runtime {
  deps: AppDeps;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * Opens the configured database for this process: for the embedded driver it
 * first takes the data-directory lock, then migrates. Used by the server and
 * every CLI command, so none of them can open the embedded database twice.
 */
export async function openRuntime(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean } = {},
): Promise<Runtime> {
  const lock = config.database.driver === 'pglite' ? acquireDataDirLock(config.dataDir) : null;
  let handle: DatabaseHandle;
  try {
    handle =
      config.database.driver === 'pglite'
        ? await openDatabase({ driver: 'pglite', dataDir: config.database.dataDir })
        : await openDatabase({
            driver: 'postgres',
            url: config.database.url,
            poolSize: config.database.poolSize,
            onIdleClientError: (err) => logger.warn({ err }, 'idle PostgreSQL connection closed'),
          });
    if (options.migrate !== false) await handle.migrate();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const deps: AppDeps = {
    db: handle.db,
    driver: handle.driver,
    config,
    logger,
    now: () => new Date(),
    listen: handle.listen,
  };
  let closed = false;
  return {
    deps,
    handle,
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
      lock?.release();
    },
  };
}
