import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { type Database, type DriverName, withoutTenantScope } from '@banso/db';
import {
  appliedMigration,
  CatalogError,
  type CatalogTable,
  EXCLUDED_TABLES,
  inspectDatabase,
  type SnapshotReader,
  serverVersion,
  withSnapshot,
} from './backup.repository';
import { BackupError } from './backup-error';
import { partialPath } from './backup-files';
import {
  DUMP_FORMAT,
  type DumpHeader,
  formatHeader,
  formatTrailer,
  insertStatement,
  setvalStatement,
} from './dump-format';

export interface DumpOptions {
  /** Rows per INSERT statement and per read query (keep it small: PGlite serves requests between chunks). */
  chunkRows?: number;
  now?: () => Date;
  /** Called after each table is written. */
  onTable?: (table: string, rows: number) => void;
}

export interface DumpResult {
  file: string;
  bytes: number;
  header: DumpHeader;
  totalRows: number;
  ms: number;
}

let cachedVersion: string | undefined;
/**
 * The version in apps/server/package.json, found by walking up from this
 * module: from the sources and from the esbuild bundle in apps/server/dist alike.
 */
export function bansoVersion(): string {
  if (cachedVersion) return cachedVersion;
  cachedVersion = 'unknown';
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@banso/server' && pkg.version) {
        cachedVersion = pkg.version;
        break;
      }
    }
    dir = path.dirname(dir);
  }
  return cachedVersion;
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function* dumpText(
  reader: SnapshotReader,
  tables: CatalogTable[],
  header: DumpHeader,
  chunkRows: number,
  onTable: DumpOptions['onTable'],
): AsyncGenerator<string> {
  yield formatHeader(header);
  let total = 0;
  for (const table of tables) {
    let written = 0;
    for await (const chunk of reader.chunks(table, chunkRows)) {
      written += chunk.rows;
      yield insertStatement(table, chunk.json);
    }
    const expected = header.rows.find((r) => r.table === table.name)?.count ?? 0;
    if (written !== expected) {
      throw new Error(`${table.name}: read ${written} rows from the snapshot, counted ${expected}`);
    }
    for (const column of table.identityColumns) yield setvalStatement(table.name, column);
    total += written;
    onTable?.(table.name, written);
  }
  yield formatTrailer(total);
}

/**
 * Writes a portable SQL dump of the whole database to `file` (gzip when it
 * ends in .gz), streaming chunk by chunk from one consistent snapshot. The
 * file appears only when complete and synced to disk: it is written under a
 * temporary name and renamed.
 */
export function writeDump(
  db: Database,
  driver: DriverName,
  file: string,
  options: DumpOptions = {},
): Promise<DumpResult> {
  // Every organisation's rows: the explicit way around the organisation scope.
  return withoutTenantScope(db, 'backup: dump of every organisation', (root) =>
    dumpAll(root, driver, file, options),
  );
}

async function dumpAll(
  db: Database,
  driver: DriverName,
  file: string,
  options: DumpOptions,
): Promise<DumpResult> {
  const started = performance.now();
  const chunkRows = options.chunkRows ?? 1000;
  const now = options.now ?? (() => new Date());
  let catalog: Awaited<ReturnType<typeof inspectDatabase>>;
  try {
    catalog = await inspectDatabase(db);
  } catch (error) {
    if (error instanceof CatalogError) {
      throw new BackupError(
        'uncovered_tables',
        {
          ja: `バックアップを作成できません: ${error.message}`,
          en: `Cannot back up: ${error.message}`,
        },
        { cause: error },
      );
    }
    throw error;
  }
  const migration = await appliedMigration(db);
  if (!migration) {
    throw new BackupError('not_migrated', {
      ja: 'データベースにマイグレーションが適用されていません。',
      en: 'The database has not been migrated.',
    });
  }
  const server = await serverVersion(db);

  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = partialPath(path.resolve(file));
  try {
    const header = await withSnapshot(db, driver, catalog.tables, async (reader) => {
      const rows: DumpHeader['rows'] = [];
      for (const t of catalog.tables) rows.push({ table: t.name, count: await reader.count(t) });
      const h: DumpHeader = {
        format: DUMP_FORMAT,
        bansoVersion: bansoVersion(),
        migration: migration.tag,
        migrationHash: migration.hash,
        createdAt: now().toISOString(),
        sourceDriver: driver,
        sourceServer: server,
        excluded: catalog.excluded.map((table) => ({
          table,
          reason: EXCLUDED_TABLES[table] ?? 'excluded',
        })),
        rows,
      };
      const source = Readable.from(dumpText(reader, catalog.tables, h, chunkRows, options.onTable));
      const sink = createWriteStream(tmp, { flags: 'wx' });
      if (file.endsWith('.gz')) await pipeline(source, createGzip({ level: 6 }), sink);
      else await pipeline(source, sink);
      return h;
    });
    await fsyncPath(tmp);
    await rename(tmp, file);
    // The rename itself must survive a power cut too.
    await fsyncPath(path.dirname(path.resolve(file))).catch(() => undefined);
    const totalRows = header.rows.reduce((sum, r) => sum + r.count, 0);
    return {
      file,
      bytes: (await stat(file)).size,
      header,
      totalRows,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
