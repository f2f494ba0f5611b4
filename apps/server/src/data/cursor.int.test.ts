import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';

/** A malformed page cursor is a 422 naming `cursor` — never silently the first page. */
let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createOrganization('cursor-org');
});
afterAll(() => t.close());

const bad = [
  'not-base64-json',
  Buffer.from('{"sort":"kana","kana":"あ","id":"x"}').toString('base64url'),
  Buffer.from('{"at":"yesterday","id":"00000000-0000-4000-8000-000000000000"}').toString(
    'base64url',
  ),
  Buffer.from('{"before":-1}').toString('base64url'),
];

describe('page cursors', () => {
  it.each([
    '/api/v1/companies?sort=kana&cursor=',
    '/api/v1/companies?sort=updated&cursor=',
    '/api/v1/listings?cursor=',
    '/api/v1/audit?cursor=',
  ])('%s… answers 422 on cursor for each malformed cursor', async (path) => {
    for (const cursor of bad) {
      const res = await t.request('GET', `${path}${encodeURIComponent(cursor)}`, {
        session: admin,
        headers: { 'accept-language': 'en' },
      });
      expect({ cursor, status: res.status }).toEqual({ cursor, status: 422 });
      const body = await res.json();
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    }
  });

  it('pages a company’s history with a real cursor', async () => {
    const created = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name: '履歴株式会社', kind: 'sme' },
    });
    const company = await created.json();
    let version = company.version;
    for (const name of ['履歴株式会社二', '履歴株式会社三']) {
      const res = await t.request('PATCH', `/api/v1/companies/${company.id}`, {
        session: admin,
        json: { name, version },
      });
      version = (await res.json()).version;
    }
    const first = await (
      await t.request('GET', `/api/v1/companies/${company.id}/history?limit=2`, { session: admin })
    ).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (
      await t.request(
        'GET',
        `/api/v1/companies/${company.id}/history?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
        { session: admin },
      )
    ).json();
    expect(second.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(second.nextCursor).toBeNull();
  });
});
