import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bansoEnv, startBanso, waitForOutput } from '../../apps/server/src/testing/banso-process';
import { WEB_DIST } from './web-build';

export interface RunningBanso {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one-time first-run URL `banso serve` printed (`/setup?token=…`); null on a set-up database. */
  setupUrl: string | null;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** Stops the server (SIGTERM, as Ctrl-C would); an empty directory made here is deleted. */
  stop(): Promise<void>;
}

/**
 * The real `banso serve` (as `npm start` runs it) on a free loopback port, serving the built web
 * app (apps/web/dist unless `webDist` names a copy), on the embedded database in `dataDir` — by
 * default a new directory (EMPTY, or a copy of `copyOf`), deleted at stop. Resolves once it
 * printed its URL (and, when no organisation exists yet, its first-run URL).
 */
export async function startBansoServer(
  options: {
    dataDir?: string;
    /** Start from a copy of this data directory (e.g. migrated, no organisation yet). */
    copyOf?: string;
    webDist?: string;
    env?: Record<string, string>;
  } = {},
): Promise<RunningBanso> {
  const ownDir = options.dataDir === undefined;
  // A directory of our own has no organisation yet: wait for the first-run URL too.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'banso-e2e-'));
  if (options.copyOf) cpSync(options.copyOf, dataDir, { recursive: true });
  const child = startBanso(
    ['serve'],
    bansoEnv(dataDir, {
      HOST: '127.0.0.1',
      PORT: '0',
      BANSO_WEB_DIST: options.webDist ?? WEB_DIST,
      // No timed backups during a test run (a clean stop still writes its shutdown backup).
      BANSO_BACKUP_HOURS: '0',
      ...options.env,
    }),
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const cleanUp = async () => {
    await stopChild(child);
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The first-run URL comes after the "running at" line.
    const [, url, token] = ownDir
      ? await waitForOutput(child, /(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([\w-]+)/, 90_000)
      : await waitForOutput(child, /running at (http:\/\/127\.0\.0\.1:\d+)/, 90_000);
    if (!url) throw new Error(`no URL in:\n${output}`);
    return {
      url,
      setupUrl: token ? `${url}/setup?token=${token}` : null,
      dataDir,
      output: () => output,
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
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
