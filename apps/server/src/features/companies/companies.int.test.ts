import { Company, CompanyPage, Problem } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, jsonOf, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let a: TestSession;
let b: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.createOrganization('kawasaki');
  b = await t.createOrganization('utsunomiya');
});
afterAll(() => t.close());

const create = async (session: TestSession, body: unknown) =>
  t.request('POST', '/api/v1/companies', { session, json: body });

describe('company registry', () => {
  it('creates, reads and lists a company in kana order', async () => {
    const res = await create(
      a,
      buildCompany({
        name: '株式会社かわさき精工',
        nameKana: 'カワサキセイコウ',
        corporateNumber: '1180301018771',
      }),
    );
    const company = await jsonOf(res, Company, 201);
    expect(company).toMatchObject({
      name: '株式会社かわさき精工',
      corporateNumber: '1180301018771',
      version: 1,
    });
    expect(company).not.toHaveProperty('tenantId');
    expect(company).not.toHaveProperty('searchTokens');
    const got = await t.api.get(`/api/v1/companies/${company.id}`, { session: a, schema: Company });
    expect(got.id).toBe(company.id);
  });

  it('rejects an invalid 法人番号 with 422 naming the field, in Japanese by default and English on request', async () => {
    for (const bad of ['1180301018772', '118030101877', '11803O1018771']) {
      const res = await create(a, buildCompany({ corporateNumber: bad }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors[0].field).toBe('corporateNumber');
    }
    const ja = await (await create(a, buildCompany({ corporateNumber: '1180301018772' }))).json();
    expect(ja.errors[0]).toMatchObject({
      code: 'corporate_number_check_digit',
      message: '法人番号のチェックディジットが正しくありません。',
    });
    const en = await (
      await t.request('POST', '/api/v1/companies', {
        session: a,
        json: buildCompany({ corporateNumber: '1180301018772' }),
        headers: { 'accept-language': 'en-US,en;q=0.9' },
      })
    ).json();
    expect(en.errors[0].message).toBe('The corporate number check digit is wrong.');
    expect(en.detail).toBe('Some fields are invalid.');
  });

  it('answers 409 on a duplicate 法人番号 within a tenant, but another tenant may hold the same number', async () => {
    const dup = await create(a, buildCompany({ corporateNumber: '1180301018771' }));
    expect(dup.status).toBe(409);
    expect((await dup.json()).errors[0].code).toBe('duplicate_corporate_number');
    const other = await create(b, buildCompany({ corporateNumber: '1180301018771' }));
    expect(other.status).toBe(201);
  });

  it('finds a company by katakana or half-width kana when its name was saved in hiragana', async () => {
    await create(a, buildCompany({ name: 'さくら金型製作所', nameKana: null }));
    for (const q of ['サクラ', 'ｻｸﾗ', 'さくら', '金型']) {
      const page = await t.api.get(`/api/v1/companies?q=${encodeURIComponent(q)}`, {
        session: a,
        schema: CompanyPage,
      });
      expect(
        page.items.map((c) => c.name),
        q,
      ).toContain('さくら金型製作所');
    }
    const none = await t.api.get(`/api/v1/companies?q=${encodeURIComponent('さくら銀行')}`, {
      session: a,
      schema: CompanyPage,
    });
    expect(none.items).toHaveLength(0);
  });

  it('refuses a stale update with 409 and changes nothing', async () => {
    const company = await (await create(a, buildCompany({ name: '旧名称工業' }))).json();
    const first = await t.request('PATCH', `/api/v1/companies/${company.id}`, {
      session: a,
      json: { name: '新名称工業', version: 1 },
    });
    expect(first.status).toBe(200);
    expect((await first.json()).version).toBe(2);
    const stale = await t.request('PATCH', `/api/v1/companies/${company.id}`, {
      session: a,
      json: { name: '別名称工業', version: 1 },
    });
    expect((await jsonOf(stale, Problem, 409)).code).toBe('stale_version');
    const now = await (
      await t.request('GET', `/api/v1/companies/${company.id}`, { session: a })
    ).json();
    expect(now).toMatchObject({ name: '新名称工業', version: 2 });
  });

  it('pages with a cursor through every company exactly once', async () => {
    for (let i = 0; i < 7; i++)
      await create(a, buildCompany({ name: `ページ${i}`, nameKana: `ページ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `&cursor=${cursor}` : '';
      const page = await t.api.get(`/api/v1/companies?limit=3${qs}`, {
        session: a,
        schema: CompanyPage,
      });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await t.api.get('/api/v1/companies?limit=500', {
      session: a,
      schema: CompanyPage,
    });
    expect(seen).toEqual(all.items.map((c) => c.id));
  });

  it('archives instead of deleting, hides archived companies by default, and audits every change', async () => {
    const company = await (await create(a, buildCompany({ name: 'アーカイブ商事' }))).json();
    const archived = await t.request('POST', `/api/v1/companies/${company.id}/archive`, {
      session: a,
      json: { version: 1 },
    });
    expect(archived.status).toBe(200);
    const list = await (
      await t.request('GET', `/api/v1/companies?q=${encodeURIComponent('アーカイブ')}`, {
        session: a,
      })
    ).json();
    expect(list.items).toHaveLength(0);
    const withArchived = await (
      await t.request(
        'GET',
        `/api/v1/companies?includeArchived=true&q=${encodeURIComponent('アーカイブ')}`,
        { session: a },
      )
    ).json();
    expect(withArchived.items).toHaveLength(1);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entity=company&entityId=${company.id}`, { session: a })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['archive', 'create']);
    expect(audit.items[0].changes.archivedAt.before).toBeNull();
    expect(audit.items[0].actorUserId).toBe(a.userId);
  });
});

describe('tenant isolation', () => {
  it('gives a user of tenant B 404 on every company and audit route of tenant A, reading and writing', async () => {
    const company = await (await create(a, buildCompany({ name: '川崎だけの会社' }))).json();
    const id = company.id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/companies/${id}`],
      ['PATCH', `/api/v1/companies/${id}`, { name: '乗っ取り', version: 1 }],
      ['POST', `/api/v1/companies/${id}/archive`, { version: 1 }],
      ['POST', `/api/v1/companies/${id}/restore`, { version: 1 }],
      ['GET', `/api/v1/companies/${id}/history`],
      ['GET', `/api/v1/companies/${id}/assignments`],
      ['POST', `/api/v1/companies/${id}/assignments`, { userId: b.userId }],
      ['DELETE', `/api/v1/companies/${id}/assignments/${a.userId}`],
    ];
    for (const [method, path, json] of attempts) {
      const res = await t.request(method, path, { session: b, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await (
      await t.request('GET', `/api/v1/companies?q=${encodeURIComponent('川崎だけ')}`, {
        session: b,
      })
    ).json();
    expect(list.items).toHaveLength(0);
    const audit = await (
      await t.request('GET', `/api/v1/audit?entityId=${id}`, { session: b })
    ).json();
    expect(audit.items).toHaveLength(0);
    const unchanged = await (
      await t.request('GET', `/api/v1/companies/${id}`, { session: a })
    ).json();
    expect(unchanged).toMatchObject({ name: '川崎だけの会社', version: 1, archivedAt: null });
  });

  it('lets a partner see only the companies assigned to them, read-only', async () => {
    const partner = await t.addUser(a, 'partner');
    const assigned = await (await create(a, buildCompany({ name: '担当先工業' }))).json();
    const other = await (await create(a, buildCompany({ name: '担当外工業' }))).json();
    expect(
      (
        await t.request('POST', `/api/v1/companies/${assigned.id}/assignments`, {
          session: a,
          json: { userId: partner.userId },
        })
      ).status,
    ).toBe(204);
    const list = await (
      await t.request('GET', '/api/v1/companies?limit=500', { session: partner })
    ).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([assigned.id]);
    expect(
      (await t.request('GET', `/api/v1/companies/${other.id}`, { session: partner })).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/api/v1/companies/${assigned.id}`, { session: partner })).status,
    ).toBe(200);
    const write = await t.request('PATCH', `/api/v1/companies/${assigned.id}`, {
      session: partner,
      json: { name: 'x', version: 1 },
    });
    expect(write.status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit', { session: partner })).status).toBe(403);
  });

  it('does not accept tenant A’s session cookie re-labelled with tenant B’s id', async () => {
    const [, secret] = a.cookie.split('=')[1]?.split('.') ?? [];
    const forged = { ...a, cookie: `banso_session=${b.tenantId}.${secret}` };
    expect((await t.request('GET', '/api/v1/companies', { session: forged })).status).toBe(401);
  });
});
