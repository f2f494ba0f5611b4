import { inTenant } from '@banso/db';
import type { JobId } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJobsRepository } from '../features/jobs/jobs.repository';
import { enqueueJob } from '../features/jobs/jobs.service';
import { adminActorOf, createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { type JobContext, JobFailure, type JobHandler } from './job-handler';
import { createJobRunner, type JobRunnerOptions } from './job-runner';

let t: TestApp;
let admin: TestSession;
let clock = new Date('2026-04-01T09:00:00Z');
const now = () => clock;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  t = await createTestApp({ now });
  admin = await t.createOrganization('jobs-org');
});
afterAll(() => t.close());

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

const enqueue = (payload: Record<string, unknown> = {}, maxAttempts = 3) =>
  inTenant(t.database.db, { tenantId: admin.tenantId }, (tx) =>
    enqueueJob(tx, adminActorOf(admin), {
      kind: 'companies.import',
      payload,
      now: now(),
      maxAttempts,
    }),
  );
const read = (id: JobId) =>
  inTenant(t.database.db, { tenantId: admin.tenantId }, (tx) => createJobsRepository(tx).find(id));
const runner = (run: JobHandler['run'], options: Partial<JobRunnerOptions> = {}) =>
  createJobRunner({
    db: t.database.db,
    logger: t.deps.logger,
    now,
    handlers: [{ kind: 'companies.import', run }],
    leaseMs: 30_000,
    renewEveryMs: 3_600_000,
    progressEveryMs: 0,
    backoff: { baseMs: 10_000, maxMs: 60_000 },
    ...options,
  });
/** Leaves no due job behind for the next test. */
async function drain() {
  const r = runner(async () => ({}));
  while (await r.runOnce()) {}
}

describe('the jobs runner', () => {
  it('never runs one job in two workers: twenty jobs, two runners claiming at once', async () => {
    const ids = new Set<JobId>();
    for (let i = 0; i < 20; i++) ids.add((await enqueue({ n: i })).id);
    const ran: { worker: string; job: JobId }[] = [];
    const work = (worker: string) => async (ctx: JobContext) => {
      ran.push({ worker, job: ctx.jobId });
      await new Promise((r) => setImmediate(r));
      return { by: worker };
    };
    const a = runner(work('a'), { workerId: 'a' });
    const b = runner(work('b'), { workerId: 'b' });
    const loop = async (r: typeof a) => {
      while (await r.runOnce()) {}
    };
    await Promise.all([loop(a), loop(b), loop(a), loop(b)]);
    const jobs = ran.map((r) => r.job).filter((id) => ids.has(id));
    expect(jobs.sort()).toEqual([...ids].sort());
    expect(new Set(ran.map((r) => r.worker)).size).toBe(2);
    for (const id of ids) {
      const job = await read(id);
      expect(job?.status).toBe('succeeded');
      expect(job?.attempts).toBe(1);
    }
  });

  it('gives one job to exactly one of many simultaneous claims', async () => {
    const job = await enqueue();
    const gate = deferred();
    const runners = Array.from({ length: 8 }, (_, i) =>
      runner(() => gate.promise.then(() => ({})), { workerId: `w${i}` }),
    );
    const claims = await Promise.all(runners.map((r) => r.startOne()));
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c?.job.id)).toEqual([job.id]);
    gate.resolve();
    await won[0]?.done;
    expect((await read(job.id))?.status).toBe('succeeded');
  });

  it('gives the job of a killed worker to another once its lease has run out', async () => {
    const job = await enqueue();
    const hang = deferred();
    const dying = runner(
      async (ctx) => {
        ctx.progress({ step: 'first worker' });
        await hang.promise;
        return { by: 'dead worker' };
      },
      { workerId: 'dying' },
    );
    const started = await dying.startOne();
    expect(started?.job.id).toBe(job.id);
    await vi.waitFor(async () =>
      expect((await read(job.id))?.progress).toEqual({ step: 'first worker' }),
    );
    dying.kill();

    const rescuer = runner(
      async (ctx) => ({ by: 'rescuer', attempt: ctx.attempt, saw: ctx.previousProgress }),
      { workerId: 'rescuer' },
    );
    advance(29_000);
    expect(await rescuer.runOnce()).toBeNull(); // the lease still holds
    advance(2_000);
    expect((await rescuer.runOnce())?.id).toBe(job.id);
    const done = await read(job.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, lockedBy: null });
    expect(done?.result).toEqual({
      by: 'rescuer',
      attempt: 2,
      saw: { step: 'first worker' },
    });

    // The dead worker's late finish changes nothing.
    hang.resolve();
    await started?.done;
    expect((await read(job.id))?.result).toMatchObject({ by: 'rescuer' });
  });

  it('shows progress through the API while the job runs, and the result after', async () => {
    const job = await enqueue();
    const gate = deferred();
    const r = runner(async (ctx) => {
      ctx.progress({ linesRead: 10 });
      await gate.promise;
      return { inserted: 10 };
    });
    const started = await r.startOne();
    await vi.waitFor(async () => {
      const res = await t.request('GET', `/api/v1/jobs/${job.id}`, { session: admin });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'running', progress: { linesRead: 10 }, result: null });
    });
    gate.resolve();
    await started?.done;
    const res = await t.request('GET', `/api/v1/jobs/${job.id}`, { session: admin });
    expect(await res.json()).toMatchObject({
      status: 'succeeded',
      result: { inserted: 10 },
      attempts: 1,
      error: null,
    });

    // Another user of the organisation (not an admin) does not see it; another organisation neither.
    const staff = await t.addUser(admin, 'staff');
    expect((await t.request('GET', `/api/v1/jobs/${job.id}`, { session: staff })).status).toBe(404);
    const other = await t.createOrganization('jobs-other');
    expect((await t.request('GET', `/api/v1/jobs/${job.id}`, { session: other })).status).toBe(404);
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    await drain();
    const job = await enqueue({}, 3);
    let calls = 0;
    const r = runner(async () => {
      calls += 1;
      if (calls < 3) throw new Error(`flaky ${calls}`);
      return { calls };
    });
    expect((await r.runOnce())?.id).toBe(job.id);
    const first = await read(job.id);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, error: { code: 'internal' } });
    expect(first?.runAt.getTime()).toBe(now().getTime() + 10_000);
    expect(await r.runOnce()).toBeNull();
    advance(10_000);
    expect((await r.runOnce())?.id).toBe(job.id);
    expect((await read(job.id))?.runAt.getTime()).toBe(now().getTime() + 20_000);
    advance(19_999);
    expect(await r.runOnce()).toBeNull();
    advance(1);
    await r.runOnce();
    expect(await read(job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      result: { calls: 3 },
    });
  });

  it('fails a job clearly: at once for a permanent error, after the last attempt otherwise', async () => {
    await drain();
    const permanent = await enqueue();
    const r = runner(async () => {
      throw new JobFailure('upload_missing', { ja: 'ファイルがありません。', en: 'No file.' });
    });
    await r.runOnce();
    const res = await t.request('GET', `/api/v1/jobs/${permanent.id}`, { session: admin });
    expect(await res.json()).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'upload_missing', message: { ja: 'ファイルがありません。', en: 'No file.' } },
    });

    const transient = await enqueue({}, 1);
    await runner(async () => {
      throw new Error('boom');
    }).runOnce();
    const failed = await read(transient.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'internal' } });
    expect(failed?.finishedAt).not.toBeNull();
  });

  it('after a restart: a job left running by a dead process is resumed, or failed clearly once its attempts are used', async () => {
    await drain();
    const job = await enqueue({}, 2);
    for (const worker of ['process-1', 'process-2']) {
      const dead = runner(() => new Promise(() => {}), { workerId: worker });
      await dead.startOne();
      dead.kill();
      advance(31_000);
    }
    // Attempt 1 died, attempt 2 died: the third claim fails it as lost.
    await runner(async () => ({ unexpected: true })).runOnce();
    const res = await t.request('GET', `/api/v1/jobs/${job.id}`, { session: admin });
    const body = await res.json();
    expect(body).toMatchObject({ status: 'failed', error: { code: 'job_lost' } });
    expect(body.error.message.en).toMatch(/server stopped/);
    expect(body.error.message.ja).toMatch(/停止/);
  });

  it('queues a running job again at a clean stop, without using up an attempt', async () => {
    await drain();
    const job = await enqueue();
    const r = runner(
      (ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))),
        ),
    );
    await r.startOne();
    await r.stop();
    expect(await read(job.id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
    await drain();
  });

  it('wakes on LISTEN banso_jobs when a job is queued (no polling)', async () => {
    await drain();
    const seen = deferred();
    const idle = deferred();
    const r = runner(
      async () => {
        seen.resolve();
        return {};
      },
      { listen: t.deps.listen, pollMs: 3_600_000, onIdle: idle.resolve },
    );
    await r.start();
    await idle.promise; // the queue was empty and the runner waits (its poll is an hour away)
    const job = await enqueue();
    await seen.promise;
    await r.stop();
    expect((await read(job.id))?.status).toBe('succeeded');
  });
});
