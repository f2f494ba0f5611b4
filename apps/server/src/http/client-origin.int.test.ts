import { sessions } from '@banso/db';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestSession } from '../testing/test-app';

/**
 * Issue 12.7: HSTS only over HTTPS, and X-Forwarded-* believed only from a proxy named in
 * BANSO_TRUST_PROXY (the Secure cookie, HSTS and the address sign-ins are limited and logged by).
 */
let plain: TestApp;
let proxied: TestApp;
let adminPlain: TestSession;
let adminProxied: TestSession;

beforeAll(async () => {
  plain = await createTestApp();
  proxied = await createTestApp({ env: { BANSO_TRUST_PROXY: 'loopback, 10.0.0.1' } });
  adminPlain = await plain.createOrganization('origin-plain');
  adminProxied = await proxied.createOrganization('origin-proxied');
});
afterAll(async () => {
  await plain?.close();
  await proxied?.close();
});

const https = { 'x-forwarded-proto': 'https' };
const login = (
  t: TestApp,
  admin: TestSession,
  init: { peer?: string; headers?: Record<string, string> },
) =>
  t.request('POST', '/api/v1/auth/login', {
    ...init,
    json: { organization: admin.slug, email: admin.email, password: TEST_PASSWORD },
  });
const lastSessionIp = async (t: TestApp) =>
  (
    await t.database.db
      .select({ ip: sessions.ip })
      .from(sessions)
      .orderBy(desc(sessions.createdAt))
      .limit(1)
  )[0]?.ip;

describe('HSTS and the Secure cookie', () => {
  it('over plain HTTP: no HSTS and no Secure cookie, whatever the client claims', async () => {
    for (const init of [{ peer: '127.0.0.1' }, { peer: '127.0.0.1', headers: https }]) {
      const res = await plain.request('GET', '/api/health', init);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      const signedIn = await login(plain, adminPlain, init);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    }
  });

  it('behind a trusted proxy that terminated HTTPS: HSTS and a Secure cookie', async () => {
    const res = await proxied.request('GET', '/api/health', {
      peer: '127.0.0.1',
      headers: https,
    });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const signedIn = await login(proxied, adminProxied, {
      peer: '::ffff:127.0.0.1',
      headers: https,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('from an address that is not a trusted proxy, X-Forwarded-Proto is ignored', async () => {
    const res = await proxied.request('GET', '/api/health', {
      peer: '192.0.2.44',
      headers: https,
    });
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const signedIn = await login(proxied, adminProxied, { peer: '192.0.2.44', headers: https });
    expect(signedIn.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('the client address', () => {
  it('is the rightmost untrusted address of X-Forwarded-For when the peer is a trusted proxy', async () => {
    await login(proxied, adminProxied, {
      peer: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9, 10.0.0.1' },
    });
    // 198.51.100.7 is what the client wrote itself; 10.0.0.1 is a trusted proxy.
    expect(await lastSessionIp(proxied)).toBe('203.0.113.9');
  });

  it('is the peer itself when the peer is not trusted, whatever X-Forwarded-For says', async () => {
    await login(plain, adminPlain, {
      peer: '192.0.2.10',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(await lastSessionIp(plain)).toBe('192.0.2.10');
  });

  it('an invalid BANSO_TRUST_PROXY stops the start with the variable named', async () => {
    await expect(createTestApp({ env: { BANSO_TRUST_PROXY: 'proxy.example.jp' } })).rejects.toThrow(
      /BANSO_TRUST_PROXY: "proxy.example.jp"/,
    );
  });
});
