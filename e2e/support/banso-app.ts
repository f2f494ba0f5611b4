import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { REPO_ROOT } from '../../apps/server/src/testing/banso-process';
import { type RunningBanso, startBansoServer } from './banso-server';
import { launchChromium, PageGuard } from './chromium';

const FAILURE_DIR = path.join(REPO_ROOT, 'test-results/failures');

export interface E2eSession {
  server: RunningBanso;
  page: Page;
  guard: PageGuard;
}

/**
 * A test file's world: `banso serve` on an empty data directory, one Chromium page with the
 * network/console guard. Every test ends by asserting the guard saw nothing; a failing test
 * leaves a screenshot in test-results/failures/.
 */
export function useBansoInChromium(
  options: {
    /**
     * true: the server starts on a new, empty data directory (initdb and migrations at start, as
     * on a user's first run). Otherwise on a copy of the run's migrated template (faster); both
     * have no organisation yet and print the first-run URL.
     */
    firstStart?: boolean;
  } = {},
): E2eSession {
  const session = {} as E2eSession;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    session.server = await startBansoServer({
      webDist: inject('bansoWebDist'),
      ...(options.firstStart ? {} : { copyOf: inject('bansoDataTemplate') }),
    });
    const chromium = await launchChromium();
    closeBrowser = chromium.close;
    session.guard = new PageGuard();
    await session.guard.attach(chromium.context);
    session.page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  });
  afterEach((context) => {
    const failed = context.task.result?.state === 'fail';
    const cleanup = async () => {
      if (failed && session.page) {
        mkdirSync(FAILURE_DIR, { recursive: true });
        const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
        await session.page
          .screenshot({ path: path.join(FAILURE_DIR, `${name}.png`), fullPage: true })
          .catch(() => undefined);
      }
      session.guard?.assertClean(context.task.name);
    };
    return cleanup();
  });
  afterAll(async () => {
    await closeBrowser?.();
    await session.server?.stop();
  });
  return session;
}
