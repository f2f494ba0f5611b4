import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditLog, companies, imports } from '@banso/db';
import { ImportId, type TenantId } from '@banso/shared';
import { and, asc, count, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../../context';
import { buildCompany } from '../../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../../testing/test-app';
import { exportCompaniesCsv } from '../export/export-companies';
import { BANSO_COLUMNS } from './banso-columns';
import { importCompaniesFromFile } from './import-companies';
import type { ImportOptions } from './import-options';
import {
  bansoHeaderLine,
  bansoTestCells,
  csvLine,
  ntaTestCells,
  writeBansoTestFile,
} from './test-files';

let t: TestApp;
let dir: string;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'banso-import-test-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let orgs = 0;
async function newOrg(): Promise<{ session: TestSession; actor: Actor }> {
  const session = await t.createOrganization(`imp-${++orgs}`);
  return { session, actor: systemActor(session.tenantId, 'cli') };
}

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

const run = (actor: Actor, file: string, options: ImportOptions = {}) =>
  importCompaniesFromFile(t.deps, actor, file, options);

async function companyCount(tenantId: TenantId): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(companies)
    .where(eq(companies.tenantId, tenantId));
  return row?.n ?? 0;
}

async function auditCount(tenantId: TenantId): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entity, 'company')));
  return row?.n ?? 0;
}

async function exportBytes(actor: Actor, encoding: 'utf-8' | 'shift_jis') {
  const { chunks, stats } = exportCompaniesCsv(t.deps, actor, { encoding });
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return { bytes: Buffer.concat(parts), stats };
}

const byNumber = async (tenantId: TenantId, corporateNumber: string) => {
  const [row] = await t.database.db
    .select()
    .from(companies)
    .where(and(eq(companies.tenantId, tenantId), eq(companies.corporateNumber, corporateNumber)));
  return row;
};

describe('a file with a malformed row', () => {
  it('default (atomic) mode imports nothing and reports the physical line of the bad row', async () => {
    const { actor } = await newOrg();
    const result = await run(actor, fixture('malformed-middle.csv'));
    expect(result).toMatchObject({ status: 'rejected', inserted: 0, errorCount: 1 });
    // Line 5, not record 4: the row before it has a two-line cell.
    expect(result.errors).toEqual([
      {
        line: 5,
        field: 'corporateNumber',
        code: 'corporate_number_check_digit',
        message: '法人番号のチェックディジットが正しくありません。',
      },
    ]);
    expect(await companyCount(actor.tenantId)).toBe(0);
    const [record] = await t.database.db
      .select()
      .from(imports)
      .where(eq(imports.tenantId, actor.tenantId));
    expect(record).toMatchObject({ status: 'rejected', committedLine: 0, inserted: 0 });
  });

  it('batches mode writes the valid rows and reports the invalid one', async () => {
    const { actor } = await newOrg();
    const result = await run(actor, fixture('malformed-middle.csv'), {
      mode: 'batches',
      locale: 'en',
    });
    expect(result).toMatchObject({
      status: 'completed',
      inserted: 3,
      skipped: 1,
      rowsRead: 4,
      committedLine: 6,
    });
    expect(result.errors[0]).toMatchObject({
      line: 5,
      message: 'The corporate number check digit is wrong.',
    });
    expect(await companyCount(actor.tenantId)).toBe(3);
    expect((await byNumber(actor.tenantId, '3020001012345'))?.businessDescription).toBe(
      '板金加工\r\n溶接も対応',
    );
  });

  it('reports a wrong column count and an unclosed quote by line; a broken quote rejects even in batches mode', async () => {
    const { actor } = await newOrg();
    const header = bansoHeaderLine();
    const rows = [
      csvLine(bansoTestCells(1)),
      csvLine(bansoTestCells(2)).replace(/,[^,]*\r\n$/, '\r\n'),
      csvLine(bansoTestCells(3)),
    ];
    const columns = await run(actor, write('columns.csv', header + rows.join('')));
    expect(columns.errors).toMatchObject([{ line: 3, field: '(row)', code: 'invalid_format' }]);

    const unclosed = write(
      'unclosed.csv',
      `${header}${csvLine(bansoTestCells(4))}${csvLine(bansoTestCells(5)).replace(',sme,', ',"sme,')}${csvLine(bansoTestCells(6))}`,
    );
    for (const mode of ['atomic', 'batches'] as const) {
      const result = await run(actor, unclosed, { mode });
      expect(result.status).toBe('rejected');
      expect(result.errors).toMatchObject([{ line: 3, field: '(file)', code: 'invalid_format' }]);
    }
    expect(await companyCount(actor.tenantId)).toBe(0);
  });
});

describe('characters the database cannot store', () => {
  // Found by the fuzz harness (apps/server/src/reliability): a NUL in a cell reached the
  // database (500), and a NUL in a header reached the import record's error list (500).
  it('refuses a cell with a NUL on its line and column, and a header with one for the file', async () => {
    const { actor } = await newOrg();
    const header = bansoHeaderLine();
    const nulCell = write(
      'nul-cell.csv',
      header + csvLine(bansoTestCells(1)) + csvLine(bansoTestCells(2, { name: 'a\u0000b' })),
    );
    const atomic = await run(actor, nulCell);
    expect(atomic).toMatchObject({ status: 'rejected', inserted: 0 });
    expect(atomic.errors).toMatchObject([
      { line: 3, field: 'name', code: 'unsupported_character' },
    ]);
    const batches = await run(actor, nulCell, { mode: 'batches' });
    expect(batches).toMatchObject({ status: 'completed', inserted: 1, skipped: 1 });

    const nulHeader = await run(
      actor,
      write('nul-header.csv', `名称,a\u0000b\r\nテスト工業,x\r\n`),
    );
    expect(nulHeader).toMatchObject({ status: 'rejected', inserted: 0 });
    expect(nulHeader.errors).toMatchObject([
      { line: 1, field: '(file)', code: 'unsupported_character' },
    ]);
    expect(await companyCount(actor.tenantId)).toBe(1);
  });
});

describe('re-importing', () => {
  it('updates, never duplicates, and audits only what changed', async () => {
    const { actor } = await newOrg();
    const file = await writeBansoTestFile(path.join(dir, 'fifty.csv'), 50);
    expect(await run(actor, file, { batchSize: 20 })).toMatchObject({
      status: 'completed',
      inserted: 50,
      committedLine: 51,
    });
    expect(await run(actor, file, { batchSize: 20 })).toMatchObject({
      status: 'completed',
      inserted: 0,
      updated: 0,
      unchanged: 50,
    });
    expect(await companyCount(actor.tenantId)).toBe(50);
    expect(await auditCount(actor.tenantId)).toBe(50);

    const lines = readFileSync(file, 'utf8').split('\r\n');
    lines[3] = csvLine(bansoTestCells(2, { name: '株式会社改称精工', employees: '999' })).trimEnd();
    const changed = write('fifty-changed.csv', lines.join('\r\n'));
    expect(await run(actor, changed)).toMatchObject({ inserted: 0, updated: 1, unchanged: 49 });
    expect(await companyCount(actor.tenantId)).toBe(50);
    const company = await byNumber(actor.tenantId, bansoTestCells(2)[0] ?? '');
    expect(company).toMatchObject({ name: '株式会社改称精工', employees: 999, version: 2 });
    const [event] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, actor.tenantId), eq(auditLog.entityId, company?.id ?? '')))
      .orderBy(asc(auditLog.id))
      .offset(1);
    expect(event).toMatchObject({ action: 'import', actorLabel: 'cli' });
    expect(event?.changes).toEqual({
      name: { before: '株式会社テスト精工2', after: '株式会社改称精工' },
      employees: { before: 12, after: 999 },
    });
  });

  it('a dry run validates, reports what would change and writes nothing', async () => {
    const { actor } = await newOrg();
    const file = await writeBansoTestFile(path.join(dir, 'dry.csv'), 30);
    await run(actor, await writeBansoTestFile(path.join(dir, 'dry-first.csv'), 10));
    const result = await run(actor, file, { dryRun: true, batchSize: 7 });
    expect(result).toMatchObject({
      id: null,
      status: 'dry_run',
      rowsRead: 30,
      inserted: 20,
      unchanged: 10,
      errorCount: 0,
    });
    expect(await companyCount(actor.tenantId)).toBe(10);
  });
});

describe('the 国税庁 corporate-number data', () => {
  it('loads only the corporations of the municipality, closes without deleting, and keeps what supporters entered', async () => {
    const { session, actor } = await newOrg();
    const result = await run(actor, fixture('nta-kawasaki.csv'), { municipality: '14130' });
    expect(result).toMatchObject({
      status: 'completed',
      format: 'nta',
      encoding: 'utf-8',
      rowsRead: 9,
      inserted: 7,
      skipped: 2,
    });
    expect(await byNumber(actor.tenantId, '3020001054321')).toBeUndefined(); // 横浜市
    expect(await byNumber(actor.tenantId, '1180301018771')).toMatchObject({
      name: '株式会社かわさき精工',
      nameKana: 'カワサキセイコウ',
      nameEn: 'Kawasaki Seiko Co., Ltd.',
      kind: 'sme',
      municipalityCode: '141330',
      postalCode: '2110063',
      address: '神奈川県川崎市中原区小杉町３丁目６００番地',
      status: 'active',
      ntaUpdatedOn: '2024-04-01',
    });
    expect(await byNumber(actor.tenantId, '6020001099999')).toMatchObject({
      status: 'closed',
      closedOn: '2023-03-31',
      closeReason: '清算の結了等',
    });
    expect(await byNumber(actor.tenantId, '2020001077777')).toMatchObject({
      status: 'closed',
      closeReason: '合併による解散等',
      successorCorporateNumber: '1180301018771',
    });
    expect(await byNumber(actor.tenantId, '7030001011111')).toMatchObject({
      name: '株式会社多摩テクノ',
    });
    expect(await byNumber(actor.tenantId, '7000020141305')).toMatchObject({ kind: 'public' });
    expect(await byNumber(actor.tenantId, '5020001044444')).toMatchObject({ kind: 'other' });

    // A supporter fills in what the registry does not know.
    const seiko = await byNumber(actor.tenantId, '1180301018771');
    const patch = await t.request('PATCH', `/api/v1/companies/${seiko?.id}`, {
      session,
      json: {
        version: seiko?.version,
        kind: 'large',
        technologies: ['精密切削'],
        needs: ['事業承継'],
        representativeName: '川崎 一郎',
        employees: 120,
      },
    });
    expect(patch.status).toBe(200);

    // The same publication again, now in Shift_JIS: nothing changes.
    const sjis = write(
      'nta-kawasaki-sjis.csv',
      iconv.encode(readFileSync(fixture('nta-kawasaki.csv'), 'utf8'), 'shift_jis'),
    );
    expect(await run(actor, sjis, { municipality: '141305' })).toMatchObject({
      encoding: 'shift_jis',
      inserted: 0,
      updated: 0,
      unchanged: 7,
    });

    // A differential file renames the company and moves it: only the registry's fields change.
    const diff = write(
      'nta-diff.csv',
      csvLine(
        ntaTestCells(0, {
          corporateNumber: '1180301018771',
          process: '11',
          updateDate: '2024-06-03',
          name: '株式会社かわさき精工ホールディングス',
          cityName: '川崎市高津区',
          cityCode: '134',
          streetNumber: '溝口２丁目',
          postCode: '2130001',
          furigana: '',
        }),
      ),
    );
    expect(await run(actor, diff)).toMatchObject({ format: 'nta', updated: 1 });
    expect(await byNumber(actor.tenantId, '1180301018771')).toMatchObject({
      name: '株式会社かわさき精工ホールディングス',
      nameKana: 'カワサキセイコウ',
      municipalityCode: '141348',
      address: '神奈川県川崎市高津区溝口２丁目',
      kind: 'large',
      technologies: ['精密切削'],
      needs: ['事業承継'],
      representativeName: '川崎 一郎',
      employees: 120,
      ntaUpdatedOn: '2024-06-03',
    });
    // An older publication never rolls it back.
    expect(await run(actor, fixture('nta-kawasaki.csv'), { municipality: '14130' })).toMatchObject({
      updated: 0,
      unchanged: 7,
    });
    expect((await byNumber(actor.tenantId, '1180301018771'))?.name).toBe(
      '株式会社かわさき精工ホールディングス',
    );
  });

  it('reports a 国税庁 row whose municipality code is unknown, with its line', async () => {
    const { actor } = await newOrg();
    const file = write(
      'nta-bad.csv',
      csvLine(ntaTestCells(1)) + csvLine(ntaTestCells(2, { cityCode: '999' })),
    );
    const result = await run(actor, file);
    expect(result).toMatchObject({
      status: 'rejected',
      errors: [{ line: 2, field: 'municipalityCode', code: 'municipality_unknown' }],
    });
  });
});

describe('files from other sources', () => {
  it('imports with a column mapping; Banso titles are picked up, other columns ignored', async () => {
    const { actor } = await newOrg();
    const result = await run(actor, fixture('other-system.csv'), {
      mapping: '名称=会社名,所在地=住所,従業員数=従業員',
    });
    expect(result).toMatchObject({ status: 'completed', format: 'banso', inserted: 2 });
    expect(await byNumber(actor.tenantId, '1180301018771')).toMatchObject({
      name: '株式会社みぞのくち電機',
      address: '神奈川県川崎市高津区溝口１－１',
      employees: 1200,
    });
    const unmapped = await run(actor, fixture('other-system.csv'));
    expect(unmapped.status).toBe('rejected');
    expect(unmapped.errors.map((e) => e.code)).toEqual([
      'unknown_field',
      'unknown_field',
      'unknown_field',
      'unknown_field',
      'required',
    ]);
  });
});

describe('round trips', () => {
  it('a Shift_JIS file with ①②, 髙 and 﨑 imports and exports back to the same bytes', async () => {
    const { actor } = await newOrg();
    const original = readFileSync(fixture('banso-sjis.csv'));
    const result = await run(actor, fixture('banso-sjis.csv'));
    expect(result).toMatchObject({ status: 'completed', encoding: 'shift_jis', inserted: 3 });
    expect(await byNumber(actor.tenantId, '1180301018771')).toMatchObject({
      id: '11111111-1111-4111-8111-111111111111',
      name: '株式会社髙﨑精密',
      representativeName: '髙﨑 一郎',
      businessDescription: '①精密切削\r\n②表面処理',
      technologies: ['精密切削', '表面処理'],
    });
    expect((await byNumber(actor.tenantId, '3020001012345'))?.name).toBe('丸①丸②商事');
    const { bytes, stats } = await exportBytes(actor, 'shift_jis');
    expect(stats).toMatchObject({ rows: 3, substituted: 0, unencodable: 0 });
    expect(bytes.equals(original)).toBe(true);

    // Some systems write the NEC-selected codes of 髙 (EEE0) and 﨑 (ED95), as Python's cp932 does; they read
    // as the same characters (and export as the IBM codes Windows writes: FBFC, FAB1).
    const nec = Buffer.from(
      original.toString('hex').replaceAll('fbfc', 'eee0').replaceAll('fab1', 'ed95'),
      'hex',
    );
    expect(nec.equals(original)).toBe(false);
    const other = await newOrg();
    expect(await run(other.actor, write('banso-nec.csv', nec))).toMatchObject({
      encoding: 'shift_jis',
      inserted: 3,
    });
    expect((await byNumber(other.actor.tenantId, '1180301018771'))?.name).toBe('株式会社髙﨑精密');
  });

  it('export → import → export gives the same bytes, in UTF-8 and in Shift_JIS, into the same or another organisation', async () => {
    const source = await newOrg();
    const tricky = [
      buildCompany({
        name: '株式会社"引用"工業, 本社',
        nameKana: 'インヨウコウギョウ',
        corporateNumber: '1180301018771',
        businessDescription: '一行目\n二行目\r\n三行目',
      }),
      buildCompany({
        name: '=SUM(A1:A2)',
        nameKana: 'サム',
        technologies: ['-5℃冷却', '@メンション', 'a;b'],
        tags: ['+1'],
      }),
      buildCompany({
        name: '営業時間9時〜17時の店',
        nameKana: 'エイギョウジカン',
        address: '−１番地 ¥',
        employees: 0,
        capitalYen: 9_007_199_254_740_991,
      }),
      buildCompany({
        name: "'既に引用符",
        nameKana: 'スデニ',
        website: 'https://example.jp/a?b=c,d',
        successorStatus: 'decided',
        foundedYear: 1900,
      }),
      buildCompany({
        name: '髙﨑①',
        nameKana: 'タカサキ',
        municipalityCode: '141305',
        postalCode: '210-0007',
        jsicCode: 'E',
      }),
    ];
    for (const company of tricky) {
      const res = await t.request('POST', '/api/v1/companies', {
        session: source.session,
        json: company,
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    for (const encoding of ['utf-8', 'shift_jis'] as const) {
      const first = await exportBytes(source.actor, encoding);
      expect(first.stats.rows).toBe(5);
      const file = write(`roundtrip-${encoding}.csv`, first.bytes);
      const target = await newOrg();
      expect(await run(target.actor, file)).toMatchObject({
        status: 'completed',
        encoding,
        inserted: 5,
      });
      const second = await exportBytes(target.actor, encoding);
      expect(second.bytes.toString('hex')).toBe(first.bytes.toString('hex'));
      // And once more into the same organisation: nothing changes, same bytes.
      expect(await run(target.actor, file)).toMatchObject({
        unchanged: 5,
        updated: 0,
        inserted: 0,
      });
      expect((await exportBytes(target.actor, encoding)).bytes.equals(first.bytes)).toBe(true);
      if (encoding === 'shift_jis') {
        expect(first.stats.substituted).toBe(3); // 〜 − ¥
        expect(iconv.decode(first.bytes, 'shift_jis')).toContain('営業時間9時～17時の店');
      } else {
        expect(first.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
        const text = first.bytes.toString('utf8');
        expect(text).toContain(`\r\n,'=SUM(A1:A2),サム,`);
        expect(text).toContain('"一行目\n二行目\r\n三行目"');
        expect(text.split('\r\n')[0]).toBe(`\uFEFF${BANSO_COLUMNS.map((c) => c.title).join(',')}`);
      }
    }
  });
});

describe('interruption and resume', () => {
  it('stops at a batch boundary that the record names, and resumes to the state of a clean import', async () => {
    const { actor } = await newOrg();
    const file = await writeBansoTestFile(path.join(dir, 'resume.csv'), 2400);
    const controller = new AbortController();
    const first = await importCompaniesFromFile(
      t.deps,
      actor,
      file,
      { batchSize: 300, signal: controller.signal },
      (p) => {
        if (p.phase === 'write' && p.committedLine > 0) controller.abort();
      },
    );
    expect(first.status).toBe('interrupted');
    expect(first.id).not.toBeNull();
    const [record] = await t.database.db
      .select()
      .from(imports)
      .where(eq(imports.id, ImportId.parse(first.id)));
    expect(record?.status).toBe('interrupted');
    expect((record?.committedLine ?? 0) - 1).toBeGreaterThan(0);
    expect(((record?.committedLine ?? 0) - 1) % 300).toBe(0);
    expect(record?.inserted).toBe((record?.committedLine ?? 0) - 1);
    expect(await companyCount(actor.tenantId)).toBe(record?.inserted);

    const other = write('other.csv', `${bansoHeaderLine()}${csvLine(bansoTestCells(1))}`);
    await expect(run(actor, other, { resume: first.id })).rejects.toMatchObject({
      code: 'validation_failed',
    });

    const resumed = await run(actor, file, { resume: first.id, batchSize: 500 });
    expect(resumed).toMatchObject({
      id: first.id,
      status: 'completed',
      inserted: 2400,
      rowsRead: 2400,
      committedLine: 2401,
    });
    expect(await companyCount(actor.tenantId)).toBe(2400);
    expect(await auditCount(actor.tenantId)).toBe(2400);
    await expect(run(actor, file, { resume: first.id })).rejects.toMatchObject({
      code: 'validation_failed',
    });

    const clean = await newOrg();
    await run(clean.actor, file);
    const strip = (b: Buffer) =>
      b
        .toString('utf8')
        .split('\r\n')
        .map((line) => line.replace(/,[0-9a-f-]{36}$/, ''))
        .sort();
    expect(strip((await exportBytes(actor, 'utf-8')).bytes)).toEqual(
      strip((await exportBytes(clean.actor, 'utf-8')).bytes),
    );
  });
});
