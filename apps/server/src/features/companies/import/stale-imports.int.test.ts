import { imports } from '@banso/db';
import { ImportId, type TenantId } from '@banso/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../new-id';
import { createTestApp, type TestApp, type TestSession } from '../../../testing/test-app';
import { STALE_IMPORT_MS, staleImportsTask } from './stale-imports';

let t: TestApp;
let a: TestSession;
let b: TestSession;
const NOW = new Date('2026-12-07T03:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('stale-a');
  b = await t.createOrganization('stale-b');
});
afterAll(() => t?.close());

/** An import record as a process left it (written as the owner: this is the crash's state). */
async function record(
  tenantId: TenantId,
  status: string,
  heartbeatAt: Date | null,
  startedAt = NOW,
) {
  const id = newId(ImportId);
  await t.database.db.insert(imports).values({
    tenantId,
    id,
    entity: 'companies',
    format: 'banso',
    encoding: 'utf-8',
    fileName: 'x.csv',
    fileSha256: 'x',
    fileSize: 1,
    status,
    heartbeatAt,
    startedAt,
  });
  return id;
}
const statusOf = async (id: ImportId) =>
  (await t.database.db.select({ s: imports.status }).from(imports).where(eq(imports.id, id)))[0]?.s;

const task = (driver: 'pglite' | 'postgres', startedAt: Date) =>
  staleImportsTask({ ...t.deps, driver, now: () => NOW }, startedAt);

describe('imports of a process that died', () => {
  it('PostgreSQL: only imports without a committed batch for the stale period, in every organisation', async () => {
    const dead = await record(a.tenantId, 'running', ago(STALE_IMPORT_MS + 1));
    const deadB = await record(b.tenantId, 'running', ago(2 * STALE_IMPORT_MS));
    const old = await record(a.tenantId, 'running', null, ago(STALE_IMPORT_MS + 60_000));
    const alive = await record(a.tenantId, 'running', ago(STALE_IMPORT_MS - 1));
    const done = await record(a.tenantId, 'completed', ago(10 * STALE_IMPORT_MS));
    // Another process started a minute ago: on PostgreSQL that says nothing about the others.
    await task('postgres', ago(60_000)).run();
    expect(await statusOf(dead)).toBe('interrupted');
    expect(await statusOf(deadB)).toBe('interrupted');
    expect(await statusOf(old)).toBe('interrupted');
    expect(await statusOf(alive)).toBe('running');
    expect(await statusOf(done)).toBe('completed');
  });

  it('embedded database: every import silent since this process started is dead at once', async () => {
    const startedAt = ago(30_000);
    const beforeStart = await record(a.tenantId, 'running', ago(60_000));
    const mine = await record(a.tenantId, 'running', ago(10_000));
    await task('pglite', startedAt).run();
    expect(await statusOf(beforeStart)).toBe('interrupted');
    expect(await statusOf(mine)).toBe('running');
  });

  it('an interrupted import can be resumed (the status is one resume accepts)', async () => {
    const id = await record(a.tenantId, 'running', ago(STALE_IMPORT_MS * 2));
    await task('postgres', NOW).run();
    const res = await t.request('GET', `/api/v1/imports/${id}`, { session: a });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'interrupted' });
  });
});
