import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { executeRows, inTenant } from '@banso/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bansoHeaderLine,
  bansoTestCells,
  csvLine,
  writeBansoTestFile,
} from '../features/companies/import/test-files';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { companiesImportJob } from './companies-import.job';

let t: TestApp;
let admin: TestSession;
let dir: string;
let clock = new Date('2026-05-01T09:00:00Z');
const now = () => clock;

beforeAll(async () => {
  t = await createTestApp({ now });
  admin = await t.createOrganization('import-jobs');
  dir = await mkdtemp(path.join(os.tmpdir(), 'banso-import-jobs-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const queueImport = (body: BodyInit, query = '') =>
  t.request('POST', `/api/v1/companies/import${query}`, {
    session: admin,
    body,
    headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
  });
const job = async (id: string) =>
  (await t.request('GET', `/api/v1/jobs/${id}`, { session: admin })).json();
const companyCount = async () => {
  const [row] = await inTenant(t.database.db, { tenantId: admin.tenantId }, (tx) =>
    executeRows<{ n: number }>(tx.db, sql`select count(*)::int as n from companies`),
  );
  return row?.n ?? 0;
};

describe('imports as background jobs', () => {
  it('answers 202 with the job, runs the import in the runner, and shows its result', async () => {
    const csv = bansoHeaderLine() + [1, 2, 3].map((i) => csvLine(bansoTestCells(i))).join('');
    const res = await queueImport(csv, '?fileName=three.csv');
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${accepted.jobId}`);
    expect(await job(accepted.jobId)).toMatchObject({
      kind: 'companies.import',
      status: 'queued',
    });

    expect(await t.runJobs()).toBe(1);
    const done = await job(accepted.jobId);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: { status: 'completed', inserted: 3, rowsRead: 3 },
      progress: { phase: 'write', committedLine: 4 },
    });
    // The stored upload is gone once the job has ended.
    expect(existsSync(path.join(t.deps.config.jobFilesDir, accepted.jobId))).toBe(false);
  });

  it('fails a rejected file clearly, with the import result in the error', async () => {
    const csv = `${bansoHeaderLine()}${csvLine(bansoTestCells(9, { corporateNumber: '123' }))}`;
    const res = await queueImport(csv);
    const { jobId } = await res.json();
    await t.runJobs();
    const failed = await job(jobId);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: 'import_invalid', detail: { result: { status: 'rejected' } } },
    });
    expect(failed.error.message.ja).toBeTruthy();
  });

  it('resumes an import whose worker died, after the last committed batch, with the stored file', async () => {
    const rows = 5_000;
    const file = await writeBansoTestFile(path.join(dir, 'big.csv'), rows, 1000);
    const res = await queueImport(await readFile(file));
    const { jobId } = await res.json();
    const before = await companyCount();

    // The worker dies once the first batch is committed and the job knows its import record.
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
    const left = await job(jobId);
    expect(left.status).toBe('running');
    const importId = left.progress.importId as string;
    const committed = left.progress.committedLine as number;
    expect(committed).toBeLessThan(rows + 1);

    clock = new Date(clock.getTime() + 31_000);
    expect(await t.runJobs()).toBe(1);
    const done = await job(jobId);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(done.result).toMatchObject({
      id: importId,
      status: 'completed',
      committedLine: rows + 1,
    });
    expect(await companyCount()).toBe(before + rows);
    const record = await (
      await t.request('GET', `/api/v1/imports/${importId}`, { session: admin })
    ).json();
    expect(record).toMatchObject({ status: 'completed', inserted: rows });
  }, 120_000);

  it('fails clearly when the stored upload is gone after a restart', async () => {
    const csv = bansoHeaderLine() + csvLine(bansoTestCells(77));
    const { jobId } = await (await queueImport(csv)).json();
    await rm(path.join(t.deps.config.jobFilesDir, jobId), { recursive: true, force: true });
    await t.runJobs();
    expect(await job(jobId)).toMatchObject({
      status: 'failed',
      error: { code: 'upload_missing' },
    });
  });

  it('refuses a viewer before reading the upload; a listings import runs as a job too', async () => {
    const viewer = await t.addUser(admin, 'viewer');
    const refused = await t.request('POST', '/api/v1/companies/import', {
      session: viewer,
      body: 'x',
      headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
    });
    expect(refused.status).toBe(403);

    const listings = 'title,abstract,ipc\n防汚コーティング,船底の防汚,C09D 5/16\n';
    const res = await t.request('POST', '/api/v1/listings/import', {
      session: admin,
      body: listings,
      headers: { 'content-type': 'text/csv', prefer: 'respond-async' },
    });
    expect(res.status).toBe(202);
    const { jobId } = await res.json();
    await t.runJobs();
    expect(await job(jobId)).toMatchObject({
      kind: 'listings.import',
      status: 'succeeded',
      result: { dryRun: false, created: 1, updated: 0, errors: [] },
    });
  });
});
