import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bansoEnv, startBanso, waitForOutput } from '../../apps/server/src/testing/banso-process';
import { WEB_DIST } from './web-build';

export interface RunningBanso {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one-time first-run URL `banso serve` printed (`/setup?token=…`). */
  setupUrl: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real `banso serve` (as `npm start` runs it) on a new, EMPTY embedded data directory, on a
 * free loopback port, serving the built web app. Resolves once it printed its first-run URL.
 */
export async function startEmptyBanso(
  extraEnv: Record<string, string> = {},
): Promise<RunningBanso> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-e2e-'));
  const child = startBanso(
    ['serve'],
    bansoEnv(dataDir, {
      HOST: '127.0.0.1',
      PORT: '0',
      BANSO_WEB_DIST: WEB_DIST,
      // No timed backups during a test run (a clean stop still writes its shutdown backup).
      BANSO_BACKUP_HOURS: '0',
      ...extraEnv,
    }),
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  try {
    const [, url, token] = await waitForOutput(
      child,
      /(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([\w-]+)/,
      90_000,
    );
    if (!url || !token) throw new Error(`no setup URL in:\n${output}`);
    return {
      url,
      setupUrl: `${url}/setup?token=${token}`,
      dataDir,
      output: () => output,
      stop: async () => {
        await stopChild(child);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
