import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestDatabase } from '@banso/db/testing';
import { exited, startBanso } from './banso-process';

export { BANSO_BIN } from './banso-process';

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
export async function runCli(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startBanso(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    const run = await exited(child);
    if (run.signal === 'SIGKILL')
      throw new Error(`banso ${args.join(' ')} timed out\n${run.stdout}\n${run.stderr}`);
    return run;
  } finally {
    clearTimeout(timer);
  }
}
