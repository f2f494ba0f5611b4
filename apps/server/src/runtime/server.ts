import { type ServerType, serve } from '@hono/node-server';
import type { Config } from '../config';
import { staleImportsTask } from '../features/companies/import/stale-imports';
import { createApp } from '../http/app';
import { embeddedStatistics } from '../jobs/embedded-statistics';
import { jobFilesSweep } from '../jobs/job-files-sweep';
import { jobHandlers } from '../jobs/job-handlers';
import { createJobRunner, type JobRunner } from '../jobs/job-runner';
import type { Logger } from '../logger';
import { createServices } from '../services';
import { openRuntime, type Runtime } from './open-runtime';

export interface RunningServer {
  url: string;
  runtime: Runtime;
  /** The background jobs runner of this process (imports; the session purge and index builds). */
  jobs: JobRunner;
  setupUrl: string | null;
  /** Stops accepting requests, runs shutdown hooks (e.g. the shutdown backup), closes the database. */
  stop(): Promise<void>;
}

/**
 * Hooks other features attach to the server's life (automatic backups). `onStarted` may
 * schedule maintenance on the jobs runner (it starts right after); its `stop` runs after the
 * runner has stopped.
 */
export interface ServerHooks {
  onStarted?(
    runtime: Runtime,
    server: { jobs: JobRunner },
  ): Promise<{ stop(): Promise<void> } | undefined> | { stop(): Promise<void> } | undefined;
}

export async function startServer(
  config: Config,
  logger: Logger,
  hooks: ServerHooks = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  // Every import this process runs shows a sign of life after this (see stale-imports.ts).
  const startedAt = runtime.deps.now();
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
  // Background jobs (imports queued by any process, woken by LISTEN banso_jobs) and this
  // process's maintenance: the session purge and the matching index builds, on the runner's timers.
  const jobs = createJobRunner({
    db: runtime.deps.db,
    logger,
    now: runtime.deps.now,
    listen: runtime.deps.listen,
    handlers: jobHandlers(runtime.deps, services),
  });
  jobs.schedule(staleImportsTask(runtime.deps, startedAt));
  jobs.schedule({
    name: 'session-purge',
    firstAfterMs: 0,
    everyMs: 3600_000,
    run: () => services.auth.purgeExpiredSessions().then(() => undefined),
  });
  // Uploads of jobs that ended without removing them (cancelled, failed after their retries).
  jobs.schedule(
    jobFilesSweep({
      db: runtime.deps.db,
      logger,
      now: runtime.deps.now,
      jobFilesDir: config.jobFilesDir,
    }),
  );
  // The embedded database has no autovacuum: its planner statistics are kept here.
  if (runtime.deps.driver === 'pglite') {
    jobs.schedule(embeddedStatistics({ db: runtime.deps.db, logger }));
  }
  // Matching indexes of organisations with listings are built in the background, so the first
  // candidates page does not wait for them (others are built on first use).
  if (config.matchingWarmUpMs !== null) {
    jobs.schedule({
      name: 'matching-warm-up',
      firstAfterMs: config.matchingWarmUpMs,
      everyMs: null,
      run: () => services.matching.warmUp(),
    });
  }
  const attached = await hooks.onStarted?.(runtime, { jobs });
  await jobs.start();
  logger.info(
    {
      url: base,
      driver: runtime.deps.driver,
      dataDir: config.dataDir,
      admission: config.admission,
    },
    runtime.deps.driver === 'pglite'
      ? 'Banso is listening (embedded database: one statement at a time, for a few people of one office; beyond the bounded wait requests get 503 with Retry-After; use PostgreSQL for more)'
      : 'Banso is listening',
  );

  let stopping: Promise<void> | null = null;
  return {
    url: base,
    runtime,
    jobs,
    setupUrl,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        // A running job stops at a safe point and is queued again for the next start; closing
        // the matching index ends a warm-up after the organisation being built.
        await Promise.all([jobs.stop(), services.matching.close()]);
        await attached?.stop();
        await runtime.close();
        logger.info('Banso stopped');
      })();
      return stopping;
    },
  };
}
