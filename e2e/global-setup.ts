import { rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../apps/server/src/testing/banso-process';
import { ensureWebBuild } from './support/web-build';

/**
 * Once per e2e run: the web app the server serves must be built from the current sources, and
 * the artifacts of an earlier run go (so test-results/ shows only this run's screenshots).
 */
export default async function setup(): Promise<void> {
  rmSync(path.join(REPO_ROOT, 'test-results'), { recursive: true, force: true });
  await ensureWebBuild();
}
