import type { Database } from '@banso/db';
import { ERROR_MESSAGES } from '@banso/shared';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';

/**
 * The bounded wait (admission.ts) against a real database held busy: a transaction that holds
 * an exclusive lock on `companies` until the test lets it go. On PGlite it also holds the only
 * connection; on PostgreSQL requests block on the lock. Either way the admitted requests keep
 * their places until the release, so what the gate decides meanwhile is deterministic.
 */
function holdCompanies(db: Database) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = db.transaction(async (tx) => {
    await tx.execute(sql`lock table companies in access exclusive mode`);
    locked();
    await released;
  });
  return {
    isLocked,
    release: async () => {
      release();
      await done;
    },
  };
}

/** Lets the requests in flight run up to their next wait (no time passes: nothing sleeps). */
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 10_000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never reached: ${what}`);
}

/** Tracks whether a request has been answered yet. */
function pending<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** How long the event loop has been busy, as the test says. */
const loop = { busyMs: 0 };

async function appWith(env: Record<string, string>, clock = new FakeClock()) {
  loop.busyMs = 0;
  t = await createTestApp({ env, clock, loopBusyMs: () => loop.busyMs });
  const admin = await t.createOrganization('gate');
  return { t, admin, clock };
}

const companyNames = async (app: TestApp, admin: TestSession) => {
  const res = await app.request('GET', '/api/v1/companies?limit=100', { session: admin });
  expect(res.status).toBe(200);
  return ((await res.json()).items as { name: string }[]).map((c) => c.name);
};

const expectRefusal = async (res: Response, retryAfter: string) => {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe(retryAfter);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await res.json();
  expect(body.code).toBe('service_unavailable');
  // Says that the server is busy and nothing was done, not that an index is being built.
  expect(body.detail).toBe(ERROR_MESSAGES.service_unavailable.ja);
};

describe('bounded wait for the database', () => {
  it('refuses at once with 503 and Retry-After beyond the queue depth; the others complete once the database is free', async () => {
    const { t, admin } = await appWith({
      BANSO_DB_ACTIVE: '2',
      BANSO_DB_QUEUE: '1',
      BANSO_DB_WAIT_MS: '60000',
    });
    const hold = holdCompanies(t.deps.db);
    await hold.isLocked;

    const first = t.request('GET', '/api/v1/companies', { session: admin });
    const second = t.request('GET', '/api/v1/companies', { session: admin });
    await until(() => t.admission.active === 2, 'two requests admitted');
    const queued = pending(
      t.request('POST', '/api/v1/companies', { session: admin, json: { name: '待った株式会社' } }),
    );
    await until(() => t.admission.queued === 1, 'one request queued');

    // The database is still held: this answer cannot have waited for it.
    const refused = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name: '断られた株式会社' },
    });
    await expectRefusal(refused, '60');
    expect(t.admission.refused.queueFull).toBe(1);
    // Health checks are never refused or queued.
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    expect(queued.settled).toBe(false);

    await hold.release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect((await queued.promise).status).toBe(201);
    expect(t.admission).toMatchObject({ active: 0, queued: 0 });
    // Refused before it did any work: the company was never written.
    const names = await companyNames(t, admin);
    expect(names).toContain('待った株式会社');
    expect(names).not.toContain('断られた株式会社');
  });

  it('refuses a waiting request when its wait reaches the limit (injected clock)', async () => {
    const { t, admin, clock } = await appWith({
      BANSO_DB_ACTIVE: '1',
      BANSO_DB_QUEUE: '10',
      BANSO_DB_WAIT_MS: '1500',
    });
    const hold = holdCompanies(t.deps.db);
    await hold.isLocked;
    const first = t.request('GET', '/api/v1/companies', { session: admin });
    await until(() => t.admission.active === 1, 'one request admitted');
    const waiting = pending(
      t.request('POST', '/api/v1/companies', {
        session: admin,
        json: { name: '遅すぎた株式会社' },
      }),
    );
    await until(() => t.admission.queued === 1, 'one request queued');

    expect((await clock.nextTimer()).getTime() - clock.now().getTime()).toBe(1500);
    await clock.advance(1499);
    expect(waiting.settled).toBe(false);
    await clock.advance(1);
    await expectRefusal(await waiting.promise, '2');
    expect(t.admission).toMatchObject({ queued: 0, refused: { waitTooLong: 1 } });

    await hold.release();
    expect((await first).status).toBe(200);
    expect(await companyNames(t, admin)).not.toContain('遅すぎた株式会社');
  });

  it('refuses at once a request whose expected wait is over the limit', async () => {
    const { t, admin, clock } = await appWith({
      BANSO_DB_ACTIVE: '1',
      BANSO_DB_QUEUE: '10',
      BANSO_DB_WAIT_MS: '1000',
    });
    // One request holds its place for 4 s of the clock: the mean holding time (weight 0.2 per
    // sample, from 0 ms for the sign-in) becomes 800 ms.
    let hold = holdCompanies(t.deps.db);
    await hold.isLocked;
    const slow = t.request('GET', '/api/v1/companies', { session: admin });
    await until(() => t.admission.active === 1, 'the slow request admitted');
    await clock.advance(4000);
    await hold.release();
    expect((await slow).status).toBe(200);

    hold = holdCompanies(t.deps.db);
    await hold.isLocked;
    const first = t.request('GET', '/api/v1/companies', { session: admin });
    await until(() => t.admission.active === 1, 'one request admitted');
    // First in the queue: 1 × 800 ms expected, within the limit.
    const second = pending(t.request('GET', '/api/v1/companies', { session: admin }));
    await until(() => t.admission.queued === 1, 'one request queued');
    // Second in the queue: 2 × 800 ms expected, over it — refused without waiting.
    const refused = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name: '見込みで断られた株式会社' },
    });
    await expectRefusal(refused, '1');
    expect(t.admission.refused.waitTooLong).toBe(1);
    expect(second.settled).toBe(false);

    await hold.release();
    expect((await first).status).toBe(200);
    expect((await second.promise).status).toBe(200);
    expect(await companyNames(t, admin)).not.toContain('見込みで断られた株式会社');
  });

  it('counts the time the process was too busy to read a request as waiting', async () => {
    const { t, admin, clock } = await appWith({
      BANSO_DB_ACTIVE: '1',
      BANSO_DB_QUEUE: '10',
      BANSO_DB_WAIT_MS: '2000',
    });
    // The event loop has not turned for 2.5 s: whoever is read now has waited that long already,
    // and is refused at once even though a place is free.
    loop.busyMs = 2500;
    await expectRefusal(
      await t.request('POST', '/api/v1/companies', {
        session: admin,
        json: { name: '待ちすぎた株式会社' },
      }),
      '2',
    );
    expect(t.admission.refused.waitTooLong).toBe(1);

    // 1.2 s of it: a request that must queue may wait only the 0.8 s left.
    loop.busyMs = 1200;
    const hold = holdCompanies(t.deps.db);
    await hold.isLocked;
    const first = t.request('GET', '/api/v1/companies', { session: admin });
    await until(() => t.admission.active === 1, 'one request admitted');
    const waiting = pending(t.request('GET', '/api/v1/companies', { session: admin }));
    await until(() => t.admission.queued === 1, 'one request queued');
    expect((await clock.nextTimer()).getTime() - clock.now().getTime()).toBe(800);
    await clock.advance(800);
    await expectRefusal(await waiting.promise, '2');

    loop.busyMs = 0;
    await hold.release();
    expect((await first).status).toBe(200);
    expect(await companyNames(t, admin)).not.toContain('待ちすぎた株式会社');
  });
});
