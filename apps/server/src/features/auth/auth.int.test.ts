import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import {
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestSession,
} from '../../testing/test-app';

let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createOrganization('kawasaki');
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite session cookie and returns the user, tenant and CSRF token', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', {
      json: {
        organization: 'kawasaki',
        email: 'ADMIN@kawasaki.example.jp',
        password: TEST_PASSWORD,
      },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^banso_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: 'admin@kawasaki.example.jp', role: 'admin' });
    expect(body.tenant.slug).toBe('kawasaki');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(JSON.stringify(body)).not.toContain('passwordHash');
  });

  it('answers the same 401 for a wrong password, an unknown user and an unknown organisation', async () => {
    const attempts = [
      {
        organization: 'kawasaki',
        email: 'admin@kawasaki.example.jp',
        password: 'wrong-password-123',
      },
      { organization: 'kawasaki', email: 'nobody@kawasaki.example.jp', password: TEST_PASSWORD },
      { organization: 'nowhere', email: 'admin@kawasaki.example.jp', password: TEST_PASSWORD },
    ];
    const bodies = [];
    for (const json of attempts) {
      const res = await t.request('POST', '/api/v1/auth/login', {
        json,
        headers: { 'x-forwarded-for': 'ignored' },
      });
      expect(res.status).toBe(401);
      const body = await res.json();
      bodies.push(body.code + body.detail);
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it('lets the organisation code be omitted only while there is a single organisation', async () => {
    const solo = await createTestApp();
    try {
      await solo.createOrganization('solo');
      const ok = await solo.request('POST', '/api/v1/auth/login', {
        json: { email: 'admin@solo.example.jp', password: TEST_PASSWORD },
      });
      expect(ok.status).toBe(200);
      await solo.createOrganization('second');
      const ambiguous = await solo.request('POST', '/api/v1/auth/login', {
        json: { email: 'admin@solo.example.jp', password: TEST_PASSWORD },
      });
      expect(ambiguous.status).toBe(401);
    } finally {
      await solo.close();
    }
  });

  it('rate-limits repeated failures with 429 and Retry-After, while another account still logs in', async () => {
    const email = 'victim@kawasaki.example.jp';
    let last = 0;
    // LOGIN_THROTTLE.pair: five attempts of one account from one address may fail, the sixth is refused.
    for (let i = 0; i < 6; i++) {
      const res = await t.request('POST', '/api/v1/auth/login', {
        json: { organization: 'kawasaki', email, password: `guess-number-${i}` },
      });
      last = res.status;
      if (i < 5) expect(res.status).toBe(401);
      else {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await res.json()).code).toBe('rate_limited');
      }
    }
    expect(last).toBe(429);
    const other = await t.request('POST', '/api/v1/auth/login', {
      json: {
        organization: 'kawasaki',
        email: 'admin@kawasaki.example.jp',
        password: TEST_PASSWORD,
      },
    });
    expect(other.status).toBe(200);
  });

  it('ends the session at logout', async () => {
    const s = await t.login('kawasaki', 'admin@kawasaki.example.jp');
    expect((await t.request('GET', '/api/v1/auth/session', { session: s })).status).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/logout', { session: s })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/session', { session: s })).status).toBe(401);
  });

  it('expires sessions after the configured hours', async () => {
    let now = new Date('2026-04-01T09:00:00+09:00');
    const clocked = await createTestApp({ now: () => now });
    try {
      const s = await clocked.createOrganization('clock');
      expect((await clocked.request('GET', '/api/v1/companies', { session: s })).status).toBe(200);
      now = new Date(now.getTime() + 13 * 3600_000);
      const expired = await clocked.request('GET', '/api/v1/companies', { session: s });
      expect(expired.status).toBe(401);
      expect((await expired.json()).code).toBe('unauthenticated');
    } finally {
      await clocked.close();
    }
  });

  it('refuses a disabled user', async () => {
    const staff = await t.addUser(admin, 'staff', 'leaver@kawasaki.example.jp');
    const users = await (await t.request('GET', '/api/v1/users', { session: admin })).json();
    const leaver = users.items.find(
      (u: { email: string }) => u.email === 'leaver@kawasaki.example.jp',
    );
    const res = await t.request('PATCH', `/api/v1/users/${leaver.id}`, {
      session: admin,
      json: { disabled: true, version: leaver.version },
    });
    expect(res.status).toBe(200);
    expect((await t.request('GET', '/api/v1/companies', { session: staff })).status).toBe(401);
    await expect(t.login('kawasaki', 'leaver@kawasaki.example.jp')).rejects.toThrow(/401/);
  });
});

describe('my own profile', () => {
  it('lets any user, even a viewer, keep their UI language, audited, and nobody else’s', async () => {
    const viewer = await t.addUser(admin, 'viewer', 'reader@kawasaki.example.jp');
    const res = await t.request('PATCH', '/api/v1/auth/me', {
      session: viewer,
      json: { locale: 'en' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: 'reader@kawasaki.example.jp', locale: 'en' });
    const session = await (
      await t.request('GET', '/api/v1/auth/session', { session: viewer })
    ).json();
    expect(session.user.locale).toBe('en');
    // The admin's own language is untouched.
    const adminSession = await (
      await t.request('GET', '/api/v1/auth/session', { session: admin })
    ).json();
    expect(adminSession.user.locale).toBe('ja');
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=user&entityId=${session.user.id}`, {
        session: admin,
      })
    ).json();
    expect(audit.items[0].changes.locale).toEqual({ before: 'ja', after: 'en' });
  });

  it('refuses fields a user may not change on themselves (role) and bad languages', async () => {
    const staff = await t.addUser(admin, 'staff', 'climber@kawasaki.example.jp');
    const role = await t.request('PATCH', '/api/v1/auth/me', {
      session: staff,
      json: { role: 'admin' },
    });
    expect(role.status).toBe(422);
    const locale = await t.request('PATCH', '/api/v1/auth/me', {
      session: staff,
      json: { locale: 'fr' },
    });
    expect(locale.status).toBe(422);
    expect((await locale.json()).errors[0].field).toBe('locale');
    const session = await (
      await t.request('GET', '/api/v1/auth/session', { session: staff })
    ).json();
    expect(session.user.role).toBe('staff');
  });
});

describe('CSRF protection for cookie-authenticated writes', () => {
  it('refuses a write without the X-CSRF-Token header and accepts it with the header', async () => {
    const noHeader = await t.request('POST', '/api/v1/companies', {
      headers: { cookie: admin.cookie },
      json: buildCompany(),
    });
    expect(noHeader.status).toBe(403);
    expect((await noHeader.json()).code).toBe('csrf_failed');
    const wrong = await t.request('POST', '/api/v1/companies', {
      session: { ...admin, csrfToken: 'not-the-token-of-this-session' },
      json: buildCompany(),
    });
    expect(wrong.status).toBe(403);
    const right = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: buildCompany(),
    });
    expect(right.status).toBe(201);
  });
});

describe('personal API tokens', () => {
  it('creates a token shown once, authenticates with it without CSRF, and stops working once revoked', async () => {
    const created = await t.request('POST', '/api/v1/auth/tokens', {
      session: admin,
      json: { name: 'nightly export' },
    });
    expect(created.status).toBe(201);
    const { token, id } = await created.json();
    expect(token).toMatch(/^bns_[0-9a-f]{32}_/);
    const listed = await (await t.request('GET', '/api/v1/auth/tokens', { session: admin })).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.items[0]).toMatchObject({ id, name: 'nightly export', revoked: false });

    const write = await t.request('POST', '/api/v1/companies', {
      token,
      json: buildCompany({ name: 'トークン登録工業' }),
    });
    expect(write.status).toBe(201);
    expect(
      (await t.request('DELETE', `/api/v1/auth/tokens/${id}`, { session: admin })).status,
    ).toBe(204);
    const after = await t.request('GET', '/api/v1/companies', { token });
    expect(after.status).toBe(401);
  });

  it('rejects a token of one tenant presented with another tenant id', async () => {
    const other = await t.createOrganization('gifu');
    const { token } = await (
      await t.request('POST', '/api/v1/auth/tokens', { session: admin, json: { name: 'x' } })
    ).json();
    const secret = token.split('_')[2];
    const forged = `bns_${other.tenantId.replaceAll('-', '')}_${secret}`;
    expect((await t.request('GET', '/api/v1/companies', { token: forged })).status).toBe(401);
  });
});

describe('roles', () => {
  it('lets a viewer read but not write, and only admins manage users and read the audit log', async () => {
    const viewer = await t.addUser(admin, 'viewer');
    expect((await t.request('GET', '/api/v1/companies', { session: viewer })).status).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/companies', { session: viewer, json: buildCompany() }))
        .status,
    ).toBe(403);
    expect((await t.request('GET', '/api/v1/users', { session: viewer })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit', { session: viewer })).status).toBe(403);
    const staff = await t.addUser(admin, 'staff');
    expect(
      (await t.request('POST', '/api/v1/companies', { session: staff, json: buildCompany() }))
        .status,
    ).toBe(201);
    expect((await t.request('GET', '/api/v1/audit', { session: staff })).status).toBe(403);
  });

  it('audits user changes with before/after and never the password hash', async () => {
    const audit = await (
      await t.request('GET', '/api/v1/audit?entity=user', { session: admin })
    ).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|passwordHash/);
    const disable = audit.items.find(
      (e: { action: string; changes: Record<string, unknown> }) =>
        e.action === 'update' && e.changes.disabledAt,
    );
    expect(disable.changes.disabledAt.before).toBeNull();
    expect(typeof disable.changes.disabledAt.after).toBe('string');
  });
});
