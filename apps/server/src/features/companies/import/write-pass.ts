import { createHash } from 'node:crypto';
import type { ImportResult, Locale } from '@banso/shared';
import { AppError } from '../../../app-error';
import type { Actor } from '../../../context';
import { perCall } from '../../../data/actor-scope';
import {
  analyzeCompanies,
  createCompanyImportRepository,
  type ImportRecordRow,
} from './company-import.repository';
import type { TextEncoding } from './encoding-detect';
import { createBatchWriter, ImportTakenOverError } from './import-batch-writer';
import { type ReadTap, readFileRecords } from './import-file';
import type { ImportOptions } from './import-options';
import type { ImportRow } from './import-row';
import type { ImportDeps, ImportProgress, ImportRunResult, RunSettings } from './import-run';
import { ImportFileError, type ReportedRowError } from './row-error';
import { readSpool } from './row-spool';
import { type ImportFormat, openRowStream, type RowEvent } from './row-stream';

/** Refresh planner statistics when an import wrote at least this many companies. */
const ANALYZE_AFTER_ROWS = 5000;

/** Pass 2: rows after the record's committed line, written batch by batch. */
export async function writePass(
  deps: ImportDeps,
  actor: Actor,
  filePath: string,
  record: ImportRecordRow,
  settings: RunSettings,
  ctx: {
    totalBytes: number;
    locale: Locale;
    options: ImportOptions;
    onProgress: ((p: ImportProgress) => void) | undefined;
    errorCount?: number;
    /** The validation pass's rows; without it (a resumed run) the file is read and validated again. */
    spool?: string | null;
    rowsTotal?: number;
  },
): Promise<ImportRunResult> {
  const repo = perCall(deps.db, actor, createCompanyImportRepository);
  const tap: ReadTap = { bytesRead: 0, hash: createHash('sha256') };
  const writer = createBatchWriter(deps.db, actor, deps.now, {
    importId: record.id,
    committedLine: record.committedLine,
    counts: {
      rowsRead: record.rowsRead,
      inserted: record.inserted,
      updated: record.updated,
      unchanged: record.unchanged,
      skipped: record.skipped,
    },
  });
  const errors: ReportedRowError[] = record.errors;
  const errorCount = ctx.errorCount ?? errors.length;
  const result = (status: ImportResult['status']): ImportRunResult => ({
    id: record.id,
    status,
    format: record.format as ImportFormat,
    encoding: record.encoding as TextEncoding,
    ...writer.committed.counts,
    committedLine: writer.committed.line,
    errors,
    errorCount,
  });
  const progress = () =>
    ctx.onProgress?.({
      phase: 'write',
      // Reading the spool, progress is estimated from the rows done (the validation pass counted them).
      bytesRead:
        ctx.spool && ctx.rowsTotal
          ? Math.round((ctx.totalBytes * Math.min(seen, ctx.rowsTotal)) / ctx.rowsTotal)
          : tap.bytesRead,
      totalBytes: ctx.totalBytes,
      linesRead: lastLine,
      ...writer.committed.counts,
      committedLine: writer.committed.line,
      errorCount,
      importId: record.id,
    });

  let rows: ImportRow[] = [];
  let records = 0;
  let seen = 0;
  let skipped = 0;
  let lastLine = record.committedLine;
  const submit = async () => {
    if (records === 0) return;
    await writer.submit({ rows, toLine: lastLine, records, skipped });
    rows = [];
    records = 0;
    skipped = 0;
    progress();
  };

  progress(); // announces the import record before the first batch
  try {
    const events = ctx.spool
      ? readSpool(ctx.spool)
      : (
          await openRowStream(readFileRecords(filePath, settings.encoding, tap), {
            format: settings.format,
            mapping: settings.mapping,
            municipality: settings.municipality,
          })
        ).events;
    for await (const event of events) {
      const line = lineOf(event);
      if (line <= record.committedLine) continue;
      if (event.kind === 'invalid' && settings.mode === 'atomic') throw fileChanged(line);
      records++;
      seen++;
      if (event.kind === 'row') rows.push(event.row);
      else skipped++;
      lastLine = line;
      if (rows.length >= settings.batchSize || records >= settings.batchSize * 10) {
        await submit();
        if (ctx.options.signal?.aborted) {
          await writer.flush();
          await repo.updateImport(record.id, { status: 'interrupted' });
          progress();
          return result('interrupted');
        }
      }
    }
    await submit();
    await writer.flush();
    progress();
    if (!ctx.spool && tap.hash?.digest('hex') !== record.fileSha256) throw fileChanged(lastLine);
    await repo.updateImport(record.id, {
      status: 'completed',
      finishedAt: deps.now(),
    });
    const { inserted, updated } = writer.committed.counts;
    if (inserted + updated - record.inserted - record.updated >= ANALYZE_AFTER_ROWS)
      await analyzeCompanies(deps.db);
    return result('completed');
  } catch (error) {
    await writer.drain();
    if (error instanceof ImportTakenOverError) {
      throw new AppError('stale_version', { log: error.message, cause: error });
    }
    await repo
      .updateImport(record.id, { status: 'failed', finishedAt: deps.now() })
      .catch(() => {});
    if (error instanceof ImportFileError) {
      throw new AppError('import_invalid', { log: error.message, cause: error });
    }
    throw error;
  }
}

const lineOf = (event: RowEvent) => (event.kind === 'row' ? event.row.line : event.line);

const fileChanged = (line: number) =>
  new AppError('import_invalid', {
    log: `the file changed during the import (line ${line})`,
    userMessage: {
      ja: `取込中にファイルが変更されました（${line}行目付近）。ファイルを確定させてから取り込み直してください。`,
      en: `The file changed during the import (near line ${line}). Import it again once it is final.`,
    },
  });
