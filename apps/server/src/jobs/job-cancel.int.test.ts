import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { executeRows, inTenant } from '@banso/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBansoTestFile } from '../features/companies/import/test-files';
import { enqueueJob } from '../features/jobs/jobs.service';
import { adminActorOf, createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { companiesImportJob } from './companies-import.job';
import type { JobContext } from './job-handler';

let t: TestApp;
let admin: TestSession;
let staff: TestSession;
let dir: string;
let clock = new Date('2026-06-01T09:00:00Z');
const now = () => clock;

beforeAll(async () => {
  t = await createTestApp({ now });
  admin = await t.createOrganization('cancel-jobs');
  staff = await t.addUser(admin, 'staff');
  dir = await mkdtemp(path.join(os.tmpdir(), 'banso-cancel-jobs-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const cancel = (id: string, session: TestSession = admin) =>
  t.request('POST', `/api/v1/jobs/${id}/cancel`, { session });
const job = async (id: string) =>
  (await t.request('GET', `/api/v1/jobs/${id}`, { session: admin })).json();
const queueImport = (body: BodyInit, session: TestSession = admin) =>
  t.request('POST', '/api/v1/companies/import', {
    session,
    body,
    headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
  });
const companyCount = async () => {
  const [row] = await inTenant(t.database.db, { tenantId: admin.tenantId }, (tx) =>
    executeRows<{ n: number }>(tx.db, sql`select count(*)::int as n from companies`),
  );
  return row?.n ?? 0;
};
const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('cancelling a job', () => {
  it('cancels a queued job at once; it never runs; an ended job answers 409 job_finished', async () => {
    const { jobId } = await (
      await queueImport('名称,フリガナ\r\n株式会社中止,チュウシ\r\n')
    ).json();
    const res = await cancel(jobId);
    expect(res.status).toBe(200);
    const cancelled = await res.json();
    expect(cancelled).toMatchObject({ id: jobId, status: 'cancelled', cancelRequested: true });
    expect(cancelled.finishedAt).toBe(clock.toISOString());
    expect(await t.runJobs()).toBe(0);
    expect(await job(jobId)).toMatchObject({ status: 'cancelled', attempts: 0 });

    const again = await cancel(jobId);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await again.json()).code).toBe('job_finished');

    const { jobId: done } = await (
      await queueImport('名称,フリガナ\r\n株式会社完了,カンリョウ\r\n')
    ).json();
    expect(await t.runJobs()).toBe(1);
    expect((await (await cancel(done)).json()).code).toBe('job_finished');
  });

  it('is allowed to the user who queued the job and to admins; others do not see it', async () => {
    const other = await t.addUser(admin, 'staff');
    const mine = (await (await queueImport('名称\r\n株式会社一\r\n', staff)).json()).jobId;
    const notMine = (await (await queueImport('名称\r\n株式会社二\r\n', staff)).json()).jobId;
    const adminsJob = (await (await queueImport('名称\r\n株式会社三\r\n')).json()).jobId;
    expect((await cancel(mine, other)).status).toBe(404);
    expect((await cancel(adminsJob, staff)).status).toBe(404);
    expect((await cancel(mine, staff)).status).toBe(200);
    expect((await cancel(notMine, admin)).status).toBe(200);
    expect((await cancel(adminsJob, admin)).status).toBe(200);
    expect((await cancel('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('signals a running job (NOTIFY banso_jobs): it stops at its next safe point, ends cancelled and keeps its progress', async () => {
    const queued = await inTenant(t.database.db, { tenantId: admin.tenantId }, (tx) =>
      enqueueJob(tx, adminActorOf(admin), { kind: 'companies.import', payload: {}, now: now() }),
    );
    const firstStep = deferred();
    const ended = deferred<string>();
    const runner = t.jobRunner({
      listen: t.deps.listen,
      pollMs: 3_600_000,
      renewEveryMs: 3_600_000,
      handlers: [
        {
          kind: 'companies.import',
          async run(ctx: JobContext) {
            await ctx.checkpoint({ step: 1 });
            firstStep.resolve();
            // The second step waits for work that never comes; the abort is its safe point.
            await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
            ended.resolve(String(ctx.signal.reason));
            throw ctx.signal.reason;
          },
        },
      ],
    });
    await runner.start();
    await firstStep.promise;
    const res = await cancel(queued.id);
    expect(res.status).toBe(200);
    // Still running when the answer is written; asked to stop.
    expect(await res.json()).toMatchObject({ status: 'running', cancelRequested: true });
    expect(await ended.promise).toContain('job cancelled');
    await runner.stop();
    expect(await job(queued.id)).toMatchObject({
      status: 'cancelled',
      progress: { step: 1 },
      error: null,
      cancelRequested: true,
    });
  });

  it('a company import cancelled while its worker was gone ends cancelled when claimed again, keeping its committed rows', async () => {
    const rows = 3_000;
    const file = await writeBansoTestFile(path.join(dir, 'cancel.csv'), rows, 5000);
    const { jobId } = await (await queueImport(await readFile(file))).json();
    const before = await companyCount();

    const inner = companiesImportJob(t.deps);
    let killed: Promise<void> | null = null;
    const dying = t.jobRunner({
      workerId: 'dying',
      leaseMs: 30_000,
      renewEveryMs: 3_600_000,
      handlers: [
        {
          ...inner,
          run: (ctx) =>
            inner.run({
              ...ctx,
              progress: (p) => {
                ctx.progress(p);
                if ((p.committedLine as number) > 0 && !killed) {
                  killed = ctx.checkpoint(p).then(() => dying.kill());
                }
              },
            }),
        },
      ],
    });
    const started = await dying.startOne();
    await started?.done.catch(() => {});
    await killed;
    // What the dead worker committed (its import may have gone on after its last report).
    const kept = await companyCount();
    expect(kept).toBeGreaterThan(before);

    expect(await (await cancel(jobId)).json()).toMatchObject({
      status: 'running',
      cancelRequested: true,
    });
    clock = new Date(clock.getTime() + 31_000);
    expect(await t.runJobs()).toBe(1);
    expect(await job(jobId)).toMatchObject({ status: 'cancelled', attempts: 2 });
    // Not resumed: nothing more is imported, and nothing committed is undone.
    expect(await companyCount()).toBe(kept);
  }, 120_000);
});
