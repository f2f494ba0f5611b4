import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Database,
  type DriverName,
  executeRows,
  migrationsFolder,
  schema,
  transaction,
} from '@banso/db';
import { is, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { quoteIdent, type TableShape } from './dump-format';

/**
 * Everything the backup feature asks of the database: which tables exist and
 * in what order they restore, consistent chunked reads, and the raw
 * statements of a restore. The table list comes from the Drizzle schema, so a
 * new table is covered without anyone remembering to add it here.
 */

/** Tables a dump leaves out on purpose; the reason is written into the dump's header. */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'login sessions are not backed up; everyone logs in again after a restore',
  kpi_visit_counts:
    'derived from the visits: rebuilt by triggers while visits, issues and companies are restored',
  kpi_company_years:
    'derived from the visits: rebuilt by triggers while visits, issues and companies are restored',
};

export interface CatalogTable extends TableShape {
  primaryKey: string[];
  /** Tables this one references (restored before it). */
  dependsOn: string[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

interface SchemaTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  dependsOn: string[];
}

/** The schema's tables, parents before children (stable: declaration order breaks ties). */
export function schemaTables(): SchemaTable[] {
  const found: SchemaTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    if (config.schema && config.schema !== 'public') {
      throw new CatalogError(
        `table ${config.schema}.${config.name}: only the public schema is backed up`,
      );
    }
    const primaryKey =
      config.primaryKeys[0]?.columns.map((c) => c.name) ??
      config.columns.filter((c) => c.primary).map((c) => c.name);
    if (primaryKey.length === 0)
      throw new CatalogError(
        `table ${config.name} has no primary key: it cannot be dumped in order`,
      );
    found.push({
      name: config.name,
      columns: config.columns.map((c) => c.name),
      primaryKey,
      dependsOn: [
        ...new Set(
          config.foreignKeys
            .map((fk) => getTableConfig(fk.reference().foreignTable).name)
            .filter((n) => n !== config.name),
        ),
      ],
    });
  }
  return topologicalOrder(found);
}

export function topologicalOrder<T extends { name: string; dependsOn: string[] }>(
  tables: T[],
): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: T[] = [];
  const visit = (t: T) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new CatalogError(`foreign keys form a cycle through ${t.name}`);
    visiting.add(t.name);
    for (const dep of t.dependsOn) {
      const parent = byName.get(dep);
      if (!parent)
        throw new CatalogError(`${t.name} references ${dep}, which is not in the schema`);
      visit(parent);
    }
    visiting.delete(t.name);
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

const rowsOf = executeRows;

interface DbColumn {
  table_name: string;
  column_name: string;
  is_identity: string;
  is_generated: string;
  data_type: string;
}

/**
 * The tables a dump covers, in restore order, checked against the live
 * database: a table in the database that the schema does not know, or a
 * column mismatch, fails loudly instead of silently missing from a backup.
 */
export async function inspectDatabase(
  db: Database,
): Promise<{ tables: CatalogTable[]; excluded: string[] }> {
  const live = await rowsOf<{ table_schema: string; table_name: string }>(
    db,
    sql`select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE'
          and table_schema not in ('pg_catalog', 'information_schema', 'drizzle')
        order by table_schema, table_name`,
  );
  const columns = await rowsOf<DbColumn>(
    db,
    sql`select table_name, column_name, is_identity, is_generated, data_type from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const known = schemaTables();
  const knownNames = new Set(known.map((t) => t.name));
  const stray = live.filter((t) => t.table_schema !== 'public' || !knownNames.has(t.table_name));
  if (stray.length > 0) {
    throw new CatalogError(
      `the database has tables the backup does not cover: ${stray.map((t) => `${t.table_schema}.${t.table_name}`).join(', ')} ` +
        '(add them to the Drizzle schema, or drop them)',
    );
  }
  const liveNames = new Set(live.map((t) => t.table_name));
  const missing = known.filter((t) => !liveNames.has(t.name));
  if (missing.length > 0) {
    throw new CatalogError(
      `the database lacks tables of the schema: ${missing.map((t) => t.name).join(', ')} (not migrated?)`,
    );
  }
  const tables: CatalogTable[] = [];
  for (const t of known) {
    if (t.name in EXCLUDED_TABLES) continue;
    const cols = columns.filter((c) => c.table_name === t.name);
    const liveCols = cols.map((c) => c.column_name).sort();
    const schemaCols = [...t.columns].sort();
    if (liveCols.join(',') !== schemaCols.join(',')) {
      throw new CatalogError(
        `columns of ${t.name} differ between the database (${liveCols.join(', ')}) and the schema (${schemaCols.join(', ')})`,
      );
    }
    tables.push({
      name: t.name,
      primaryKey: t.primaryKey,
      dependsOn: t.dependsOn,
      columns: cols.filter((c) => c.is_generated !== 'ALWAYS').map((c) => c.column_name),
      identityColumns: cols.filter((c) => c.is_identity === 'YES').map((c) => c.column_name),
      jsonColumns: cols
        .filter(
          (c) => c.is_generated !== 'ALWAYS' && (c.data_type === 'json' || c.data_type === 'jsonb'),
        )
        .map((c) => c.column_name),
    });
  }
  return { tables, excluded: known.filter((t) => t.name in EXCLUDED_TABLES).map((t) => t.name) };
}

export interface MigrationState {
  tag: string;
  hash: string;
}

/** The newest migration applied to this database (Drizzle's own bookkeeping). */
export async function appliedMigration(db: Database): Promise<MigrationState | null> {
  const exists = await rowsOf<{ ok: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists[0]?.ok) return null;
  const [row] = await rowsOf<{ hash: string; created_at: string }>(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`,
  );
  if (!row) return null;
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { tag: string; when: number }[];
  };
  const tag =
    journal.entries.find((e) => String(e.when) === row.created_at)?.tag ??
    `unknown-${row.created_at}`;
  return { tag, hash: row.hash };
}

export async function serverVersion(db: Database): Promise<string> {
  const [row] = await rowsOf<{ v: string }>(
    db,
    sql`select 'PostgreSQL ' || current_setting('server_version') as v`,
  );
  return row?.v ?? 'PostgreSQL';
}

/** Reads a consistent view of the tables, a chunk at a time. */
export interface SnapshotReader {
  count(table: CatalogTable): Promise<number>;
  /** JSON arrays of rows in primary-key order, `size` rows each; no raw newlines. */
  chunks(table: CatalogTable, size: number): AsyncGenerator<{ json: string; rows: number }>;
}

function readerOver(db: Database, source: (table: CatalogTable) => string): SnapshotReader {
  return {
    async count(table) {
      const [row] = await rowsOf<{ n: string }>(
        db,
        sql.raw(`select count(*)::text as n from ${source(table)}`),
      );
      return Number(row?.n ?? 0);
    },
    async *chunks(table, size) {
      const pk = table.primaryKey.map(quoteIdent).join(', ');
      // json/jsonb values wrapped as [value], so a stored JSON null stays distinct from SQL NULL.
      const rowJson = [
        'to_jsonb(page)',
        ...table.jsonColumns.map(
          (c) => `jsonb_build_object('${c}', jsonb_build_array(page.${quoteIdent(c)}))`,
        ),
      ].join(' || ');
      let after: string[] | null = null;
      for (;;) {
        const where: SQL = after
          ? sql` where (${sql.raw(pk)}) > (${sql.join(
              after.map((v) => sql`${v}`),
              sql`, `,
            )})`
          : sql``;
        // to_jsonb(row)::text never contains a raw newline; the key comes back as text
        // so bigint keys keep every digit.
        const [row]: { n: number; data: string | null; last: string | null }[] = await rowsOf(
          db,
          sql`with page as (select * from ${sql.raw(source(table))}${where} order by ${sql.raw(pk)} limit ${size})
              select count(*)::int as n,
                     '[' || string_agg((${sql.raw(rowJson)})::text, ',' order by ${sql.raw(pk)}) || ']' as data,
                     (select array_to_json(array[${sql.raw(table.primaryKey.map((c) => `${quoteIdent(c)}::text`).join(', '))}])::text
                        from page order by ${sql.raw(table.primaryKey.map((c) => `${quoteIdent(c)} desc`).join(', '))} limit 1) as last
              from page`,
        );
        if (!row || row.n === 0 || row.data === null || row.last === null) return;
        yield { json: row.data, rows: row.n };
        if (row.n < size) return;
        after = JSON.parse(row.last) as string[];
      }
    },
  };
}

let snapshotRuns = 0;

/**
 * Runs `fn` over one consistent snapshot of every table, so a dump never
 * holds a child row whose parent it missed.
 *
 * PostgreSQL: a REPEATABLE READ, read-only transaction on one pooled
 * connection; other connections keep working meanwhile (MVCC).
 *
 * PGlite has one connection, and an open transaction there blocks every other
 * query. So the snapshot is taken by copying the tables into temporary tables
 * in one short transaction (a plain copy: no JSON, no indexes), and the slow
 * part — JSON, gzip, disk — then reads the copies chunk by chunk while the
 * server's requests are served between the chunks.
 */
export async function withSnapshot<T>(
  db: Database,
  driver: DriverName,
  tables: CatalogTable[],
  fn: (reader: SnapshotReader) => Promise<T>,
): Promise<T> {
  if (driver === 'postgres') {
    return transaction(db, (tx) => fn(readerOver(tx, (t) => quoteIdent(t.name))), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  }
  // Prefixed names: pg_temp is searched before public, so a copy named like its table
  // would shadow the real one for every request served meanwhile. Numbered, so two
  // dumps at once on one connection keep their own copies.
  const run = ++snapshotRuns;
  const copyOf = (t: CatalogTable) => `pg_temp.${quoteIdent(`banso_backup_${run}_${t.name}`)}`;
  const drop = async () => {
    for (const t of tables) await db.execute(sql.raw(`drop table if exists ${copyOf(t)}`));
  };
  await drop();
  try {
    await db.transaction(
      async (tx) => {
        for (const t of tables) {
          await tx.execute(
            sql.raw(`create temporary table ${copyOf(t)} as table ${quoteIdent(t.name)}`),
          );
        }
      },
      { isolationLevel: 'repeatable read' },
    );
    for (const t of tables) {
      const pk = t.primaryKey.map(quoteIdent).join(', ');
      await db.execute(sql.raw(`create index on ${copyOf(t)} (${pk})`));
    }
    return await fn(readerOver(db, copyOf));
  } finally {
    await drop();
  }
}

/** The whole restore in one transaction: all or nothing. */
export function inTransaction<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  return transaction(db, async (tx) => {
    // The dump's literals rely on it (the default since PostgreSQL 9.1).
    await tx.execute(sql`set local standard_conforming_strings = on`);
    return fn(tx);
  });
}

/** Runs one statement of a dump, already checked against the dump format. */
export async function runDumpStatement(db: Database, statement: string): Promise<void> {
  await db.execute(sql.raw(statement));
}

/** Every base table of the database (public schema) that holds at least one row. */
export async function nonEmptyTables(db: Database, tables: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const [row] = await rowsOf<{ any: boolean }>(
      db,
      sql.raw(`select exists (select 1 from ${quoteIdent(t)}) as any`),
    );
    if (row?.any) out.push(t);
  }
  return out;
}

export async function truncateTables(db: Database, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await db.execute(sql.raw(`truncate table ${tables.map(quoteIdent).join(', ')} restart identity`));
}

export async function countRows(db: Database, table: string): Promise<number> {
  const [row] = await rowsOf<{ n: string }>(
    db,
    sql.raw(`select count(*)::text as n from ${quoteIdent(table)}`),
  );
  return Number(row?.n ?? 0);
}
