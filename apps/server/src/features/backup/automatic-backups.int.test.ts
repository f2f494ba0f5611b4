import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase, testDriver } from '@banso/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createJobRunner } from '../../jobs/job-runner';
import { createLogger } from '../../logger';
import type { Runtime } from '../../runtime/open-runtime';
import { FakeClock } from '../../testing/fake-clock';
import { createAutomaticBackups } from './automatic-backups';
import { backupFileName, backupsDir, parseBackupFileName, partialPath } from './backup-files';
import { restoreDump } from './dump-restorer';
import { depsOf, fillThroughApi } from './testing/backup-fixture';
import { tableContents } from './testing/table-contents';

const driver = testDriver();
let database: TestDatabase;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await fillThroughApi(depsOf(database));
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});
afterAll(() => database.destroy());

function runtimeWith(env: Record<string, string>): { runtime: Runtime; dir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-auto-backup-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const deps = {
    ...depsOf(database),
    config: loadConfig({ BANSO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }),
    logger: createLogger('silent'),
  };
  return { runtime: { deps, handle: database, close: async () => {} }, dir: backupsDir(dataDir) };
}

const kinds = (dir: string) =>
  readdirSync(dir)
    .map((n) => parseBackupFileName(n)?.reason ?? n)
    .sort();

const HOUR = 3_600_000;
const later = (clock: FakeClock, ms: number) => new Date(clock.now().getTime() + ms);

/**
 * Automatic backups as `banso serve` wires them: the periodic backup scheduled on a jobs runner
 * (its maintenance timers on the fake clock, retries after 1 h, 2 h, …), the shutdown backup
 * after the runner has stopped.
 */
async function startBackups(runtime: Runtime, clock: FakeClock) {
  const backups = createAutomaticBackups(runtime, { clock });
  if (!backups) throw new Error('expected automatic backups on PGlite');
  const runner = createJobRunner({
    db: runtime.deps.db,
    logger: runtime.deps.logger,
    now: () => clock.now(),
    timers: clock,
    handlers: [],
    backoff: { baseMs: HOUR, maxMs: 8 * HOUR },
  });
  runner.schedule(backups.task);
  await runner.start();
  return {
    backups,
    async stop() {
      await runner.stop();
      await backups.stop();
    },
  };
}

describe('automatic backups of the embedded database', () => {
  it.runIf(driver === 'pglite')(
    'backs up at start when there is no recent periodic backup, and at clean shutdown; both restore',
    async () => {
      const { runtime, dir } = runtimeWith({ BANSO_BACKUP_HOURS: '24' });
      const clock = new FakeClock();
      const backups = await startBackups(runtime, clock);
      // No periodic backup yet: one is due at once.
      expect(await clock.nextTimer()).toEqual(clock.now());
      await clock.advance(0);
      // Written, the next one is armed a period later, and nothing runs before then.
      expect(await clock.nextTimer()).toEqual(later(clock, 24 * HOUR));
      expect(kinds(dir)).toEqual(['daily']);
      await clock.advance(24 * HOUR - 1000);
      expect(kinds(dir)).toEqual(['daily']);
      await backups.stop();
      expect(clock.timerCount).toBe(0);
      expect(kinds(dir)).toEqual(['daily', 'shutdown']);

      const shutdownFile = readdirSync(dir).find((n) => n.endsWith('-shutdown.sql.gz'));
      const target = await createTestDatabase();
      cleanup.push(() => target.destroy());
      await restoreDump(target.db, path.join(dir, shutdownFile ?? 'missing'));
      expect(await tableContents(target.db, { except: ['sessions'] })).toEqual(
        await tableContents(database.db, { except: ['sessions'] }),
      );
    },
  );

  it.runIf(driver === 'pglite')(
    'waits when the newest periodic backup is recent, keeps the newest N of each kind, clears unfinished ones',
    async () => {
      const { runtime, dir } = runtimeWith({ BANSO_BACKUP_HOURS: '24', BANSO_BACKUP_KEEP: '2' });
      mkdirSync(dir, { recursive: true });
      const clock = new FakeClock();
      const hoursAgo = (h: number) => later(clock, -h * HOUR);
      const recentDaily = backupFileName(hoursAgo(1), 'daily');
      const oldShutdowns = [30, 20, 10].map((h) => backupFileName(hoursAgo(h), 'shutdown'));
      for (const name of [recentDaily, ...oldShutdowns, 'notes.txt'])
        writeFileSync(path.join(dir, name), 'x');
      const partial = `.${backupFileName(hoursAgo(2), 'daily')}.999.partial`;
      writeFileSync(path.join(dir, partial), 'half');

      const backups = await startBackups(runtime, clock);
      // The newest periodic backup is an hour old: the next is due 23 hours from now, not before.
      expect(await clock.nextTimer()).toEqual(later(clock, 23 * HOUR));
      await clock.advance(23 * HOUR - 1000);
      await backups.stop();

      const names = readdirSync(dir).sort();
      expect(names).not.toContain(partial);
      expect(names).toContain('notes.txt');
      expect(names.filter((n) => n.includes('-daily'))).toEqual([recentDaily]);
      const shutdowns = names.filter((n) => n.includes('-shutdown'));
      expect(shutdowns).toHaveLength(2);
      expect(shutdowns).toContain(oldShutdowns[2]);
      expect(shutdowns).not.toContain(oldShutdowns[0]);
    },
  );

  it.runIf(driver === 'pglite')(
    'with BANSO_BACKUP_HOURS=0 writes only the shutdown backup',
    async () => {
      const { runtime, dir } = runtimeWith({ BANSO_BACKUP_HOURS: '0' });
      const clock = new FakeClock();
      const backups = await startBackups(runtime, clock);
      // With 0 hours the periodic backup is never due: no timer is ever armed.
      expect(clock.timerCount).toBe(0);
      await clock.advance(72 * HOUR);
      expect(clock.timerCount).toBe(0);
      await backups.stop();
      expect(clock.timerCount).toBe(0);
      expect(kinds(dir)).toEqual(['shutdown']);
    },
  );

  it.runIf(driver === 'pglite')(
    'retries a failed periodic backup with the runner backoff, then keeps the period from the new backup',
    async () => {
      const { runtime, dir } = runtimeWith({ BANSO_BACKUP_HOURS: '24' });
      mkdirSync(dir, { recursive: true });
      const clock = new FakeClock();
      // A directory where the first backup's temporary file must go: writing it fails.
      const blocker = partialPath(path.join(dir, backupFileName(clock.now(), 'daily')));
      mkdirSync(blocker);
      const backups = await startBackups(runtime, clock);
      expect(await clock.nextTimer()).toEqual(clock.now());
      await clock.advance(0);
      // Failed: retried after the backoff (1 h), not a period later.
      expect(await clock.nextTimer()).toEqual(later(clock, HOUR));
      expect(kinds(dir)).toEqual([path.basename(blocker)]);
      rmSync(blocker, { recursive: true });
      await clock.advance(HOUR);
      expect(await clock.nextTimer()).toEqual(later(clock, 24 * HOUR));
      expect(kinds(dir)).toEqual(['daily']);
      await backups.stop();
      expect(kinds(dir)).toEqual(['daily', 'shutdown']);
    },
  );

  it.runIf(driver === 'pglite')(
    'never overlaps a backup asked for meanwhile with the periodic one: it waits for it',
    async () => {
      const { runtime, dir } = runtimeWith({ BANSO_BACKUP_HOURS: '24' });
      const clock = new FakeClock();
      const backups = await startBackups(runtime, clock);
      await clock.nextTimer();
      // The periodic backup starts; a manual one is asked for while it is being written.
      await clock.advance(0);
      const manual = await backups.backups.runNow('manual');
      expect(manual?.totalRows).toBeGreaterThan(0);
      // It was queued behind the periodic one, which had therefore finished.
      expect(kinds(dir)).toEqual(['daily', 'manual']);
      await backups.stop();
      expect(kinds(dir)).toEqual(['daily', 'manual', 'shutdown']);
    },
  );

  it.runIf(driver === 'postgres')(
    'leaves PostgreSQL to its own backup policy: schedules and writes nothing',
    async () => {
      const { runtime, dir } = runtimeWith({});
      expect(createAutomaticBackups(runtime)).toBeUndefined();
      expect(existsSync(dir)).toBe(false);
    },
  );
});
