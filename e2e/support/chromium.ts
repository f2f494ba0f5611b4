import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); `.ci/run` installs it when e2e specs exist. */
export const CHROMIUM_PATH = process.env.BANSO_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), and none of Chromium's own calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * One Chromium on a fresh user-data directory. The persistent context *is* the browser profile,
 * so every test file starts with no cookies, storage or cache from anything before it.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'banso-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: true,
    // No transitions: axe otherwise measures a notification's text while it fades in (its colour
    // blended with the rising opacity reads as 3.4:1) — a timing artefact, not the page's contrast.
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A browser for many short-lived contexts (benchmarks): Playwright gives it a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Loopback http(s)/ws(s), or a URL that needs no network at all (data:, blob:, about:). */
export function isLocalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  return (
    ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && LOOPBACK_HOSTS.has(url.hostname)
  );
}

/**
 * What went wrong in the pages of a context: requests to any host that is not loopback (blocked
 * and recorded), errors the app logged to the console, uncaught page errors and 5xx answers.
 * `Failed to load resource` console lines are Chromium reporting an HTTP status the app handles
 * itself (401 from the session check, 422 from validation), not app errors: 5xx are caught as
 * responses instead.
 */
export class PageGuard {
  readonly problems: string[] = [];
  private readonly seen = new Set<string>();

  private record(problem: string) {
    if (this.seen.has(problem)) return;
    this.seen.add(problem);
    this.problems.push(problem);
  }

  async attach(context: BrowserContext): Promise<void> {
    await context.route(
      (url) => !isLocalUrl(url.href),
      async (route) => {
        this.record(`request to a non-loopback host: ${route.request().url()}`);
        await route.abort('blockedbyclient');
      },
    );
    context.on('request', (request) => {
      if (!isLocalUrl(request.url()))
        this.record(`request to a non-loopback host: ${request.url()}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 500)
        this.record(
          `HTTP ${response.status()} from ${response.request().method()} ${response.url()}`,
        );
    });
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/^Failed to load resource: the server responded with a status of [1-4]\d\d/.test(text))
        return;
      const where = message.location().url;
      this.record(`console error${where ? ` (${where})` : ''}: ${text}`);
    });
    context.on('weberror', (error) => {
      this.record(`page error: ${error.error().stack ?? error.error().message}`);
    });
    const watchSockets = (page: Page) =>
      page.on('websocket', (socket) => {
        if (!isLocalUrl(socket.url()))
          this.record(`WebSocket to a non-loopback host: ${socket.url()}`);
      });
    context.pages().forEach(watchSockets);
    context.on('page', watchSockets);
  }

  /** Throws with every recorded problem, and forgets them (so the next test starts clean). */
  assertClean(where = ''): void {
    if (this.problems.length === 0) return;
    const list = this.problems.splice(0).map((p) => `  - ${p}`);
    this.seen.clear();
    throw new Error(`The page misbehaved${where ? ` (${where})` : ''}:\n${list.join('\n')}`);
  }
}
