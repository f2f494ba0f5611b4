import { createHash } from 'node:crypto';
import { CompanyId } from '@banso/shared';
import type { Actor } from '../../../context';
import { perCall } from '../../../data/actor-scope';
import { newId } from '../../../new-id';
import { planBatch } from './batch-plan';
import { createCompanyImportRepository, type ImportCounts } from './company-import.repository';
import { type ReadTap, readFileRecords } from './import-file';
import type { ImportRow } from './import-row';
import { type ImportDeps, type ImportProgress, type RunSettings, zeroCounts } from './import-run';
import { ImportFileError, type RowError } from './row-error';
import { createSpoolWriter } from './row-spool';
import { type ImportFormat, openRowStream } from './row-stream';

const PROGRESS_EVERY_ROWS = 2000;

export interface ValidateOutcome {
  format: ImportFormat;
  sha256: string;
  fatal: boolean;
  aborted: boolean;
  counts: ImportCounts;
  errors: RowError[];
  errorCount: number;
}

/** Pass 1: every row validated; a dry run also plans each batch against the database (read-only). */
export async function validatePass(
  deps: ImportDeps,
  actor: Actor,
  filePath: string,
  settings: RunSettings,
  ctx: {
    totalBytes: number;
    maxErrors: number;
    dryRun: boolean;
    signal: AbortSignal | undefined;
    onProgress: ((p: ImportProgress) => void) | undefined;
    /** Where to keep the accepted rows for the writing pass. */
    spool: string | null;
  },
): Promise<ValidateOutcome> {
  const tap: ReadTap = { bytesRead: 0, hash: createHash('sha256') };
  const counts = zeroCounts();
  const errors: RowError[] = [];
  let errorCount = 0;
  let format: ImportFormat = settings.format === 'nta' ? 'nta' : 'banso';
  let fatal = false;
  let aborted = false;
  let linesRead = 0;
  const spool = ctx.spool ? createSpoolWriter(ctx.spool) : null;
  const repo = perCall(deps.db, actor, createCompanyImportRepository);
  let preview: ImportRow[] = [];
  const flushPreview = async () => {
    if (preview.length === 0) return;
    const rows = preview;
    preview = [];
    const existing = await repo.findForRows(rows);
    const plan = planBatch(rows, existing, {
      tenantId: actor.tenantId,
      userId: actor.userId,
      now: deps.now(),
      newId: () => newId(CompanyId),
    });
    counts.inserted += plan.inserted;
    counts.updated += plan.updated;
    counts.unchanged += plan.unchanged;
  };
  const addErrors = (list: RowError[]) => {
    errorCount += list.length;
    for (const e of list) if (errors.length < ctx.maxErrors) errors.push(e);
  };
  const progress = () =>
    ctx.onProgress?.({
      phase: 'validate',
      bytesRead: tap.bytesRead,
      totalBytes: ctx.totalBytes,
      linesRead,
      rowsRead: counts.rowsRead,
      committedLine: 0,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      skipped: counts.skipped,
      errorCount,
      importId: null,
    });

  try {
    const stream = await openRowStream(readFileRecords(filePath, settings.encoding, tap), {
      format: settings.format,
      mapping: settings.mapping,
      municipality: settings.municipality,
    });
    format = stream.format;
    for await (const event of stream.events) {
      await spool?.write(event);
      counts.rowsRead++;
      linesRead = event.kind === 'row' ? event.row.line : event.line;
      if (event.kind === 'skipped') counts.skipped++;
      else if (event.kind === 'invalid') {
        counts.skipped++;
        addErrors(event.errors);
      } else if (ctx.dryRun) {
        preview.push(event.row);
        if (preview.length >= settings.batchSize) await flushPreview();
      }
      if (counts.rowsRead % PROGRESS_EVERY_ROWS === 0) {
        progress();
        if (ctx.signal?.aborted) {
          aborted = true;
          break;
        }
      }
    }
    await flushPreview();
    await spool?.close();
  } catch (error) {
    spool?.destroy();
    if (!(error instanceof ImportFileError)) throw error;
    fatal = true;
    addErrors(error.errors);
  }
  progress();
  return {
    format,
    sha256: tap.hash?.digest('hex') ?? '',
    fatal,
    aborted,
    counts,
    errors,
    errorCount,
  };
}
