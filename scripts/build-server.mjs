#!/usr/bin/env node
// Bundles the server and CLI (our TypeScript only; npm packages stay external) into
// apps/server/dist so `npm start` and `banso` run on plain Node without a TypeScript
// loader at run time (measured: module loading through tsx costs ~1.5 s per start).
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'apps/server/dist');

export async function buildServer() {
  rmSync(outdir, { recursive: true, force: true });
  const started = performance.now();
  await build({
    entryPoints: { banso: path.join(root, 'apps/server/src/cli/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Our workspace packages are TypeScript: bundle them. Everything from npm stays external.
        name: 'externalize-npm-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@banso/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  writeFileSync(
    path.join(outdir, 'build.json'),
    JSON.stringify({ builtAt: new Date().toISOString() }),
  );
  return Math.round(performance.now() - started);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const ms = await buildServer();
  console.log(`built apps/server/dist in ${ms} ms`);
}
