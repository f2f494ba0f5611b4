import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../apps/server/src/testing/banso-process';

interface SourceFreshness {
  newestSourceMtime(dirs?: readonly string[]): number;
  WEB_SOURCE_DIRS: readonly string[];
}

/** The built web app that `npm start` serves, and that the browser tests and web benchmarks load. */
export const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');

/**
 * Builds apps/web/dist (`vite build`) when it is missing or older than any of its sources (the
 * same rule `npm start` follows, from scripts/source-freshness.mjs, plus vite.config.ts).
 * Returns the dist directory.
 */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<string> {
  const freshnessUrl = new URL('../../scripts/source-freshness.mjs', import.meta.url).href;
  const { newestSourceMtime, WEB_SOURCE_DIRS } = (await import(freshnessUrl)) as SourceFreshness;
  const index = path.join(WEB_DIST, 'index.html');
  // The build's config counts as a source, and a build without the manifest (made before
  // vite.config.ts asked for it) is stale: bench/web-bundle.ts reads the chunk graph from it.
  const config = path.join(REPO_ROOT, 'apps/web/vite.config.ts');
  const newest = Math.max(newestSourceMtime(WEB_SOURCE_DIRS), statSync(config).mtimeMs);
  if (
    existsSync(index) &&
    existsSync(path.join(WEB_DIST, '.vite/manifest.json')) &&
    statSync(index).mtimeMs >= newest
  ) {
    return WEB_DIST;
  }
  const started = performance.now();
  log('[e2e] building the web app (apps/web/dist is missing or older than its sources)…');
  const built = spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], {
    cwd: REPO_ROOT,
    // Vitest sets NODE_ENV=test, and Vite keeps an inherited NODE_ENV: React would be bundled in
    // its development build (slower, larger) and `npm start` would then serve that.
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (built.status !== 0) {
    throw new Error(`vite build failed (exit ${built.status}):\n${built.stdout}\n${built.stderr}`);
  }
  log(`[e2e] web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return WEB_DIST;
}
