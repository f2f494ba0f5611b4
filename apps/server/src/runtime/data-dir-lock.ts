import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
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

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  /** The kernel's start time of the process (Linux: field 22 of /proc/<pid>/stat). */
  procStart?: string;
}

/** State and start time of a process from /proc, or null when /proc has no such process. */
function procStat(pid: number): { state: string; start: string } | null | undefined {
  if (process.platform !== 'linux') return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses; fields follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

const ownProcStart = () => procStat(process.pid)?.start;

/**
 * Whether the holder named in the lock file still runs. A pid alone is not enough: right after
 * kill -9 the dead process stays visible as a zombie until its parent reaps it, and a pid can
 * be reused by an unrelated process. On Linux a zombie (or dead) state, or another start time
 * than the one the holder wrote, means the holder is gone.
 */
function holderAlive(holder: Holder): boolean {
  const stat = procStat(holder.pid);
  if (stat === null) return false;
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X') return false;
    if (holder.procStart && stat.start !== holder.procStart) return false;
    return true;
  }
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the embedded data directory. PGlite itself would let
 * two processes open the same directory and one would silently lose rows.
 * The lock file holds the owner's pid (and on Linux its start time); a lock whose process is
 * gone (kill -9 — even while the dead process is still a zombie —, power cut, a reused pid) is
 * taken over, so a crash never blocks the next start.
 */
export function acquireDataDirLock(dataDir: string): { release(): void; file: string } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'banso.lock');
  const procStart = ownProcStart();
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    ...(procStart ? { procStart } : {}),
  };
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
      let holder: Holder | null = null;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        holder = null; // half-written by a process that died at once: stale
      }
      if (
        holder &&
        holder.host === os.hostname() &&
        holder.pid !== process.pid &&
        holderAlive(holder)
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
