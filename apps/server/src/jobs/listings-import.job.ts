import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Locale } from '@banso/shared';
import type { ListingsService } from '../features/listings/listings.service';
import { JobFailure, type JobHandler } from './job-handler';

/**
 * A listings import queued with `Prefer: respond-async`. The import is all or nothing in one
 * transaction, so a retry simply runs it again; its result (errors included, as the synchronous
 * answer) is the job's result. The stored file is removed when the job ends.
 */
export const listingsImportJob = (deps: { listings: ListingsService }): JobHandler => ({
  kind: 'listings.import',
  maxAttempts: 3,
  async run(ctx) {
    const { file, options } = ctx.payload as {
      file: string;
      options: { dryRun: boolean; locale: Locale };
    };
    if (!existsSync(file)) {
      throw new JobFailure('upload_missing', {
        ja: '取込ファイルが見つかりません（サーバーのファイルが消えています）。もう一度アップロードしてください。',
        en: 'The uploaded file is gone from the server; upload it again.',
      });
    }
    ctx.progress({ phase: 'import' });
    const bytes = new Uint8Array(await readFile(file));
    const result = await deps.listings.importFile(ctx.actor, bytes, options);
    await rm(path.dirname(file), { recursive: true, force: true });
    return { ...result };
  },
});
