import { type Config, ConfigError, cliLogLevelFromEnv, loadConfig } from '../config';
import { createLogger, type Logger } from '../logger';
import type { Runtime } from '../runtime/open-runtime';
import type { Services } from '../services';
import { say, warn } from './messages';

/** Config, or every problem printed at once and exit 2. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      warn({ ja: '設定に誤りがあります:', en: 'The configuration is invalid:' });
      for (const p of error.problems) process.stderr.write(`  - ${p}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** CLI commands log only warnings; their output is for people. */
export const cliLogger = (): Logger => createLogger(cliLogLevelFromEnv());

/**
 * Runs a CLI command against the configured database (taking the embedded
 * data-directory lock like the server does) and always closes it.
 */
export async function withRuntime<T>(
  fn: (runtime: Runtime, services: Services) => Promise<T>,
): Promise<T> {
  // Loaded on use: `banso --help` and option errors stay fast.
  const [{ openRuntime }, { createServices }] = await Promise.all([
    import('../runtime/open-runtime'),
    import('../services'),
  ]);
  const runtime = await openRuntime(configOrExit(), cliLogger());
  try {
    return await fn(runtime, createServices(runtime.deps));
  } finally {
    await runtime.close();
  }
}

/** Finds an organisation by code, or the only one; exits with a message otherwise. */
export async function resolveTenant(services: Services, slug: string | undefined) {
  const all = await services.users.listOrganizations();
  const tenant = slug ? all.find((x) => x.slug === slug) : all.length === 1 ? all[0] : undefined;
  if (!tenant) {
    warn(
      slug
        ? {
            ja: `組織コード「${slug}」の組織がありません。`,
            en: `No organisation with code "${slug}".`,
          }
        : all.length === 0
          ? {
              ja: '組織がまだありません。先に `banso init` を実行してください。',
              en: 'No organisation yet. Run `banso init` first.',
            }
          : {
              ja: '組織が複数あります。--org で組織コードを指定してください。',
              en: 'Several organisations exist: name one with --org.',
            },
    );
    process.exit(2);
  }
  return tenant;
}

export { say };
