import { type ServerType, serve } from '@hono/node-server';
import type { Config } from '../config';
import { createApp } from '../http/app';
import { createServices } from '../http/services';
import type { Logger } from '../logger';
import { openRuntime, type Runtime } from './open-runtime';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  setupUrl: string | null;
  /** Stops accepting requests, runs shutdown hooks (e.g. the shutdown backup), closes the database. */
  stop(): Promise<void>;
}

/** Hooks other features attach to the server's life (automatic backups). */
export interface ServerHooks {
  onStarted?(
    runtime: Runtime,
  ): Promise<{ stop(): Promise<void> } | undefined> | { stop(): Promise<void> } | undefined;
}

export async function startServer(
  config: Config,
  logger: Logger,
  hooks: ServerHooks = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  const services = createServices(runtime.deps);
  const { app } = createApp(runtime.deps, { services, webDist: config.webDist });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  let setupUrl: string | null = null;
  if (await services.setup.needsSetup()) {
    setupUrl = `${base}/setup?token=${services.setupToken.issue()}`;
  }
  const attached = await hooks.onStarted?.(runtime);
  const purgeSessions = () =>
    services.auth
      .purgeExpiredSessions()
      .catch((err: unknown) => logger.warn({ err }, 'session purge failed'));
  await purgeSessions();
  const purgeTimer = setInterval(purgeSessions, 3600_000);
  purgeTimer.unref();
  // Matching indexes of organisations with listings are built in the background, so the first
  // candidates page does not wait for them (others are built on first use).
  const warmUp =
    config.matchingWarmUpMs === null
      ? undefined
      : setTimeout(() => {
          services.matching
            .warmUp()
            .catch((err: unknown) => logger.warn({ err }, 'matching warm-up failed'));
        }, config.matchingWarmUpMs);
  warmUp?.unref();
  logger.info(
    { url: base, driver: runtime.deps.driver, dataDir: config.dataDir },
    'Banso is listening',
  );

  let stopping: Promise<void> | null = null;
  return {
    url: base,
    runtime,
    setupUrl,
    stop() {
      stopping ??= (async () => {
        clearInterval(purgeTimer);
        clearTimeout(warmUp);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await services.matching.close();
        await attached?.stop();
        await runtime.close();
        logger.info('Banso stopped');
      })();
      return stopping;
    },
  };
}
