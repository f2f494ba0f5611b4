import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string; startedAt: string },
  ) {
    super(
      `Banso is already running on ${dataDir} (pid ${holder.pid} on ${holder.host} since ${holder.startedAt}). ` +
        'The embedded database can be opened by one process only: stop that process first, ' +
        'or use another BANSO_DATA_DIR, or run PostgreSQL (DATABASE_URL) for several processes.\n' +
        `このデータディレクトリ (${dataDir}) は既に別の Banso プロセス (pid ${holder.pid}) が使用中です。` +
        '組み込みデータベースは1つのプロセスからしか開けません。先にそのプロセスを停止してください。',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the embedded data directory. PGlite itself would let
 * two processes open the same directory and one would silently lose rows.
 * The lock file holds the owner's pid; a lock whose process is gone (kill -9,
 * power cut) is taken over, so a crash never blocks the next start.
 */
export function acquireDataDirLock(dataDir: string): { release(): void; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'banso.lock');
  const me = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release, file };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid: number; host: string; startedAt: string } | null = null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        holder = null; // half-written by a process that died at once: stale
      }
      if (
        holder &&
        holder.host === os.hostname() &&
        holder.pid !== process.pid &&
        isAlive(holder.pid)
      ) {
        throw new DataDirLockedError(dataDir, holder);
      }
      if (holder && holder.host !== os.hostname()) throw new DataDirLockedError(dataDir, holder);
      try {
        unlinkSync(file);
      } catch {
        // another process took it over first; try again
      }
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
