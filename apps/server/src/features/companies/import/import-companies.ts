import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ImportId, type Locale } from '@banso/shared';
import { notFound } from '../../../app-error';
import type { Actor } from '../../../context';
import { asActor, perCall } from '../../../data/actor-scope';
import { newId } from '../../../new-id';
import { authorize } from '../../../policy/policy';
import { parseColumnMapping } from './column-mapping';
import { createCompanyImportRepository, type ImportRecordRow } from './company-import.repository';
import type { TextEncoding } from './encoding-detect';
import { fileSha256, fileSize, sniffFileEncoding } from './import-file';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_MAX_ERRORS,
  type ImportOptions,
  invalidOption,
  resolveMapping,
  resolveMunicipality,
  type StoredImportOptions,
  storedOptions,
} from './import-options';
import {
  type ImportDeps,
  type ImportProgress,
  type ImportRunResult,
  type RunSettings,
  zeroCounts,
} from './import-run';
import { reportRowError } from './row-error';
import { createSpoolDir, sweepStaleSpools } from './row-spool';
import type { ImportFormat } from './row-stream';
import { validatePass } from './validate-pass';
import { writePass } from './write-pass';

export type { ImportDeps, ImportProgress, ImportRunResult } from './import-run';

const RESUMABLE = new Set(['running', 'failed', 'interrupted']);

/**
 * Imports companies from a CSV file (Banso format, or the 国税庁 corporate-number data) into the
 * actor's organisation. Streams the file (never whole in memory) in two passes:
 *
 * 1. validate every row (a dry run stops here and also reports what would be inserted/updated);
 *    in 'atomic' mode (default) any error rejects the file and nothing is written.
 * 2. write in batches of `batchSize` rows, each batch in its own transaction together with the
 *    import record's committed line and counts; the record is created ('running') before the
 *    first batch and completed after the last. A killed run leaves the database at a batch
 *    boundary that the record names; `resume: id` continues from there with the same file.
 *    The rows pass 1 accepted are kept in a temporary spool file, so pass 2 does not parse and
 *    validate the CSV again (a resumed run does, from the original file).
 *
 * Re-importing a file updates the companies it names (key: 法人番号, then the `ID` column) and
 * writes nothing for unchanged rows. For use by the API, the CLI and benchmarks.
 */
export async function importCompaniesFromFile(
  deps: ImportDeps,
  actor: Actor,
  filePath: string,
  options: ImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportRunResult> {
  authorize(actor, 'companies:import');
  const locale: Locale = options.locale ?? 'ja';
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const repo = perCall(deps.db, actor, createCompanyImportRepository);
  const totalBytes = await fileSize(filePath);
  await sweepStaleSpools();

  if (options.resume) {
    const resume = ImportId.safeParse(options.resume);
    const record = resume.success ? await repo.findImport(resume.data) : null;
    if (!record) throw notFound('import');
    if (!RESUMABLE.has(record.status)) {
      throw invalidOption(
        'resume',
        `この取込（状態: ${record.status}）は再開できません。`,
        `This import (status ${record.status}) cannot be resumed.`,
        `resume of ${record.status} import`,
      );
    }
    if (record.fileSize !== totalBytes || record.fileSha256 !== (await fileSha256(filePath))) {
      throw invalidOption(
        'file',
        'ファイルが中断した取込のファイルと一致しません（内容が変わっています）。',
        'The file is not the one the interrupted import read (its content differs).',
        'resume with a different file',
      );
    }
    const stored = record.options as unknown as StoredImportOptions;
    const settings: RunSettings = {
      format: record.format as ImportFormat,
      encoding: record.encoding as TextEncoding,
      mode: stored.mode,
      mapping: stored.mapping ? parseColumnMapping(stored.mapping) : null,
      municipality: resolveMunicipality(stored.municipality),
      batchSize: options.batchSize ?? stored.batchSize ?? DEFAULT_BATCH_SIZE,
    };
    await repo.updateImport(record.id, {
      status: 'running',
      finishedAt: null,
      heartbeatAt: deps.now(),
    });
    return writePass(deps, actor, filePath, record, settings, {
      totalBytes,
      locale,
      options,
      onProgress,
    });
  }

  const mapping = resolveMapping(options.mapping);
  const municipality = resolveMunicipality(options.municipality);
  const requestedEncoding = options.encoding ?? 'auto';
  const settings: RunSettings = {
    format: options.format ?? 'auto',
    encoding: requestedEncoding === 'auto' ? await sniffFileEncoding(filePath) : requestedEncoding,
    mode: options.mode ?? 'atomic',
    mapping,
    municipality,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
  };

  const spoolDir = options.dryRun ? null : await createSpoolDir();
  try {
    return await validateThenWrite(spoolDir ? path.join(spoolDir, 'rows.jsonl') : null);
  } finally {
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }

  async function validateThenWrite(spool: string | null): Promise<ImportRunResult> {
    const check = await validatePass(deps, actor, filePath, settings, {
      totalBytes,
      maxErrors,
      dryRun: !!options.dryRun,
      signal: options.signal,
      onProgress,
      spool,
    });
    const errors = check.errors.map((e) => reportRowError(e, locale));
    const summary = {
      format: check.format,
      encoding: settings.encoding,
      rowsRead: check.counts.rowsRead,
      skipped: check.counts.skipped,
      errors,
      errorCount: check.errorCount,
    };
    const rejected = check.fatal || (settings.mode === 'atomic' && check.errorCount > 0);
    if (check.aborted) {
      return {
        id: null,
        status: 'interrupted',
        ...summary,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        committedLine: 0,
      };
    }
    if (options.dryRun) {
      const { inserted, updated, unchanged } = check.fatal ? zeroCounts() : check.counts;
      return {
        id: null,
        status: rejected ? 'rejected' : 'dry_run',
        ...summary,
        inserted,
        updated,
        unchanged,
        committedLine: 0,
      };
    }

    const now = deps.now();
    const base = {
      id: newId(ImportId),
      entity: 'companies',
      format: check.format,
      encoding: settings.encoding,
      fileName: options.fileName ?? path.basename(filePath),
      fileSha256: check.sha256,
      fileSize: totalBytes,
      options: storedOptions(options, mapping) as unknown as Record<string, unknown>,
      errors,
      startedAt: now,
      createdBy: actor.via === 'system' ? null : actor.userId,
    };
    if (rejected) {
      // Nothing is written to the companies; the record keeps the attempt and its errors.
      await repo.insertImport({
        ...base,
        status: 'rejected',
        rowsRead: summary.rowsRead,
        skipped: summary.skipped,
        finishedAt: now,
      });
      return {
        id: base.id,
        status: 'rejected',
        ...summary,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        committedLine: 0,
      };
    }
    await repo.insertImport({ ...base, status: 'running', heartbeatAt: now });
    const record = await repo.findImport(base.id);
    if (!record) throw new Error('import record vanished');
    return writePass(
      deps,
      actor,
      filePath,
      record,
      { ...settings, format: check.format },
      {
        totalBytes,
        locale,
        options,
        onProgress,
        errorCount: check.errorCount,
        spool,
        rowsTotal: check.counts.rowsRead,
      },
    );
  }
}

/** Whether the actor may import (asked before an upload is read); throws forbidden if not. */
export function checkImportAllowed(actor: Actor): void {
  authorize(actor, 'companies:import');
}

/** An import record of the actor's organisation (importers only). */
export async function getImportRecord(
  deps: Pick<ImportDeps, 'db'>,
  actor: Actor,
  id: ImportId,
): Promise<ImportRecordRow> {
  authorize(actor, 'companies:import');
  const record = await asActor(deps.db, actor, (tx) =>
    createCompanyImportRepository(tx).findImport(id),
  );
  if (!record) throw notFound('import');
  return record;
}
