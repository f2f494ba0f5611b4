import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';

/**
 * Issue 12.1: NUL and lone surrogates are refused with a 422 naming the field, in bodies (values
 * and keys, JSON documents included), queries and paths — never a 500 from the database.
 */
let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createOrganization('text-policy');
});
afterAll(() => t?.close());

/** A JSON body with a lone surrogate (JSON.stringify would escape it as \ud800 anyway). */
const raw = (text: string) => ({ body: text, headers: { 'content-type': 'application/json' } });

const expectRefused = async (res: Response, field: string) => {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(422);
  expect(body.errors).toEqual([
    expect.objectContaining({ field, code: 'unsupported_character', message: expect.any(String) }),
  ]);
};

describe('text Banso cannot store', () => {
  it('NUL in a plain field', async () => {
    const res = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name: '株式会社\u0000かわさき', kind: 'sme' },
    });
    await expectRefused(res, 'name');
  });

  it('a lone surrogate in a JSON document field (a program’s background)', async () => {
    const res = await t.request('POST', '/api/v1/programs', {
      session: admin,
      ...raw(
        '{"name":"知財マッチング事業","fromFy":2021,"toFy":2023,"background":[{"title":"背景","items":["ok","x\\ud800y"]}]}',
      ),
    });
    await expectRefused(res, 'background.0.items.1');
  });

  it('a NUL in a search query answers 422 on q, not 500', async () => {
    const res = await t.request('GET', '/api/v1/companies?q=%00', { session: admin });
    await expectRefused(res, 'q');
  });

  it('a NUL in an object key', async () => {
    const res = await t.request('POST', '/api/v1/companies', {
      session: admin,
      ...raw('{"name":"株式会社キー","kind":"sme","\\u0000":1}'),
    });
    expect(res.status).toBe(422);
  });

  it('the same text without the bad character is stored and read back unchanged', async () => {
    const name = '株式会社𠮷野 👩‍👩‍👧 ｶﾜｻｷ';
    const res = await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: { name, kind: 'sme' },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).name).toBe(name);
  });
});
