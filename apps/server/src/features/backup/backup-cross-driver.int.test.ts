import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriverName } from '@banso/db';
import { createTestDatabase, type TestDatabase, testDriver } from '@banso/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../context';
import { createServices } from '../../services';
import { type ExportEncoding, exportCompaniesCsv } from '../companies/export/export-companies';
import { readDumpHeader, restoreDump } from './dump-restorer';
import { writeDump } from './dump-writer';
import {
  apiView,
  depsOf,
  EDGE_TENANT_ID,
  type FixtureOrg,
  fillThroughApi,
  insertEdgeRows,
} from './testing/backup-fixture';
import { tableContents } from './testing/table-contents';

/**
 * "Backup from PGlite restores into PostgreSQL and vice versa with identical
 * company exports." This file needs both databases at once. The PostgreSQL
 * test template is built only by the int-postgres project's globalSetup, so
 * it runs there (for both directions); vitest.config.ts leaves it out of int-pglite.
 */
const runsHere = testDriver() === 'postgres';

interface Direction {
  from: DriverName;
  to: DriverName;
  source: TestDatabase;
  target: TestDatabase;
  orgs: FixtureOrg[];
  file: string;
}

const directions: Direction[] = [];
let dir: string;

async function move(from: DriverName, to: DriverName): Promise<Direction> {
  const source = await createTestDatabase(from);
  const target = await createTestDatabase(to);
  const orgs = await fillThroughApi(depsOf(source), { extraCompanies: 5 });
  await insertEdgeRows(source.db);
  const file = path.join(dir, `${from}-to-${to}.sql.gz`);
  await writeDump(source.db, source.driver, file, { chunkRows: 4 });
  await restoreDump(target.db, file);
  return { from, to, source, target, orgs, file };
}

async function values(db: TestDatabase, query: string): Promise<unknown[]> {
  return db.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const result = (await tx.execute(sql.raw(query))) as unknown as { rows: { v: unknown }[] };
    return result.rows.map((r) => r.v);
  });
}

const edge = (column: string, table = 'companies', order = 'id') =>
  `select ${column} as v from ${table} where tenant_id = '${EDGE_TENANT_ID}' order by ${order}`;

describe.runIf(runsHere)(
  'backup across drivers: PGlite (PostgreSQL 18) ⇄ PostgreSQL 15 — int-postgres only',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'banso-backup-cross-'));
      directions.push(await move('pglite', 'postgres'));
      directions.push(await move('postgres', 'pglite'));
    });

    afterAll(async () => {
      for (const d of directions) {
        await d.source.destroy();
        await d.target.destroy();
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const each = (name: string, fn: (d: Direction) => Promise<void>) => {
      it.each([
        ['pglite', 'postgres'],
        ['postgres', 'pglite'],
      ])(`${name} (%s → %s)`, async (from, to) => {
        const d = directions.find((x) => x.from === from && x.to === to);
        if (!d) throw new Error(`no ${from} → ${to} run`);
        expect([d.source.driver, d.target.driver]).toEqual([from, to]);
        await fn(d);
      });
    };

    each('restores every row of every table identically', async (d) => {
      const header = await readDumpHeader(d.file);
      expect(header.sourceDriver).toBe(d.from);
      expect(header.sourceServer).toMatch(
        d.from === 'pglite' ? /^PostgreSQL 18\./ : /^PostgreSQL 15\./,
      );
      const before = await tableContents(d.source.db, { except: ['sessions'] });
      expect(before.companies?.length).toBeGreaterThan(10);
      expect(before.audit_log?.length).toBeGreaterThan(10);
      expect(before.company_assignments?.length).toBe(2);
      expect(before.api_tokens?.length).toBe(2);
      expect(await tableContents(d.target.db, { except: ['sessions'] })).toEqual(before);
    });

    each(
      'shows the same companies, assignments, histories and audit log through the API',
      async (d) => {
        const view = await apiView(depsOf(d.source), d.orgs);
        expect(JSON.stringify(view)).toContain('株式会社かわさき精工');
        expect(await apiView(depsOf(d.target), d.orgs)).toEqual(view);
      },
    );

    each('exports byte-identical company CSVs, in UTF-8 and in Shift_JIS', async (d) => {
      const csv = async (db: TestDatabase, slug: string, encoding: ExportEncoding) => {
        const tenant = await createServices(depsOf(db)).users.findOrganization(slug);
        if (!tenant) throw new Error(`no ${slug} in ${db.driver}`);
        const parts: Buffer[] = [];
        for await (const chunk of exportCompaniesCsv({ db: db.db }, systemActor(tenant.id), {
          encoding,
        }).chunks) {
          parts.push(chunk);
        }
        return Buffer.concat(parts);
      };
      for (const org of d.orgs) {
        for (const encoding of ['utf-8', 'shift_jis'] as const) {
          const before = await csv(d.source, org.slug, encoding);
          expect(before.length, `${org.slug} ${encoding}`).toBeGreaterThan(500);
          expect(
            (await csv(d.target, org.slug, encoding)).equals(before),
            `${org.slug} ${encoding}`,
          ).toBe(true);
        }
      }
      expect((await csv(d.target, 'kawasaki', 'utf-8')).toString('utf8')).toContain(
        '株式会社かわさき精工',
      );
    });

    // One check per type that could change between PostgreSQL versions or drivers,
    // against the values written (not only source = target).
    each('keeps bigint to the last digit', async (d) => {
      expect(await values(d.target, edge('capital_yen::text'))).toEqual([
        '9223372036854775807',
        '-9223372036854775808',
        '9007199254740993',
      ]);
      expect(await values(d.target, edge('file_size::text', 'imports'))).toEqual([
        '9223372036854775807',
        '0',
      ]);
      expect(await values(d.target, edge('id::text', 'audit_log'))).toEqual(['1000000', '1000001']);
    });

    each('keeps timestamptz to the microsecond, infinities included', async (d) => {
      expect(await values(d.target, edge('archived_at::text'))).toEqual([
        '2024-02-29 14:59:59.999999+00',
        null,
        null,
      ]);
      expect(await values(d.target, edge('created_at::text'))).toEqual([
        '1970-01-01 00:00:00+00',
        '1899-12-31 15:00:00+00',
        '2038-01-19 03:14:08+00',
      ]);
      expect((await values(d.target, edge('updated_at::text')))[0]).toBe('-infinity');
      expect(await values(d.target, edge('at::text', 'audit_log'))).toEqual([
        '2024-06-30 03:34:56.789012+00',
        '2024-06-30 03:34:57+00',
      ]);
      expect(
        await values(
          d.target,
          `select updated_at::text as v from tenants where id = '${EDGE_TENANT_ID}'`,
        ),
      ).toEqual(['infinity']);
    });

    each('keeps dates, BC and infinity included', async (d) => {
      expect(await values(d.target, edge('closed_on::text'))).toEqual([
        '0001-01-01',
        '2019-05-01',
        '0044-03-15 BC',
      ]);
      expect(await values(d.target, edge('nta_updated_on::text'))).toEqual([
        '9999-12-31',
        'infinity',
        null,
      ]);
    });

    each(
      'keeps text[] elements: NULL, empty, quotes, commas, braces, backslash, newline',
      async (d) => {
        expect(await values(d.target, edge('technologies'))).toEqual([
          ['a', null, '', ' 空白 ', 'x"y', 'c,d', '{e}', 'back\\slash', '改\n行', "O'Reilly"],
          [],
          [],
        ]);
        expect(await values(d.target, edge('tags'))).toEqual([[], ['令和', '𠮷野家'], []]);
      },
    );

    each(
      'keeps jsonb exactly: big and tiny numbers, escapes, and a stored JSON null apart from SQL NULL',
      async (d) => {
        expect(await values(d.target, edge('options::text', 'imports'))).toEqual([
          '{"s": "é\\"x", "big": 123456789012345678901234567890.5, "tiny": 0.000000000000000000000000000001, "nested": {"a": [1, "二", null], "n": null, "t": true}}',
          'null',
        ]);
        expect(
          await values(
            d.target,
            edge("jsonb_typeof(options) || '/' || (options is null)::text", 'imports'),
          ),
        ).toEqual(['object/false', 'null/false']);
        expect(await values(d.target, edge('errors::text', 'imports'))).toEqual([
          '[]',
          '"just a string"',
        ]);
        expect(
          await values(
            d.target,
            `select settings::text as v from tenants where id = '${EDGE_TENANT_ID}'`,
          ),
        ).toEqual(['null']);
        expect(await values(d.target, edge('changes::text', 'audit_log'))).toEqual([
          '{"name": {"after": "新", "before": null}}',
          'null',
        ]);
      },
    );
  },
);
