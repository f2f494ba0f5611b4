import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'banso-lock-'));

describe('acquireDataDirLock', () => {
  it('refuses a second holder while the first lives, and frees the lock on release', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir);
    // Same process, but the lock file names a live pid that is not ours: simulate with the parent pid.
    writeFileSync(
      lock.file,
      JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: 'then' }),
    );
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    writeFileSync(
      lock.file,
      JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: 'now' }),
    );
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it('takes over a lock left by a process that died (kill -9)', () => {
    const dir = tmp();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(
      path.join(dir, 'banso.lock'),
      JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), startedAt: 'then' }),
    );
    const lock = acquireDataDirLock(dir);
    expect(existsSync(lock.file)).toBe(true);
    lock.release();
  });

  it('treats an empty, half-written lock file as stale', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'banso.lock'), '');
    acquireDataDirLock(dir).release();
  });
});
