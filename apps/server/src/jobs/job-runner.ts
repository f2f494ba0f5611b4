import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type Database, type DatabaseHandle, inTenant } from '@banso/db';
import type { JobError } from '@banso/shared';
import { AppError } from '../app-error';
import { type Clock, type ClockTimer, systemClock } from '../clock';
import { type Actor, systemActor } from '../context';
import { claimNextJob, createJobsRepository, type JobRow } from '../features/jobs/jobs.repository';
import type { Logger } from '../logger';
import { type JobContext, JobFailure, type JobHandler } from './job-handler';
import { storedActor } from './job-payload';

export interface JobRunnerOptions {
  db: Database;
  logger: Logger;
  /** The clock of leases, retries and due times (injected in tests). */
  now: () => Date;
  handlers: readonly JobHandler[];
  /** LISTEN banso_jobs: a new job wakes the runner at once (it also polls every `pollMs`). */
  listen?: DatabaseHandle['listen'] | undefined;
  /** Names this runner in `locked_by` (default: host, pid and a random part). */
  workerId?: string;
  /** How long a claim holds without renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** Real-time interval of lease renewal (default leaseMs / 3). */
  renewEveryMs?: number;
  pollMs?: number;
  /** Retry n waits baseMs × 2^(n−1), at most maxMs. */
  backoff?: { baseMs: number; maxMs: number };
  /** Least real time between two progress writes of one job (default 500 ms; 0 writes each). */
  progressEveryMs?: number;
  /** Called each time the loop finds nothing due and starts waiting (tests). */
  onIdle?: () => void;
  /**
   * The timers of maintenance tasks (tests pass testing/fake-clock.ts); by default real timers.
   * Its `now` is not used: `now` above is the runner's time.
   */
  timers?: Pick<Clock, 'setTimeout'>;
}

/**
 * A recurring piece of maintenance that belongs to no organisation (see ARCHITECTURE.md). It
 * runs either at a fixed pace (`firstAfterMs`, then `everyMs`) or when it says it is next due
 * (`nextDueAt`, asked at start and after each successful run). A failed run is retried with the
 * runner's backoff either way; runs of one task never overlap.
 */
export type MaintenanceTask = {
  name: string;
  run(): Promise<void>;
} & (
  | {
      /** First run this long after start (0: at once). */
      firstAfterMs: number;
      /** Then every this long (null: once). */
      everyMs: number | null;
      nextDueAt?: undefined;
    }
  | {
      /** When the next run is due (a past time: at once; null: not scheduled). */
      nextDueAt(): Promise<Date | null>;
      firstAfterMs?: undefined;
      everyMs?: undefined;
    }
);

export interface JobRunner {
  readonly workerId: string;
  /** Starts the loop (claim → run → claim …; waits for a wake-up or the poll timer when idle). */
  start(): Promise<void>;
  /**
   * Stops claiming, aborts running jobs (they stop at a safe point and are queued again, without
   * using up an attempt) and waits for them and for maintenance tasks to end.
   */
  stop(): Promise<void>;
  /** Claims one due job and runs it to its end; null when none is due. For tests and the CLI. */
  runOnce(): Promise<JobRow | null>;
  /** Claims one due job and starts it, returning at once (tests: a job in flight). */
  startOne(): Promise<{ job: JobRow; done: Promise<void> } | null>;
  /**
   * Simulates the death of this worker (tests): lease renewal stops and nothing it is running
   * will write to the job again; the lease then runs out and another runner takes the job.
   */
  kill(): void;
  /** Schedules maintenance on this runner's timers (started with the runner). */
  schedule(task: MaintenanceTask): void;
  /** Runs a maintenance task now (serialised with its scheduled runs). */
  runMaintenance(name: string): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;
/** setTimeout cannot wait longer than ~24.8 days; a later due time is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const errorOf = (error: unknown): { error: JobError; permanent: boolean } => {
  if (error instanceof JobFailure) {
    return {
      error: {
        code: error.code,
        message: error.userMessage,
        ...(error.detail ? { detail: error.detail } : {}),
      },
      permanent: true,
    };
  }
  if (error instanceof AppError && error.code !== 'internal') {
    return { error: { code: error.code, message: error.userMessage }, permanent: true };
  }
  const internal = new AppError('internal');
  return { error: { code: 'internal', message: internal.userMessage }, permanent: false };
};

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, now } = options;
  const log = options.logger.child({ feature: 'jobs' });
  const workerId =
    options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1_000, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 5_000;
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 600_000 };
  const progressEveryMs = options.progressEveryMs ?? 500;
  const handlers = new Map(options.handlers.map((h) => [h.kind, h]));
  const kinds = [...handlers.keys()];

  const inFlight = new Set<Promise<void>>();
  /** Jobs running in this runner: id → look at the row now (a cancel request). */
  const running = new Map<string, () => void>();
  const controllers = new Set<AbortController>();
  let dead = false;
  let stopping = false;
  let started = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const lease = () => new Date(now().getTime() + leaseMs);
  const retryDelay = (attempt: number) =>
    Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));

  const repo = <T>(job: JobRow, fn: (r: ReturnType<typeof createJobsRepository>) => Promise<T>) =>
    inTenant(db, { tenantId: job.tenantId }, (tx) => fn(createJobsRepository(tx)));

  async function claim(): Promise<JobRow | null> {
    if (dead || kinds.length === 0) return null;
    const job = await claimNextJob(db, { workerId, now: now(), lockedUntil: lease(), kinds });
    return job ?? null;
  }

  /** One attempt of a claimed job, from its handler to the row's new state. */
  async function execute(job: JobRow): Promise<void> {
    const handler = handlers.get(job.kind as JobHandler['kind']);
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const finish = (outcome: Parameters<ReturnType<typeof createJobsRepository>['finish']>[3]) =>
      dead ? Promise.resolve(false) : repo(job, (r) => r.finish(job.id, workerId, now(), outcome));

    if (!handler) {
      await finish({
        status: 'failed',
        error: {
          code: 'internal',
          message: { ja: '不明な種類のジョブです。', en: `Unknown job kind ${job.kind}.` },
        },
      });
      return;
    }
    if (job.cancelRequestedAt) {
      // Cancelled while running on a worker that died before it stopped.
      await finish({ status: 'cancelled' });
      return;
    }
    if (job.attempts > job.maxAttempts) {
      // Its last allowed attempt was claimed and never finished: the worker died each time.
      jobLog.warn('job lost: its worker stopped during the last allowed attempt');
      await finish({
        status: 'failed',
        error: {
          code: 'job_lost',
          message: {
            ja: `処理中にサーバーが停止したため、ジョブを完了できませんでした（${job.maxAttempts}回試行）。`,
            en: `The server stopped while the job was running; it was tried ${job.maxAttempts} times and did not finish.`,
          },
        },
      });
      return;
    }

    const controller = new AbortController();
    controllers.add(controller);
    let cancelled = false;
    let pending: Promise<unknown> = Promise.resolve();
    let lastWrite = 0;
    let latest: Record<string, unknown> | null = null;
    const write = (progress?: Record<string, unknown>) => {
      pending = pending
        .then(async () => {
          if (dead) return;
          const held = await repo(job, (r) =>
            r.heartbeat(job.id, workerId, now(), lease(), progress),
          );
          if (!held && !controller.signal.aborted) {
            jobLog.warn('lease lost: another worker has the job; stopping this attempt');
            controller.abort(new Error('lease lost'));
          } else if (held?.cancelRequested && !cancelled) {
            cancelled = true;
            jobLog.info('cancel requested: stopping the job at its next safe point');
            if (!controller.signal.aborted) controller.abort(new Error('job cancelled'));
          }
        })
        .catch((err: unknown) => jobLog.warn({ err }, 'job heartbeat failed'));
      return pending;
    };
    const renew = setInterval(() => void write(), renewEveryMs);
    renew.unref();
    // A cancel request (NOTIFY banso_jobs `cancel:…`) is looked up at once, not at the next renewal.
    running.set(job.id, () => void write());
    const context: JobContext = {
      jobId: job.id,
      tenantId: job.tenantId,
      actor: actorOf(job),
      payload: job.payload,
      attempt: job.attempts,
      previousProgress: job.progress ?? null,
      signal: controller.signal,
      progress(progress) {
        latest = progress;
        const t = Date.now();
        if (progressEveryMs > 0 && t - lastWrite < progressEveryMs) return;
        lastWrite = t;
        latest = null;
        void write(progress);
      },
      checkpoint(progress) {
        latest = null;
        lastWrite = Date.now();
        return write(progress).then(() => {});
      },
    };
    jobLog.info('job started');
    try {
      const result = await handler.run(context);
      clearInterval(renew);
      if (latest) await write(latest);
      await pending;
      // A handler that returns has finished its work, even if the runner is stopping meanwhile.
      await finish({ status: 'succeeded', result });
      jobLog.info('job succeeded');
    } catch (error) {
      clearInterval(renew);
      if (latest) await write(latest);
      await pending;
      if (cancelled) {
        // Stopped at a safe point; what it committed before stays.
        await finish({ status: 'cancelled' });
        jobLog.info('job cancelled');
        return;
      }
      if (controller.signal.aborted && stopping) {
        await release(job);
        return;
      }
      const { error: jobError, permanent } = errorOf(error);
      const maxAttempts = Math.min(job.maxAttempts, handler.maxAttempts ?? job.maxAttempts);
      if (permanent || job.attempts >= maxAttempts) {
        if (!permanent) jobLog.error({ err: error }, 'job failed; no attempts left');
        else jobLog.info({ code: jobError.code }, 'job failed');
        await finish({ status: 'failed', error: jobError });
      } else {
        const runAt = new Date(now().getTime() + retryDelay(job.attempts));
        jobLog.warn({ err: error, runAt }, 'job attempt failed; retrying later');
        await finish({ status: 'queued', error: jobError, runAt });
      }
    } finally {
      clearInterval(renew);
      controllers.delete(controller);
      running.delete(job.id);
    }
  }

  /** A job stopped by a clean shutdown goes back to the queue without using up an attempt. */
  async function release(job: JobRow) {
    if (dead) return;
    await repo(job, (r) => r.release(job.id, workerId, now()));
    log.info({ jobId: job.id }, 'job queued again at shutdown');
  }

  function track(job: JobRow): Promise<void> {
    const done = execute(job).catch((err: unknown) =>
      log.error({ err, jobId: job.id }, 'job runner could not record a job outcome'),
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  }

  async function runLoop() {
    while (!stopping && !dead) {
      let job: JobRow | null = null;
      try {
        job = await claim();
      } catch (err) {
        log.warn({ err }, 'claiming a job failed');
      }
      if (job) {
        await track(job);
        continue;
      }
      await new Promise<void>((resolve) => {
        options.onIdle?.();
        const timer = setTimeout(resolve, pollMs);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  // Maintenance: timers in this process; not rows (it belongs to no organisation).
  const timerClock = options.timers ?? systemClock;
  const tasks = new Map<
    string,
    { task: MaintenanceTask; chain: Promise<void>; failures: number }
  >();
  const timers = new Set<ClockTimer>();
  /** Runs the task at `due` (a long wait is split: on the way, nothing runs). */
  const armAt = (name: string, due: number) => {
    if (stopping || dead) return;
    const wait = Math.min(Math.max(due - now().getTime(), 0), MAX_TIMER_MS);
    const timer = timerClock.setTimeout(() => {
      timers.delete(timer);
      if (stopping || dead) return;
      if (due > now().getTime()) {
        armAt(name, due);
        return;
      }
      void runMaintenance(name).then(
        () => armNext(name),
        () => {},
      );
    }, wait);
    timers.add(timer);
  };
  /** After a run (or at start, `first`): a retry with backoff, or the task's own next time. */
  async function armNext(name: string, first = false): Promise<void> {
    const entry = tasks.get(name);
    if (!entry || stopping || dead) return;
    const at = now().getTime();
    if (entry.failures > 0) return armAt(name, at + retryDelay(entry.failures));
    const { task } = entry;
    if (task.nextDueAt) {
      let due: Date | null;
      try {
        due = await task.nextDueAt();
      } catch (err) {
        entry.failures += 1;
        log.warn(
          { err, task: name, failures: entry.failures },
          'maintenance task: next due time unknown',
        );
        return armAt(name, at + retryDelay(entry.failures));
      }
      if (due) armAt(name, due.getTime());
      return;
    }
    const next = first ? task.firstAfterMs : task.everyMs;
    if (next !== null) armAt(name, at + next);
  }
  function runMaintenance(name: string): Promise<void> {
    const entry = tasks.get(name);
    if (!entry) return Promise.reject(new Error(`no maintenance task ${name}`));
    entry.chain = entry.chain.then(async () => {
      try {
        await entry.task.run();
        entry.failures = 0;
      } catch (err) {
        entry.failures += 1;
        log.warn({ err, task: name, failures: entry.failures }, 'maintenance task failed');
      }
    });
    return entry.chain;
  }

  return {
    workerId,
    async start() {
      if (started) return;
      started = true;
      if (options.listen) {
        unlisten = await options.listen('banso_jobs', {
          onNotify: (payload) => {
            if (payload.startsWith('cancel:')) running.get(payload.split(':')[2] ?? '')?.();
            else wake?.();
          },
          onReset: () => wake?.(),
        });
      }
      loop = runLoop();
      for (const name of tasks.keys()) void armNext(name, true);
    },
    async stop() {
      stopping = true;
      for (const timer of timers) timer.clear();
      timers.clear();
      for (const controller of controllers) controller.abort(new Error('runner stopping'));
      wake?.();
      await loop;
      await Promise.all([...inFlight]);
      await Promise.all([...tasks.values()].map((t) => t.chain));
      await unlisten?.();
    },
    async runOnce() {
      const job = await claim();
      if (!job) return null;
      await track(job);
      return job;
    },
    async startOne() {
      const job = await claim();
      if (!job) return null;
      return { job, done: track(job) };
    },
    kill() {
      dead = true;
      stopping = true;
      for (const timer of timers) timer.clear();
      for (const controller of controllers) controller.abort(new Error('worker killed'));
      wake?.();
    },
    schedule(task) {
      tasks.set(task.name, { task, chain: Promise.resolve(), failures: 0 });
      if (started) void armNext(task.name, true);
    },
    runMaintenance,
  };
}

function actorOf(job: JobRow): Actor {
  return storedActor(job.payload, job.tenantId) ?? systemActor(job.tenantId, `job ${job.kind}`);
}
