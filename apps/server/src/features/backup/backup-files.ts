import { existsSync } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Backup files under `<dataDir>/backups/`:
 * `banso-<yyyymmdd-hhmmss>-<reason>.sql.gz`, the time in UTC (so names sort
 * by time whatever the machine's zone), with `-2`, `-3` … added when two
 * backups of a reason fall into the same second. A file being written has a
 * leading dot and ends in `.partial`, so it never looks like a backup.
 */
export const BACKUP_REASONS = ['daily', 'shutdown', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

const NAME =
  /^banso-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(daily|shutdown|manual)(?:-(\d+))?\.sql\.gz$/;
const PARTIAL = /^\.banso-.*\.partial$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function backupFileName(at: Date, reason: BackupReason, sequence = 1): string {
  const stamp =
    `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  return `banso-${stamp}-${reason}${sequence > 1 ? `-${sequence}` : ''}.sql.gz`;
}

export interface BackupName {
  name: string;
  at: Date;
  reason: BackupReason;
  sequence: number;
}

export function parseBackupFileName(name: string): BackupName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, reason, seq] = m;
  const at = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  );
  if (Number.isNaN(at.getTime())) return null;
  return { name, at, reason: reason as BackupReason, sequence: seq ? Number(seq) : 1 };
}

const newestFirst = (a: BackupName, b: BackupName) =>
  b.at.getTime() - a.at.getTime() || b.sequence - a.sequence;

/** The names rotation deletes: all but the `keep` newest of each reason. Other files are never touched. */
export function namesToRotate(names: readonly string[], keep: number): string[] {
  const parsed = names.map(parseBackupFileName).filter((b): b is BackupName => b !== null);
  const doomed: string[] = [];
  for (const reason of BACKUP_REASONS) {
    const mine = parsed.filter((b) => b.reason === reason).sort(newestFirst);
    doomed.push(...mine.slice(Math.max(keep, 0)).map((b) => b.name));
  }
  return doomed;
}

/** The newest backup of a reason, from the names alone. */
export function newestBackup(names: readonly string[], reason: BackupReason): BackupName | null {
  const mine = names
    .map(parseBackupFileName)
    .filter((b): b is BackupName => b?.reason === reason)
    .sort(newestFirst);
  return mine[0] ?? null;
}

/** When the next periodic backup is due: now if there is none or the newest is older than the interval. */
export function nextDailyDue(newest: Date | null, now: Date, everyHours: number): Date | null {
  if (everyHours <= 0) return null;
  if (!newest) return now;
  const due = newest.getTime() + everyHours * 3_600_000;
  return new Date(Math.max(due, now.getTime()));
}

export async function listBackupNames(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((n) => NAME.test(n)).sort();
}

/** A free path for a new backup of this reason and time. */
export function newBackupPath(dir: string, at: Date, reason: BackupReason): string {
  for (let sequence = 1; ; sequence++) {
    const candidate = path.join(dir, backupFileName(at, reason, sequence));
    if (!existsSync(candidate)) return candidate;
  }
}

export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const doomed = namesToRotate(await listBackupNames(dir), keep);
  for (const name of doomed) await unlink(path.join(dir, name)).catch(() => undefined);
  return doomed;
}

/** The temporary name a dump is written under before it is renamed into place. */
export const partialPath = (file: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);

/** Leftovers of a backup cut short (crash, power cut); only this process may write here (data-dir lock). */
export async function removePartials(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!PARTIAL.test(name)) continue;
    const file = path.join(dir, name);
    if ((await stat(file)).isFile()) {
      await unlink(file).catch(() => undefined);
      removed.push(name);
    }
  }
  return removed;
}
