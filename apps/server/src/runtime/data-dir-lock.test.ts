import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose holder was killed but is still visible as a zombie',
    async () => {
      const dir = tmp();
      // `sleep 0.2 &` ends soon; the shell has become `sleep 30`, which never reaps it: a zombie
      // whose pid still answers kill(pid, 0), as a kill -9'd server does until it is reaped.
      const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      try {
        const pidText = await new Promise<string>((resolve) =>
          parent.stdout.once('data', (d) => resolve(String(d))),
        );
        const pid = Number(pidText);
        await vi.waitFor(() => expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/\) Z /), {
          timeout: 10_000,
          interval: 10,
        });
        expect(() => process.kill(pid, 0)).not.toThrow(); // the pid is still "there"
        writeFileSync(
          path.join(dir, 'banso.lock'),
          JSON.stringify({ pid, host: os.hostname(), startedAt: 'then' }),
        );
        const lock = acquireDataDirLock(dir);
        expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
        lock.release();
      } finally {
        parent.kill('SIGKILL');
      }
    },
    30_000,
  );

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to another process (other start time)',
    () => {
      const dir = tmp();
      writeFileSync(
        path.join(dir, 'banso.lock'),
        JSON.stringify({
          pid: process.ppid,
          host: os.hostname(),
          startedAt: 'then',
          procStart: '1',
        }),
      );
      const lock = acquireDataDirLock(dir);
      expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({
        pid: process.pid,
        procStart: expect.stringMatching(/^\d+$/),
      });
      lock.release();
    },
  );

  it.runIf(process.platform === 'linux')(
    'refuses while the holder with its own start time runs',
    () => {
      const dir = tmp();
      const lock = acquireDataDirLock(dir);
      const mine = JSON.parse(readFileSync(lock.file, 'utf8')) as { procStart: string };
      const parentStart = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
      const start = parentStart.slice(parentStart.lastIndexOf(')') + 2).split(' ')[19];
      writeFileSync(
        lock.file,
        JSON.stringify({
          pid: process.ppid,
          host: os.hostname(),
          startedAt: 'then',
          procStart: start,
        }),
      );
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(mine.procStart).toMatch(/^\d+$/);
      writeFileSync(
        lock.file,
        JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: 'now' }),
      );
      lock.release();
    },
  );
});
