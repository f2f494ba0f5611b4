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
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await attached?.stop();
        await runtime.close();
        logger.info('Banso stopped');
      })();
      return stopping;
    },
  };
}
