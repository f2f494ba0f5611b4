import { LOGIN_THROTTLE } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
} from '../../testing/test-app';
import { createAuthService } from './auth.service';

/**
 * Issue 12.5: sign-in limits per account and per (account, address) with backoff, per address only
 * for accounts that do not exist, counted in the database, and an administrator's unlock.
 */
let now = new Date('2026-12-07T09:00:00+09:00');
let t: TestApp;
let admin: TestSession;
const OFFICE = '203.0.113.10';

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  admin = await t.createOrganization('throttle');
  await t.addUser(admin, 'staff', 'colleague@throttle.example.jp');
  await t.addUser(admin, 'staff', 'victim@throttle.example.jp');
});
afterAll(() => t?.close());

const attempt = (email: string, password: string, peer = OFFICE, organization = 'throttle') =>
  t.request('POST', '/api/v1/auth/login', { peer, json: { organization, email, password } });
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

describe('one office behind one address', () => {
  it('one person’s failures (on an account and on unknown e-mails) do not lock out a colleague', async () => {
    // The failures of the report: 11 on one account, 91 on e-mails that do not exist.
    for (let i = 0; i < 11; i++) await attempt('victim@throttle.example.jp', `wrong-${i}`);
    for (let i = 0; i < 91; i++) await attempt(`nobody-${i}@throttle.example.jp`, 'wrong');
    const colleague = await attempt('colleague@throttle.example.jp', TEST_PASSWORD);
    expect(colleague.status).toBe(200);
    // The address is blocked for unknown accounts and wrong passwords, with one answer for both.
    const unknown = await attempt('nobody-x@throttle.example.jp', 'wrong');
    const wrong = await attempt('colleague@throttle.example.jp', 'wrong');
    expect([unknown.status, wrong.status]).toEqual([429, 429]);
    expect(Number(unknown.headers.get('retry-after'))).toBeGreaterThan(0);
    // The guessed account is blocked from this address, even with its right password…
    expect((await attempt('victim@throttle.example.jp', TEST_PASSWORD)).status).toBe(429);
    // …but not from another one (11 failures are under the account-wide limit).
    expect(
      (await attempt('victim@throttle.example.jp', TEST_PASSWORD, '198.51.100.20')).status,
    ).toBe(200);
  });
});

describe('backoff', () => {
  it('doubles the block with each failure after the free ones, and forgets after a day', async () => {
    const email = 'backoff@throttle.example.jp';
    const peer = '192.0.2.50';
    const { free, baseSeconds } = LOGIN_THROTTLE.pair;
    for (let i = 0; i < free; i++) expect((await attempt(email, 'wrong', peer)).status).toBe(401);
    const first = await attempt(email, 'wrong', peer);
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBe(baseSeconds);
    advance(baseSeconds + 1);
    expect((await attempt(email, 'wrong', peer)).status).toBe(401);
    const second = await attempt(email, 'wrong', peer);
    expect(Number(second.headers.get('retry-after'))).toBe(2 * baseSeconds);
    advance(LOGIN_THROTTLE.forgetAfterSeconds + 1);
    expect((await attempt(email, 'wrong', peer)).status).toBe(401);
  });
});

describe('an account guessed from many addresses', () => {
  it('is blocked everywhere after the account limit, shown to the admin, and unlocked by the admin', async () => {
    const email = 'victim@throttle.example.jp';
    for (let i = 0; i < LOGIN_THROTTLE.account.free; i++) {
      expect((await attempt(email, `wrong-${i}`, `10.1.0.${i + 1}`)).status).toBe(401);
    }
    admin = await t.login(admin.slug, admin.email); // the clock moved on a day above
    // A new address, the right password: refused, the account is blocked.
    expect((await attempt(email, TEST_PASSWORD, '10.2.0.1')).status).toBe(429);
    const list = await t.request('GET', '/api/v1/users', { session: admin });
    expect(list.status, await list.clone().text()).toBe(200);
    const { items } = (await list.json()) as {
      items: { id: string; email: string; signInBlockedUntil: string | null }[];
    };
    const victim = items.find((u) => u.email === email);
    expect(victim?.signInBlockedUntil).not.toBeNull();
    expect(items.find((u) => u.email === admin.email)?.signInBlockedUntil).toBeNull();

    const staff = await t.login(admin.slug, 'colleague@throttle.example.jp');
    const refused = await t.request('POST', `/api/v1/users/${victim?.id}/unlock`, {
      session: staff,
    });
    expect(refused.status).toBe(403);
    const unlocked = await t.request('POST', `/api/v1/users/${victim?.id}/unlock`, {
      session: admin,
    });
    expect(unlocked.status).toBe(200);
    expect((await attempt(email, TEST_PASSWORD, '10.2.0.1')).status).toBe(200);
    const history = await t.request('GET', '/api/v1/audit', { session: admin });
    expect(JSON.stringify(await history.json())).toContain('signInBlock');
  });

  it('an account that does not exist is counted exactly like one that does (no oracle)', async () => {
    const peer = '10.3.0.1';
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < LOGIN_THROTTLE.pair.free + 2; i++)
        out.push((await attempt(email, 'wrong', peer)).status);
      return out;
    };
    const real = await statuses('colleague@throttle.example.jp');
    const fake = await statuses('ghost@throttle.example.jp');
    expect(fake).toEqual(real);
  });
});

describe('counted in the database', () => {
  it('a second server process (another auth service on the same database) sees the block', async () => {
    const email = 'shared@throttle.example.jp';
    const peer = '10.4.0.1';
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) await attempt(email, 'wrong', peer);
    const other = createAuthService({ db: t.deps.db, now: () => now, sessionHours: 1 });
    await expect(
      other.login({
        organization: 'throttle',
        email,
        password: 'wrong',
        ip: peer,
        userAgent: null,
      }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
