import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('first-run setup', () => {
  it('needs setup while no organisation exists, refuses a wrong token, and creates the first organisation once', async () => {
    expect(await (await t.request('GET', '/api/v1/setup')).json()).toEqual({ needsSetup: true });
    const token = t.services.setupToken.issue();
    const input = {
      organization: { slug: 'kawasaki', name: '川崎市 経済労働局・川崎市産業振興財団' },
      admin: {
        email: 'admin@kawasaki.example.jp',
        displayName: '川崎 太郎',
        password: TEST_PASSWORD,
      },
    };
    const wrong = await t.request('POST', '/api/v1/setup', { json: { ...input, token: 'guess' } });
    expect(wrong.status).toBe(403);
    const short = await t.request('POST', '/api/v1/setup', {
      json: { ...input, token, admin: { ...input.admin, password: 'short' } },
    });
    expect(short.status).toBe(422);
    expect((await short.json()).errors[0]).toMatchObject({
      field: 'admin.password',
      code: 'password_too_weak',
    });

    const page = await t.request('GET', `/setup?token=${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('初期設定');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);

    const ok = await t.request('POST', '/api/v1/setup', { json: { ...input, token } });
    expect(ok.status).toBe(201);
    expect((await ok.json()).tenant.slug).toBe('kawasaki');
    const again = await t.request('POST', '/api/v1/setup', { json: { ...input, token } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('setup_already_done');
    await t.login('kawasaki', 'admin@kawasaki.example.jp');
  });

  it('works as a plain HTML form without JavaScript', async () => {
    const fresh = await createTestApp();
    try {
      const token = fresh.services.setupToken.issue();
      const form = new URLSearchParams({
        token,
        organizationName: '宇都宮市',
        organizationSlug: 'utsunomiya',
        adminName: '宇都宮 花子',
        adminEmail: 'hanako@utsunomiya.example.jp',
        adminPassword: 'short',
      });
      const bad = await fresh.app.request('/setup', { method: 'POST', body: form });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('12文字以上');
      form.set('adminPassword', TEST_PASSWORD);
      const ok = await fresh.app.request('/setup', { method: 'POST', body: form });
      expect(ok.status).toBe(201);
      expect(await ok.text()).toContain('utsunomiya');
      await fresh.login('utsunomiya', 'hanako@utsunomiya.example.jp');
    } finally {
      await fresh.close();
    }
  });
});

describe('HTTP behaviour', () => {
  it('answers problem+json for unknown routes, malformed JSON and oversized bodies', async () => {
    const admin = await t.login('kawasaki', 'admin@kawasaki.example.jp');
    const missing = await t.request('GET', '/api/v1/nothing-here', { session: admin });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await t.request('POST', '/api/v1/companies', {
      session: admin,
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('bad_request');
    const huge = await t.request('POST', '/api/v1/companies', {
      session: admin,
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).code).toBe('payload_too_large');
  });

  it('answers an anonymous request 401 before looking at what it sent; public operations still validate', async () => {
    const anonymous = [
      ['POST', '/api/v1/companies', { json: { name: 42 } }],
      ['POST', '/api/v1/companies', { json: { name: 'a\u0000b' } }],
      ['GET', '/api/v1/companies?limit=not-a-number', {}],
      ['GET', '/api/v1/companies/not-a-uuid', {}],
      ['PATCH', '/api/v1/companies/00000000-0000-4000-8000-000000000000', { json: {} }],
    ] as const;
    for (const [method, path, init] of anonymous) {
      const res = await t.request(method, path, init);
      expect([method, path, res.status, (await res.json()).code]).toEqual([
        method,
        path,
        401,
        'unauthenticated',
      ]);
    }
    // Sign-in is public: a body that breaks its contract is still described field by field.
    const login = await t.request('POST', '/api/v1/auth/login', { json: { organization: 1 } });
    expect(login.status).toBe(422);
    // Logged in, the same invalid body is a 422 naming the field.
    const admin = await t.login('kawasaki', 'admin@kawasaki.example.jp');
    const invalid = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name: 42 },
    });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors.map((e: { field: string }) => e.field)).toContain('name');
  });

  it('sends security headers, a request id, and no third-party origins in the CSP', async () => {
    const res = await t.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('serves the OpenAPI 3.1 document and browsable docs from local assets only', async () => {
    const doc = await (await t.request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/companies',
        '/api/v1/companies/{id}',
        '/api/v1/auth/login',
        '/api/v1/audit',
      ]),
    );
    expect(doc.components.schemas.Problem).toBeDefined();
    const docs = await (await t.request('GET', '/api/docs')).text();
    const srcs = [...docs.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(1);
    for (const src of srcs) {
      expect(src).toMatch(/^\//);
      expect((await t.request('GET', src ?? '')).status, src).toBe(200);
    }
  });
});
