import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real `banso` command, as a user runs it: `node apps/server/bin/banso.mjs …`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const BANSO_BIN = fileURLToPath(new URL('../../bin/banso.mjs', import.meta.url));

/** The environment for a child `banso`: embedded database in `dataDir` unless `extra` names DATABASE_URL. */
export function bansoEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('BANSO_') || key === 'DATABASE_URL' || key === 'PORT') delete env[key];
  }
  return { ...env, BANSO_DATA_DIR: dataDir, BANSO_LANG: 'en', LOG_LEVEL: 'warn', ...extra };
}

export interface BansoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function startBanso(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BANSO_BIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Waits for a started `banso` to exit, collecting its output. */
export function exited(child: ChildProcess): Promise<BansoRun> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) }),
    );
  });
}

export const runBanso = (args: string[], env: NodeJS.ProcessEnv) => exited(startBanso(args, env));

/** Resolves with the first stdout match of `pattern` (e.g. the URL `serve` prints). */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  ms = 60_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${ms} ms:\n${seen}\n${errors}`)),
      ms,
    );
    child.stderr?.on('data', (d: Buffer | string) => {
      errors += d.toString();
    });
    child.stdout?.on('data', (d: Buffer | string) => {
      seen += d.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${seen}\n${errors}`));
    });
  });
}
