import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary directories named after the process that made them (`<prefix><pid>-XXXXXX` under the
 * system's temporary directory), so that what a killed process left behind (kill -9 skips every
 * `finally`) can be told apart and removed by the next one: an import's spool, a received upload,
 * an export being written.
 */
export const createProcessTempDir = (prefix: string): Promise<string> =>
  mkdtemp(path.join(os.tmpdir(), `${prefix}${process.pid}-`));

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the directories with this prefix whose process is gone; returns their names. */
export async function sweepDeadProcessTempDirs(prefix: string): Promise<string[]> {
  const tmp = os.tmpdir();
  const entries = await readdir(tmp).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
    if (pid && Number(pid) !== process.pid && !isAlive(Number(pid))) {
      await rm(path.join(tmp, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
