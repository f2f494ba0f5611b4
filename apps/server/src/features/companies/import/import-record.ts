import {
  BoolQuery,
  IMPORT_ENCODINGS,
  IMPORT_FORMATS,
  IMPORT_MODES,
  ImportResult,
} from '@banso/shared';
import { z } from 'zod';
import type { ImportRecordRow } from './company-import.repository';

// Import contracts the shared package does not have yet (ImportResult and the enums are there);
// they belong in packages/shared/src/contracts/companies.ts next to ImportResult.

/** ImportResult plus the number of errors found (the list holds at most 1,000). */
export const ImportRunResult = ImportResult.extend({
  errorCount: z
    .number()
    .int()
    .meta({ description: 'All errors found; `errors` lists at most the first 1,000.' }),
}).meta({ id: 'ImportRunResult' });

/** Query of POST /api/v1/companies/import (the body is the file itself). */
export const ImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('auto').meta({
    description:
      "'auto' detects the 国税庁 corporate-number CSV (no header, 30 columns) or a Banso CSV (header row).",
  }),
  encoding: z.enum(IMPORT_ENCODINGS).default('auto').meta({
    description:
      "'auto' detects UTF-8 (with or without BOM) or Shift_JIS (CP932); a charset in Content-Type is used too.",
  }),
  mode: z.enum(IMPORT_MODES).default('atomic').meta({
    description:
      "'atomic': any invalid row and nothing is imported (422). 'batches': invalid rows are skipped and reported.",
  }),
  dryRun: BoolQuery.optional().meta({
    description: 'Validate only and report what would change; nothing is written.',
  }),
  municipality: z.string().max(6).optional().meta({
    description:
      'Only rows in this region: 2-digit prefecture, or 5/6-digit municipality code (a designated city includes its wards).',
  }),
  mapping: z.string().max(4000).optional().meta({
    description:
      'Column mapping for files from other sources: JSON {"名称":"会社名","法人番号":"法人番号"} (Banso field → your header).',
  }),
  fileName: z.string().max(200).optional().meta({ description: 'Kept in the import record.' }),
});

export const ImportRecord = z
  .object({
    id: z.uuid(),
    status: z.enum(['completed', 'rejected', 'failed', 'interrupted', 'running']),
    format: z.enum(['banso', 'nta']),
    encoding: z.enum(['utf-8', 'shift_jis']),
    fileName: z.string(),
    fileSha256: z.string(),
    fileSize: z.number().int(),
    options: z.object({
      format: z.enum(IMPORT_FORMATS),
      encoding: z.enum(IMPORT_ENCODINGS),
      mode: z.enum(IMPORT_MODES),
      municipality: z.string().nullable(),
      mapping: z.record(z.string(), z.string()).nullable(),
      batchSize: z.number().int(),
    }),
    committedLine: z.number().int().meta({
      description: 'Last source line whose row is committed; a resumed run continues after it.',
    }),
    rowsRead: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    errors: ImportResult.shape.errors,
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ImportRecord' });
export type ImportRecord = z.infer<typeof ImportRecord>;

export const presentImportRecord = (row: ImportRecordRow): ImportRecord => ({
  id: row.id,
  status: row.status as ImportRecord['status'],
  format: row.format as ImportRecord['format'],
  encoding: row.encoding as ImportRecord['encoding'],
  fileName: row.fileName,
  fileSha256: row.fileSha256,
  fileSize: row.fileSize,
  options: row.options as unknown as ImportRecord['options'],
  committedLine: row.committedLine,
  rowsRead: row.rowsRead,
  inserted: row.inserted,
  updated: row.updated,
  unchanged: row.unchanged,
  skipped: row.skipped,
  errors: row.errors,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});
