import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@banso/db/testing';

export const BANSO_BIN = fileURLToPath(new URL('../../bin/banso.mjs', import.meta.url));

/** Environment for a `banso` child process on the driver under test. */
export function cliEnv(database: TestDatabase): Record<string, string> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    LANG: 'C',
    LOG_LEVEL: 'warn',
  };
  if (database.driver === 'postgres' && database.url)
    return { ...base, DATABASE_URL: database.url };
  return { ...base, BANSO_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'banso-cli-')) };
}

/** Runs `banso …` to completion with no terminal; returns exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  options: { input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BANSO_BIN, ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`banso ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
