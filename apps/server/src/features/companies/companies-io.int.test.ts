import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportStreamEvent } from '@banso/shared';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';
import { writeBansoTestFile } from './import/test-files';

let t: TestApp;
let admin: TestSession;
let other: TestSession;
/** Files as Excel and careless users write them, kept apart from the export's count. */
let excel: TestSession;
const fixture = (name: string) =>
  readFileSync(new URL(`./import/fixtures/${name}`, import.meta.url));

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2024-05-01T03:00:00Z') });
  admin = await t.createOrganization('io-kawasaki');
  other = await t.createOrganization('io-sagamihara');
  excel = await t.createOrganization('io-excel');
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
    body: typeof body === 'string' ? body : new Uint8Array(body),
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

  it('reads what Excel saves as 「Unicode テキスト」 (UTF-16LE with BOM, tab-separated), and UTF-16BE', async () => {
    const tsv =
      '名称\tフリガナ\t所在地\r\n株式会社髙﨑ユニコード\tタカサキ\t川崎市幸区\r\n丸①商事ユニコード\t\t"川崎市\t中原区"\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    expect(await (await upload(excel, le, '', 'text/plain')).json()).toMatchObject({
      status: 'completed',
      encoding: 'utf-16le',
      inserted: 2,
    });
    const found = await (
      await t.request('GET', `/api/v1/companies?q=${encodeURIComponent('丸①商事ユニコード')}`, {
        session: excel,
      })
    ).json();
    expect(found.items).toMatchObject([{ name: '丸①商事ユニコード', address: '川崎市\t中原区' }]);
    const be = Buffer.from(le);
    be.swap16();
    expect(await (await upload(other, be, '?dryRun=true', 'text/csv')).json()).toMatchObject({
      status: 'dry_run',
      encoding: 'utf-16be',
      inserted: 2,
    });
  });

  it('answers 422 naming line and field for a NUL in a cell, and stating the limit for absurd shapes', async () => {
    const nul = await upload(excel, '名称,所在地\n正しい会社NUL,川崎\nNUL\u0000会社,川崎\n');
    expect(nul.status).toBe(422);
    expect(await nul.json()).toMatchObject({
      code: 'import_invalid',
      errors: [{ field: 'line.3.name', code: 'unsupported_character' }],
    });
    // A header of 2.6 million empty columns (5 MB) is refused at once, with the limit.
    const wide = await upload(excel, `名称${','.repeat(2_600_000)}\n`);
    expect(wide.status).toBe(422);
    const problem = await wide.json();
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'line.1.(file)', code: 'too_big' }),
    ]);
    expect(problem.errors[0].message).toContain('1行に1,000列まで');
    // A NUL in a header cell rejects the file (the error list is stored with the record).
    const header = await upload(excel, '名称,住\u0000所\n会社,川崎\n');
    expect(header.status).toBe(422);
    expect((await header.json()).errors).toEqual([
      expect.objectContaining({ field: 'line.1.(file)', code: 'unsupported_character' }),
    ]);
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

const NDJSON = { accept: 'application/x-ndjson', 'content-type': 'text/csv' };

/** Reads an NDJSON answer: every line parsed with the shared contract. */
async function streamLines(res: Response): Promise<ImportStreamEvent[]> {
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => ImportStreamEvent.parse(JSON.parse(line)));
}

describe('POST /api/v1/companies/import with Accept: application/x-ndjson', () => {
  let dir: string;
  let session: TestSession;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'banso-io-stream-'));
    session = await t.createOrganization('io-stream');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams progress lines, then the result; the progress names the import record', async () => {
    const file = await writeBansoTestFile(path.join(dir, 'big.csv'), 2500);
    const res = await t.request('POST', '/api/v1/companies/import?fileName=big.csv', {
      session,
      body: readFileSync(file),
      headers: NDJSON,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = await streamLines(res);
    expect(lines[0]).toMatchObject({ type: 'progress', phase: 'validate', linesRead: 0 });
    const last = lines.at(-1);
    expect(last).toMatchObject({
      type: 'result',
      status: 'completed',
      inserted: 2500,
      committedLine: 2501,
      errorCount: 0,
    });
    if (last?.type !== 'result') throw new Error('no result line');
    const progress = lines.slice(0, -1);
    expect(progress.every((l) => l.type === 'progress')).toBe(true);
    const writing = progress.filter((l) => l.type === 'progress' && l.phase === 'write');
    expect(writing.length).toBeGreaterThan(0);
    for (const line of writing) {
      if (line.type !== 'progress') continue;
      expect(line.importId).toBe(last.id);
      expect(line.committedLine).toBeLessThanOrEqual(2501);
      expect(line.linesRead).toBeGreaterThanOrEqual(line.committedLine);
      expect(line.totalBytes).toBe(readFileSync(file).length);
    }
    const committed = writing.map((l) => (l.type === 'progress' ? l.committedLine : 0));
    expect(committed).toEqual([...committed].sort((a, b) => a - b));
    const record = await (await t.request('GET', `/api/v1/imports/${last.id}`, { session })).json();
    expect(record).toMatchObject({ status: 'completed', committedLine: 2501, fileName: 'big.csv' });
  });

  it('ends with a problem line for a rejected file (and for a dry run the result)', async () => {
    const rejected = await streamLines(
      await t.request('POST', '/api/v1/companies/import', {
        session,
        body: fixture('malformed-middle.csv'),
        headers: NDJSON,
      }),
    );
    expect(rejected.at(-1)).toMatchObject({
      type: 'problem',
      problem: {
        status: 422,
        code: 'import_invalid',
        type: 'https://banso.invalid/problems/import-invalid',
        errors: [{ field: 'line.5.corporateNumber', code: 'corporate_number_check_digit' }],
        result: { status: 'rejected', inserted: 0, errors: [{ line: 5 }] },
      },
    });
    const dry = await streamLines(
      await t.request('POST', '/api/v1/companies/import?dryRun=true&mode=batches', {
        session,
        body: fixture('malformed-middle.csv'),
        headers: NDJSON,
      }),
    );
    expect(dry.at(-1)).toMatchObject({ type: 'result', status: 'dry_run', id: null, skipped: 1 });
  });

  it('answers option errors and forbidden users as before, not as a stream', async () => {
    const bad = await t.request('POST', '/api/v1/companies/import?municipality=99999', {
      session,
      body: '名称\r\nx\r\n',
      headers: NDJSON,
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const viewer = await t.addUser(session, 'viewer');
    expect(
      (
        await t.request('POST', '/api/v1/companies/import', {
          session: viewer,
          body: '名称\r\nx\r\n',
          headers: NDJSON,
        })
      ).status,
    ).toBe(403);
  });

  it('stops when the client goes away, and resumes (resume=id) with the same file without duplicates', async () => {
    const file = await writeBansoTestFile(path.join(dir, 'resume.csv'), 3000, 5000);
    const res = await t.request('POST', '/api/v1/companies/import', {
      session,
      body: readFileSync(file),
      headers: NDJSON,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let importId: string | null = null;
    while (!importId) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the stream ended before writing began');
      buffered += decoder.decode(value, { stream: true });
      for (const line of buffered.split('\n').slice(0, -1)) {
        const event = ImportStreamEvent.parse(JSON.parse(line));
        if (event.type === 'progress' && event.importId) importId = event.importId;
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    }
    await reader.cancel(); // the browser tab is closed

    // The server notices the closed connection asynchronously: poll the record until it stops.
    const record = await vi.waitFor(
      async () => {
        const r: { status: string; committedLine: number; inserted: number } = await (
          await t.request('GET', `/api/v1/imports/${importId}`, { session })
        ).json();
        expect(r.status).not.toBe('running');
        return r;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(record.status).toBe('interrupted');
    expect(record.committedLine).toBeLessThan(3001);
    expect(record.inserted).toBe(Math.max(0, record.committedLine - 1));

    const lines = await streamLines(
      await t.request('POST', `/api/v1/companies/import?resume=${importId}`, {
        session,
        body: readFileSync(file),
        headers: NDJSON,
      }),
    );
    expect(lines.at(-1)).toMatchObject({
      type: 'result',
      id: importId,
      status: 'completed',
      inserted: 3000,
      rowsRead: 3000,
      committedLine: 3001,
    });
    const again = await t.request('POST', `/api/v1/companies/import?resume=${importId}`, {
      session,
      body: readFileSync(file),
      headers: { 'content-type': 'text/csv' },
    });
    expect(again.status).toBe(422); // a completed import cannot be resumed
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
