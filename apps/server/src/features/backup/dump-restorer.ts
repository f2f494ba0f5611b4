import { existsSync } from 'node:fs';
import { type Database, withoutTenantScope } from '@banso/db';
import {
  appliedMigration,
  CatalogError,
  countRows,
  inspectDatabase,
  inTransaction,
  nonEmptyTables,
  runDumpStatement,
  truncateTables,
} from './backup.repository';
import { BackupError } from './backup-error';
import {
  classifyStatement,
  DumpFormatError,
  type DumpHeader,
  isInsertFor,
  parseHeader,
  parseTrailer,
} from './dump-format';
import { dumpFileLines } from './dump-lines';

export interface RestoreOptions {
  /** Empty every table first (in the same transaction). The caller has asked for confirmation. */
  force?: boolean;
  onTable?: (table: string, rows: number) => void;
}

export interface RestoreResult {
  header: DumpHeader;
  totalRows: number;
  ms: number;
}

const damaged = (detail: string) =>
  new BackupError('damaged', {
    ja: `バックアップファイルが壊れているか、途中で切れています（${detail}）。`,
    en: `The backup file is damaged or cut short (${detail}).`,
  });

/** Reads only the header of a dump (for messages and checks before anything is changed). */
export async function readDumpHeader(file: string): Promise<DumpHeader> {
  if (!existsSync(file)) {
    throw new BackupError('file_not_found', {
      ja: `ファイルがありません: ${file}`,
      en: `No such file: ${file}`,
    });
  }
  const lines = await dumpFileLines(file);
  const headerLines: string[] = [];
  try {
    for await (const line of lines) {
      if (!line.startsWith('--')) break;
      headerLines.push(line);
    }
  } catch (error) {
    throw damaged(error instanceof Error ? error.message : String(error));
  } finally {
    await lines.return(undefined);
  }
  try {
    return parseHeader(headerLines);
  } catch (error) {
    if (error instanceof DumpFormatError) {
      throw new BackupError('not_a_dump', {
        ja: `Banso のバックアップファイルではありません: ${file}（${error.message}）`,
        en: `Not a Banso backup file: ${file} (${error.message})`,
      });
    }
    throw error;
  }
}

/**
 * Restores a dump into this database: only one migrated to the same
 * migration and holding no rows (or, with `force`, emptied first), all in one
 * transaction, and the row count of every table checked against the header
 * before it commits. The file is read line by line.
 */
export function restoreDump(
  db: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  // Every organisation's rows: the explicit way around the organisation scope.
  return withoutTenantScope(db, 'restore: every organisation', (root) =>
    restoreAll(root, file, options),
  );
}

async function restoreAll(
  db: Database,
  file: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const started = performance.now();
  const header = await readDumpHeader(file);

  const migration = await appliedMigration(db);
  if (!migration) {
    throw new BackupError('not_migrated', {
      ja: '復元先のデータベースにマイグレーションが適用されていません。',
      en: 'The target database has not been migrated.',
    });
  }
  if (migration.hash !== header.migrationHash) {
    throw new BackupError('migration_mismatch', {
      ja:
        `バックアップのスキーマ (${header.migration}) と復元先のスキーマ (${migration.tag}) が異なります。` +
        `バックアップを作成した Banso ${header.bansoVersion} で復元してから更新してください。`,
      en:
        `The backup's schema (${header.migration}) differs from the target's (${migration.tag}). ` +
        `Restore it with Banso ${header.bansoVersion}, which made it, then upgrade.`,
    });
  }
  let catalog: Awaited<ReturnType<typeof inspectDatabase>>;
  try {
    catalog = await inspectDatabase(db);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    throw new BackupError('uncovered_tables', {
      ja: `復元できません: ${error.message}`,
      en: `Cannot restore: ${error.message}`,
    });
  }
  const shapes = new Map(catalog.tables.map((t) => [t.name, t]));
  const headerTables = header.rows
    .map((r) => r.table)
    .sort()
    .join(',');
  if (headerTables !== [...shapes.keys()].sort().join(',')) {
    throw damaged(`tables ${headerTables} do not match the schema`);
  }
  const everyTable = [...catalog.tables.map((t) => t.name), ...catalog.excluded];

  if (!options.force) {
    const busy = await nonEmptyTables(db, everyTable);
    if (busy.length > 0) {
      throw new BackupError('not_empty', {
        ja: `復元先のデータベースにデータがあります（${busy.join(', ')}）。空のデータベースに復元するか、--force で全データを消してから復元してください。`,
        en: `The target database is not empty (${busy.join(', ')}). Restore into an empty database, or use --force to delete everything first.`,
      });
    }
  }

  const lines = await dumpFileLines(file);
  try {
    const totalRows = await inTransaction(db, async (tx) => {
      if (options.force) await truncateTables(tx, everyTable);
      let trailer: { rows: number } | null = null;
      let inHeader = true;
      let lineNo = 0;
      let current: string | null = null;
      const finishTable = async (name: string | null) => {
        if (name) options.onTable?.(name, await countRows(tx, name));
      };
      for await (const line of lines) {
        lineNo += 1;
        if (inHeader && line.startsWith('--')) continue;
        inHeader = false;
        if (line === '') continue;
        if (trailer) throw damaged(`line ${lineNo}: text after the end marker`);
        if (line.startsWith('--')) {
          trailer = parseTrailer(line);
          if (!trailer) throw damaged(`line ${lineNo}: unexpected comment`);
          continue;
        }
        const statement = classifyStatement(line);
        const shape = statement ? shapes.get(statement.table) : undefined;
        const valid =
          statement && shape
            ? statement.kind === 'insert'
              ? isInsertFor(line, shape)
              : shape.identityColumns.includes(statement.column)
            : false;
        if (!statement || !valid) throw damaged(`line ${lineNo}: not a statement of a Banso dump`);
        if (statement.table !== current) {
          await finishTable(current);
          current = statement.table;
        }
        await runDumpStatement(tx, line);
      }
      await finishTable(current);
      if (!trailer) throw damaged('no end marker');
      let total = 0;
      for (const { table, count } of header.rows) {
        const actual = await countRows(tx, table);
        if (actual !== count) {
          throw new BackupError('count_mismatch', {
            ja: `${table} の件数が一致しません（バックアップ ${count} 件、復元 ${actual} 件）。何も変更していません。`,
            en: `Row count of ${table} differs (backup ${count}, restored ${actual}). Nothing was changed.`,
          });
        }
        total += actual;
      }
      if (total !== trailer.rows)
        throw damaged(`end marker counts ${trailer.rows} rows, header ${total}`);
      return total;
    });
    return { header, totalRows, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    // zlib: a gzip file cut short or corrupted.
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_'))
      throw damaged((error as Error).message);
    throw error;
  } finally {
    await lines.return(undefined);
  }
}
