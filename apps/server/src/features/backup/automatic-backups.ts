import { mkdirSync } from 'node:fs';
import { type Clock, type ClockTimer, systemClock } from '../../clock';
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
  /** Waits for a running backup, then writes the shutdown backup. */
  stop(): Promise<void>;
  /** Runs one backup now (serialised with the others); for tests and an admin action. */
  runNow(reason: BackupReason): Promise<DumpResult | null>;
}

export interface AutomaticBackupOptions {
  /** Time and the backup timer; the real clock by default (tests pass testing/fake-clock.ts). */
  clock?: Clock;
  /** Rows per chunk; requests are served between chunks. */
  chunkRows?: number;
}

/** setTimeout cannot wait longer than ~24.8 days; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * PGlite never fsyncs, so the embedded database keeps rotating portable
 * dumps under `<dataDir>/backups/`: one when the newest periodic backup is
 * older than BANSO_BACKUP_HOURS (at start and then on a timer), and one at
 * every clean shutdown; the BANSO_BACKUP_KEEP newest of each kind are kept.
 * With PostgreSQL the database server is responsible (pg_dump, or
 * `banso backup` from cron), so nothing is scheduled here.
 */
export function startAutomaticBackups(
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
  let timer: ClockTimer | null = null;
  let stopped = false;

  /** One backup at a time, in order; a failure is logged and does not stop the next. */
  function runNow(reason: BackupReason): Promise<DumpResult | null> {
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
        return null;
      }
    });
    queue = run;
    return run;
  }

  /** Arms the timer for the next periodic backup; after a failure, retries an hour later at the earliest. */
  async function schedule(retryAfter: Date | null = null): Promise<void> {
    if (stopped || everyHours <= 0) return;
    const newest = newestBackup(await listBackupNames(dir), 'daily');
    const next = nextDailyDue(newest?.at ?? null, now(), everyHours);
    if (!next || stopped) return;
    const due = retryAfter && retryAfter > next ? retryAfter : next;
    const wait = Math.min(Math.max(due.getTime() - now().getTime(), 0), MAX_TIMER_MS);
    timer = clock.setTimeout(() => {
      timer = null;
      if (stopped) return;
      if (due.getTime() > now().getTime()) {
        // A wait longer than MAX_TIMER_MS: not due yet, re-arm.
        arm(retryAfter);
        return;
      }
      void runNow('daily').then((result) =>
        arm(result ? null : new Date(now().getTime() + Math.min(everyHours, 1) * 3_600_000)),
      );
    }, wait);
  }
  function arm(retryAfter: Date | null = null): void {
    schedule(retryAfter).catch((error: unknown) =>
      log.error({ err: error }, 'could not schedule automatic backups'),
    );
  }
  arm();

  return {
    runNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      timer?.clear();
      await runNow('shutdown');
    },
  };
}
