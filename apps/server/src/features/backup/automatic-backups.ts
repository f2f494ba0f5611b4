import { mkdirSync } from 'node:fs';
import { type Clock, systemClock } from '../../clock';
import type { MaintenanceTask } from '../../jobs/job-runner';
import type { Runtime } from '../../runtime/open-runtime';
import {
  type BackupReason,
  backupsDir,
  listBackupNames,
  newBackupPath,
  newestBackup,
  nextDailyDue,
  removePartials,
  rotateBackups,
} from './backup-files';
import { type DumpResult, writeDump } from './dump-writer';

export interface AutomaticBackups {
  /**
   * The periodic backup as a maintenance task for the jobs runner (`runner.schedule(task)`):
   * due when the newest periodic backup is older than BANSO_BACKUP_HOURS (at once when there
   * is none), retried with the runner's backoff when it fails.
   */
  task: MaintenanceTask;
  /** Waits for a running backup, then writes the shutdown backup (after the runner has stopped). */
  stop(): Promise<void>;
  /** Runs one backup now (serialised with the others); for tests and an admin action. */
  runNow(reason: BackupReason): Promise<DumpResult | null>;
}

export interface AutomaticBackupOptions {
  /** The time backups are named by; the real clock by default (tests pass testing/fake-clock.ts). */
  clock?: Pick<Clock, 'now'>;
  /** Rows per chunk; requests are served between chunks. */
  chunkRows?: number;
}

/**
 * PGlite never fsyncs, so the embedded database keeps rotating portable
 * dumps under `<dataDir>/backups/`: one when the newest periodic backup is
 * older than BANSO_BACKUP_HOURS (the returned `task`, run on the jobs runner's
 * timers), and one at every clean shutdown (`stop`); the BANSO_BACKUP_KEEP
 * newest of each kind are kept. Backups are written one at a time, in order.
 * With PostgreSQL the database server is responsible (pg_dump, or
 * `banso backup` from cron), so nothing is scheduled here.
 */
export function createAutomaticBackups(
  runtime: Runtime,
  options: AutomaticBackupOptions = {},
): AutomaticBackups | undefined {
  const { config, logger, driver, db } = runtime.deps;
  const log = logger.child({ feature: 'backup' });
  if (driver !== 'pglite') {
    log.info(
      'automatic backups are for the embedded database only; with PostgreSQL use pg_dump or `banso backup`',
    );
    return undefined;
  }
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const dir = backupsDir(config.dataDir);
  mkdirSync(dir, { recursive: true });
  const everyHours = config.backup.everyHours;

  let queue: Promise<unknown> = removePartials(dir).then(
    (removed) => {
      if (removed.length > 0)
        log.warn({ removed }, 'removed unfinished backups left by an earlier run');
    },
    (error: unknown) => log.warn({ err: error }, 'could not clear unfinished backups'),
  );
  let stopped = false;

  /** One backup at a time, in order; rejects when it fails (the next still runs). */
  function backup(reason: BackupReason): Promise<DumpResult> {
    const run = queue.then(async () => {
      const file = newBackupPath(dir, now(), reason);
      try {
        const result = await writeDump(db, driver, file, {
          now,
          ...(options.chunkRows ? { chunkRows: options.chunkRows } : {}),
        });
        const rotated = await rotateBackups(dir, config.backup.keep);
        log.info(
          { file, bytes: result.bytes, rows: result.totalRows, ms: result.ms, rotated },
          `${reason} backup written`,
        );
        return result;
      } catch (error) {
        log.error({ err: error, file }, `${reason} backup failed`);
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }
  const runNow = (reason: BackupReason) => backup(reason).catch(() => null);

  return {
    task: {
      name: 'automatic-backup',
      async nextDueAt() {
        if (stopped || everyHours <= 0) return null;
        const newest = newestBackup(await listBackupNames(dir), 'daily');
        return nextDailyDue(newest?.at ?? null, now(), everyHours);
      },
      async run() {
        if (stopped) return;
        await backup('daily');
      },
    },
    runNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      await runNow('shutdown');
    },
  };
}
