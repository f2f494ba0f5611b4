import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { bansoEnv, REPO_ROOT, runBanso } from '../apps/server/src/testing/banso-process';
import { ensureWebBuild } from './support/web-build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's copy of the built web app, which the test servers serve. */
    bansoWebDist: string;
    /** A data directory `banso migrate` made: migrated, no organisation yet (copied per spec). */
    bansoDataTemplate: string;
  }
}

/**
 * Once per e2e run: the web app is built from the current sources (when apps/web/dist is missing
 * or stale) and copied aside for this run, so that a `vite build` started meanwhile (which empties
 * apps/web/dist) cannot pull files from under the test servers. The artifacts of an earlier run
 * go, so test-results/ shows only this run's screenshots. Specs that are not about the first
 * start copy a migrated, still empty data directory instead of creating one (initdb and the
 * migrations take seconds per server).
 */
export default async function setup(project: TestProject) {
  rmSync(path.join(REPO_ROOT, 'test-results'), { recursive: true, force: true });
  const built = await ensureWebBuild();
  const copy = mkdtempSync(path.join(os.tmpdir(), 'banso-e2e-web-'));
  cpSync(built, copy, { recursive: true });
  project.provide('bansoWebDist', copy);
  const template = mkdtempSync(path.join(os.tmpdir(), 'banso-e2e-template-'));
  const migrated = await runBanso(['migrate'], bansoEnv(template));
  if (migrated.code !== 0)
    throw new Error(`banso migrate failed:\n${migrated.stdout}\n${migrated.stderr}`);
  project.provide('bansoDataTemplate', template);
  return () => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(template, { recursive: true, force: true });
  };
}
