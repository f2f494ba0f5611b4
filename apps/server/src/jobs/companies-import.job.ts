import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_MESSAGES, ImportId } from '@banso/shared';
import { AppError } from '../app-error';
import {
  getImportRecord,
  type ImportDeps,
  importCompaniesFromFile,
} from '../features/companies/import/import-companies';
import type { CompanyImportPayload } from '../features/companies/import/import-job';
import { JobFailure, type JobHandler } from './job-handler';

const RESUMABLE = new Set(['running', 'failed', 'interrupted']);

/**
 * A company CSV import queued by `POST /api/v1/companies/import` with `Prefer: respond-async`.
 * Progress is the import's own progress (ImportProgressEvent fields); the result its
 * ImportRunResult. A later attempt (retry, or after the worker died) continues the import record
 * the last one reported (`importId` in the progress) after its committed line, with the same
 * stored file; the file is removed when the job ends.
 */
export const companiesImportJob = (deps: ImportDeps): JobHandler => ({
  kind: 'companies.import',
  maxAttempts: 3,
  async run(ctx) {
    const { file, options } = ctx.payload as unknown as CompanyImportPayload;
    const cleanup = () => rm(path.dirname(file), { recursive: true, force: true });

    let resume = options.resume ?? null;
    const previous = ImportId.safeParse(ctx.previousProgress?.importId);
    if (previous.success) {
      const record = await getImportRecord(deps, ctx.actor, previous.data);
      if (record.status === 'completed') {
        // The last attempt finished the import and died before recording the job's end.
        await cleanup();
        return {
          id: record.id,
          status: 'completed',
          format: record.format,
          encoding: record.encoding,
          rowsRead: record.rowsRead,
          inserted: record.inserted,
          updated: record.updated,
          unchanged: record.unchanged,
          skipped: record.skipped,
          committedLine: record.committedLine,
          errors: record.errors,
          errorCount: record.errors.length,
        };
      }
      if (RESUMABLE.has(record.status)) resume = record.id;
    }

    if (!existsSync(file)) {
      throw new JobFailure('upload_missing', {
        ja: '取込ファイルが見つかりません（サーバーのファイルが消えています）。もう一度アップロードしてください。',
        en: 'The uploaded file is gone from the server; upload it again.',
      });
    }
    let announced = false;
    try {
      const result = await importCompaniesFromFile(
        deps,
        ctx.actor,
        file,
        { ...options, resume, signal: ctx.signal },
        (progress) => {
          if (progress.importId && !announced) {
            // The record a later attempt resumes: stored at once, not at the throttled pace.
            announced = true;
            void ctx.checkpoint({ ...progress });
          } else ctx.progress({ ...progress });
        },
      );
      if (result.status === 'interrupted') throw new Error('import interrupted');
      if (result.status === 'rejected') {
        await cleanup();
        throw new JobFailure('import_invalid', ERROR_MESSAGES.import_invalid, {
          result: { ...result },
        });
      }
      await cleanup();
      return { ...result };
    } catch (error) {
      if (error instanceof AppError && error.code !== 'internal') await cleanup();
      throw error;
    }
  },
});
