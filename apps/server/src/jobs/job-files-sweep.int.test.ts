import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { executeRows, inTenant } from '@banso/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../features/jobs/jobs.service';
import { FakeClock } from '../testing/fake-clock';
import { adminActorOf, createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { jobFilesSweep } from './job-files-sweep';
import { createJobRunner } from './job-runner';

const HOUR = 3_600_000;
let t: TestApp;
let admin: TestSession;
const clock = new FakeClock('2026-07-01T09:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now: () => clock.now() });
  admin = await t.createOrganization('sweep-jobs');
});
afterAll(() => t.close());

/** A job in `status`, with an upload directory last changed `ageMs` before the clock's now. */
async function jobWithUpload(status: string, ageMs: number): Promise<string> {
  const job = await inTenant(t.database.db, { tenantId: admin.tenantId }, async (tx) => {
    const row = await enqueueJob(tx, adminActorOf(admin), {
      kind: 'listings.import',
      payload: {},
      now: clock.now(),
    });
    await executeRows(tx.db, sql`update jobs set status = ${status} where id = ${row.id}`);
    return row;
  });
  upload(job.id, ageMs);
  return job.id;
}
function upload(name: string, ageMs: number) {
  const dir = path.join(t.deps.config.jobFilesDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'upload'), 'x');
  const at = new Date(clock.now().getTime() - ageMs);
  utimesSync(dir, at, at);
}

describe('the sweep of leftover job uploads', () => {
  it('removes the uploads of ended or missing jobs once past the grace period, on the runner timers', async () => {
    const day = 24 * HOUR;
    const keep = [
      await jobWithUpload('queued', 2 * day),
      await jobWithUpload('running', 2 * day),
      // Ended, but within the grace period (a failed job's upload stays a while for inspection).
      await jobWithUpload('failed', day - HOUR),
    ];
    const remove = [
      await jobWithUpload('succeeded', day + HOUR),
      await jobWithUpload('failed', 2 * day),
      await jobWithUpload('cancelled', 2 * day),
    ];
    // No job row at all (its job was never queued, or the row is gone).
    const gone = '11111111-2222-4333-8444-555555555555';
    upload(gone, 2 * day);
    // Not a job's directory: never touched.
    upload('notes', 2 * day);
    writeFileSync(path.join(t.deps.config.jobFilesDir, 'README'), 'x');

    const runner = createJobRunner({
      db: t.database.db,
      logger: t.deps.logger,
      now: () => clock.now(),
      timers: clock,
      handlers: [],
    });
    runner.schedule(
      jobFilesSweep({
        db: t.database.db,
        logger: t.deps.logger,
        now: () => clock.now(),
        jobFilesDir: t.deps.config.jobFilesDir,
        graceMs: day,
        firstAfterMs: 10 * 60_000,
        everyMs: HOUR,
      }),
    );
    await runner.start();
    expect(await clock.nextTimer()).toEqual(new Date(clock.now().getTime() + 10 * 60_000));
    await clock.advance(10 * 60_000 - 1);
    expect(readdirSync(t.deps.config.jobFilesDir)).toHaveLength(9);
    await clock.advance(1);
    // The run has ended once the next one is armed, an hour later.
    expect(await clock.nextTimer()).toEqual(new Date(clock.now().getTime() + HOUR));
    await runner.stop();

    expect(readdirSync(t.deps.config.jobFilesDir).sort()).toEqual(
      [...keep, 'notes', 'README'].sort(),
    );
    expect(
      remove.concat(gone).some((id) => readdirSync(t.deps.config.jobFilesDir).includes(id)),
    ).toBe(false);
  });
});
