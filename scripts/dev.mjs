#!/usr/bin/env node
// `npm run dev`: the API (restarts on change, port 3000) and the web app with hot reload
// (Vite on http://localhost:5173, proxying /api to the API). Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn('npx', ['tsx', 'watch', 'apps/server/src/cli/main.ts', 'serve'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BANSO_WEB_DIST: '' },
  }),
  spawn('npm', ['run', 'dev', '--workspace', 'apps/web'], { cwd: root, stdio: 'inherit' }),
];
const stop = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
for (const child of children) {
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
