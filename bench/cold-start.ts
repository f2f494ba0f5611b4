import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './lib/banso-server';
import { createPostgresDatabase, dropPostgresDatabase } from './lib/bench-db';
import { median } from './lib/stats';

/**
 * Cold start: `node apps/server/bin/banso.mjs serve` (what `npm start` runs) with PORT=0, timed
 * from spawn to the first 200 from GET /api/health. Each run is a new process; the OS file cache
 * and tsx's transform cache are warm (one untimed run first), as on a machine where Banso has
 * run before.
 */
const BIN = fileURLToPath(new URL('../apps/server/bin/banso.mjs', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface ColdStartCase {
  name: string;
  runs: number[];
  medianMs: number;
}

export interface ColdStartResult {
  cases: ColdStartCase[];
}

/** Spawns the server and resolves with the milliseconds until /api/health answered 200. */
export async function timeToFirstHealth(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      LANG: 'C',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(
        () => reject(new Error(`no URL within ${START_TIMEOUT_MS} ms: ${out}${err}`)),
        START_TIMEOUT_MS,
      );
      child.stdout?.on('data', (d) => {
        out += d;
        const m = /https?:\/\/[\w.[\]:-]+:\d+/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.stderr?.on('data', (d) => {
        err += d;
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`banso serve exited with ${code}: ${out}${err}`));
      });
    });
    for (;;) {
      try {
        const res = await fetch(`${base}/api/health`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not accepting yet
      }
      if (performance.now() - started > START_TIMEOUT_MS)
        throw new Error('no 200 from /api/health');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopProcess(child);
  }
}

export interface ColdStartOptions {
  runs: number;
  /** A PostgreSQL URL for a bench database, or null to skip that case. */
  postgres: boolean;
  /** An existing Banso data directory with many companies (e.g. the search benchmark's), if any. */
  largeDataDir?: { dir: string; companies: number };
  log: (message: string) => void;
}

export async function runColdStartBenchmark(options: ColdStartOptions): Promise<ColdStartResult> {
  const cases: ColdStartCase[] = [];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'banso-bench-cold-'));
  const record = (name: string, runs: number[]) => {
    cases.push({ name, runs, medianMs: median(runs) });
    options.log(`cold start: ${name} done`);
  };
  try {
    const existing = path.join(tmp, 'existing');
    // The first start on an empty directory creates and migrates the database (untimed warm-up).
    await timeToFirstHealth({ BANSO_DATA_DIR: existing });

    const fresh: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const dir = path.join(tmp, `fresh-${i}`);
      fresh.push(await timeToFirstHealth({ BANSO_DATA_DIR: dir }));
      rmSync(dir, { recursive: true, force: true });
    }
    record('PGlite, fresh data dir (initdb + migrations)', fresh);

    const again: number[] = [];
    for (let i = 0; i < options.runs; i++)
      again.push(await timeToFirstHealth({ BANSO_DATA_DIR: existing }));
    record('PGlite, existing data dir', again);

    if (options.largeDataDir) {
      const env = { BANSO_DATA_DIR: options.largeDataDir.dir };
      await timeToFirstHealth(env);
      // Fewer runs: every clean stop writes a shutdown backup of the whole database.
      const large: number[] = [];
      for (let i = 0; i < Math.min(options.runs, 3); i++) large.push(await timeToFirstHealth(env));
      record(
        `PGlite, existing data dir with ${options.largeDataDir.companies.toLocaleString('en')} companies`,
        large,
      );
    }

    if (options.postgres) {
      const url = await createPostgresDatabase('banso_bench_cold');
      try {
        await timeToFirstHealth({ DATABASE_URL: url }); // migrates
        const pg: number[] = [];
        for (let i = 0; i < options.runs; i++)
          pg.push(await timeToFirstHealth({ DATABASE_URL: url }));
        record('PostgreSQL, existing database', pg);
      } finally {
        await dropPostgresDatabase('banso_bench_cold');
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { cases };
}
