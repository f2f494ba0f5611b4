#!/usr/bin/env node
// `npm start`: builds the web app if it has a build and none is built yet, (re)builds the
// server bundle when a source changed, then runs `banso serve`
// on the embedded database (./data) unless DATABASE_URL is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const webPackage = JSON.parse(
  readFileSync(new URL('../apps/web/package.json', import.meta.url), 'utf8'),
);
const webDist = fileURLToPath(new URL('../apps/web/dist', import.meta.url));

const { newestSourceMtime, WEB_SOURCE_DIRS } = await import('./source-freshness.mjs');
const webIndex = `${webDist}/index.html`;
const webStale =
  existsSync(webIndex) &&
  existsSync(new URL('../apps/web/src', import.meta.url)) &&
  statSync(webIndex).mtimeMs < newestSourceMtime(WEB_SOURCE_DIRS);
if (webPackage.scripts?.build && (!existsSync(webIndex) || webStale)) {
  console.log('Building the web app… / Web アプリをビルドしています…');
  const built = spawnSync('npm', ['run', 'build', '--workspace', 'apps/web'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// The server runs from its bundle (plain Node, fast start); rebuild it when a source changed.
const bundle = fileURLToPath(new URL('../apps/server/dist/banso.js', import.meta.url));
if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSourceMtime()) {
  const { buildServer } = await import('./build-server.mjs');
  await buildServer();
}

const env = { ...process.env };
if (existsSync(`${webDist}/index.html`) && !env.BANSO_WEB_DIST) env.BANSO_WEB_DIST = webDist;
const server = spawn(
  process.execPath,
  [fileURLToPath(new URL('../apps/server/bin/banso.mjs', import.meta.url)), 'serve'],
  {
    cwd: process.cwd(),
    stdio: 'inherit',
    env,
  },
);
// Forward stop signals so the server shuts down cleanly (and takes its shutdown backup).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
