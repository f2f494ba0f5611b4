#!/usr/bin/env node
// The `banso` command. Runs the bundle in apps/server/dist when it is newer than every
// source file (`npm run build` or `npm start` make it); otherwise the TypeScript sources
// through tsx, so a developer's edit is never run stale.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/banso.js', import.meta.url));
const fresh = async () => {
  if (!existsSync(bundle)) return false;
  const { newestSourceMtime } = await import('../../../scripts/source-freshness.mjs').catch(
    () => ({}),
  );
  // Without the build script (an installed copy), a present bundle is the one to run.
  return !newestSourceMtime || statSync(bundle).mtimeMs >= newestSourceMtime();
};

if (await fresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
