// Is the server bundle older than any source file it is built from? (No dependencies: runs at every `banso` start.)
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Directories the bundle is built from; a newer file in any of them makes the bundle stale. */
export const SOURCE_DIRS = [
  'apps/server/src',
  'packages/shared/src',
  'packages/shared/data',
  'packages/db/src',
  'packages/matching/src',
  'packages/matching/data',
];

/** What the web app's build is made from (its own sources and the shared contracts). */
export const WEB_SOURCE_DIRS = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/public',
  'packages/shared/src',
  'packages/shared/data',
];

export function newestSourceMtime(dirs = SOURCE_DIRS) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  // A package may have no sources yet (git keeps no empty directories).
  for (const dir of dirs) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) walk(full);
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}
