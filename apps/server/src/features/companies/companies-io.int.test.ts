import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let admin: TestSession;
let other: TestSession;
const fixture = (name: string) =>
  readFileSync(new URL(`./import/fixtures/${name}`, import.meta.url));

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2024-05-01T03:00:00Z') });
  admin = await t.createOrganization('io-kawasaki');
  other = await t.createOrganization('io-sagamihara');
});
afterAll(() => t.close());

const upload = (
  session: TestSession,
  body: Buffer | string,
  query = '',
  contentType = 'text/csv',
) =>
  t.request('POST', `/api/v1/companies/import${query}`, {
    session,
    body,
    headers: { 'content-type': contentType },
  });

describe('POST /api/v1/companies/import', () => {
  it('imports a 国税庁 file for one municipality and keeps an import record', async () => {
    const res = await upload(
      admin,
      fixture('nta-kawasaki.csv'),
      '?municipality=14130&fileName=13_kanagawa_all.csv',
    );
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result).toMatchObject({
      status: 'completed',
      format: 'nta',
      inserted: 7,
      skipped: 2,
      errorCount: 0,
    });
    const record = await (
      await t.request('GET', `/api/v1/imports/${result.id}`, { session: admin })
    ).json();
    expect(record).toMatchObject({
      id: result.id,
      status: 'completed',
      fileName: '13_kanagawa_all.csv',
      committedLine: 9,
      inserted: 7,
      options: { format: 'auto', mode: 'atomic', municipality: '14130', mapping: null },
    });
    expect(record.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await t.request('GET', `/api/v1/imports/${result.id}`, { session: other })).status,
    ).toBe(404);
  });

  it('answers 422 import_invalid with the line and field of each error, and imports nothing', async () => {
    const res = await upload(
      admin,
      fixture('malformed-middle.csv'),
      '',
      'application/octet-stream',
    );
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({
      code: 'import_invalid',
      detail: 'ファイルに誤りがあるため、何も取り込みませんでした。',
      errors: [{ field: 'line.5.corporateNumber', code: 'corporate_number_check_digit' }],
      result: {
        status: 'rejected',
        inserted: 0,
        errorCount: 1,
        errors: [{ line: 5, field: 'corporateNumber' }],
      },
    });
    const list = await (
      await t.request('GET', `/api/v1/companies?q=${encodeURIComponent('高津製作所')}`, {
        session: admin,
      })
    ).json();
    expect(list.items).toHaveLength(1); // from the 国税庁 import above, not from this file
  });

  it('takes mode, dryRun, mapping and the charset of the upload', async () => {
    const dry = await (
      await upload(other, fixture('malformed-middle.csv'), '?mode=batches&dryRun=true')
    ).json();
    expect(dry).toMatchObject({
      id: null,
      status: 'dry_run',
      inserted: 3,
      skipped: 1,
      errorCount: 1,
    });
    const mapping = encodeURIComponent(
      JSON.stringify({ 名称: '会社名', 所在地: '住所', 従業員数: '従業員' }),
    );
    expect(
      (await (await upload(other, fixture('other-system.csv'), `?mapping=${mapping}`)).json())
        .inserted,
    ).toBe(2);
    const sjis = iconv.encode(`名称,フリガナ\r\n株式会社髙﨑,タカサキ\r\n`, 'shift_jis');
    const res = await upload(other, sjis, '', 'text/csv; charset=Shift_JIS');
    expect(await res.json()).toMatchObject({
      status: 'completed',
      encoding: 'shift_jis',
      inserted: 1,
    });
  });

  it('refuses other content types, bad options, and users who may not import', async () => {
    expect((await upload(admin, '名称\r\nx\r\n', '', 'application/json')).status).toBe(415);
    const bad = await upload(admin, '名称\r\nx\r\n', '?municipality=99999');
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({
      field: 'municipality',
      code: 'municipality_unknown',
    });
    expect(
      (await upload(admin, '名称\r\nx\r\n', '?mapping=%E7%A4%BE%E9%95%B7%3D%E4%BB%A3%E8%A1%A8'))
        .status,
    ).toBe(422);
    for (const role of ['partner', 'viewer'] as const) {
      const user = await t.addUser(admin, role);
      expect((await upload(user, '名称\r\nx\r\n')).status, role).toBe(403);
      expect(
        (await t.request('GET', '/api/v1/companies/export', { session: user })).status,
        role,
      ).toBe(403);
    }
    expect(
      (
        await t.request('POST', '/api/v1/companies/import', {
          body: '名称\r\nx\r\n',
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(401);
  });
});

describe('GET /api/v1/companies/export', () => {
  it('streams a UTF-8 CSV with BOM and a dated file name, that imports back unchanged', async () => {
    const res = await t.request('GET', '/api/v1/companies/export', { session: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="companies-2024-05-01.csv"');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('企業台帳-2024-05-01.csv')}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines).toHaveLength(9); // header, the 7 companies from the 国税庁 import, '' after the final CRLF
    const again = await (await upload(admin, bytes)).json();
    expect(again).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 7 });
  });

  it('in Shift_JIS reports substituted and unencodable characters in headers', async () => {
    for (const name of ['9時〜17時商店', '𠮷野精機']) {
      expect(
        (
          await t.request('POST', '/api/v1/companies', {
            session: other,
            json: buildCompany({ name }),
          })
        ).status,
      ).toBe(201);
    }
    const res = await t.request('GET', '/api/v1/companies/export?encoding=shift_jis', {
      session: other,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(res.headers.get('x-banso-substituted-characters')).toBe('1');
    expect(res.headers.get('x-banso-unencodable-characters')).toBe('1');
    const text = iconv.decode(Buffer.from(await res.arrayBuffer()), 'shift_jis');
    expect(text).toContain('9時～17時商店');
    expect(text).toContain('〓野精機');
    expect(text).not.toContain('?');
  });
});

describe('OpenAPI', () => {
  it('documents the import, export and import-record routes', async () => {
    const doc = await (await t.request('GET', '/api/openapi.json')).json();
    expect(doc.paths['/api/v1/companies/import'].post.requestBody.content).toHaveProperty(
      'text/csv',
    );
    expect(
      doc.paths['/api/v1/companies/import'].post.responses['422'].content[
        'application/problem+json'
      ],
    ).toBeDefined();
    expect(doc.paths['/api/v1/companies/export'].get.parameters[0].name).toBe('encoding');
    expect(doc.paths['/api/v1/imports/{id}'].get).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('ImportRunResult');
  });
});
