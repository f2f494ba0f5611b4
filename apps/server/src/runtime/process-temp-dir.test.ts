import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessTempDir, sweepDeadProcessTempDirs } from './process-temp-dir';

const PREFIX = `banso-test-${process.pid}x-`;
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('process temporary directories', () => {
  it('removes what a process that is gone left behind, and nothing of a living one', async () => {
    // The pid of a process that has ended (kill -9 leaves its directory like this).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    const left = path.join(os.tmpdir(), `${PREFIX}${dead}-abc123`);
    mkdirSync(left);
    made.push(left);
    const mine = await createProcessTempDir(PREFIX);
    made.push(mine);
    const parent = path.join(os.tmpdir(), `${PREFIX}${process.ppid}-def456`);
    mkdirSync(parent);
    made.push(parent);

    expect(path.basename(mine)).toMatch(new RegExp(`^${PREFIX}${process.pid}-`));
    expect(await sweepDeadProcessTempDirs(PREFIX)).toEqual([path.basename(left)]);
    expect(existsSync(left)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(parent)).toBe(true);
  });
});
