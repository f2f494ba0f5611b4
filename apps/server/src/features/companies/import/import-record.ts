import {
  BoolQuery,
  IMPORT_ENCODINGS,
  IMPORT_FORMATS,
  IMPORT_MODES,
  type ImportRecord,
} from '@banso/shared';
import { z } from 'zod';
import type { ImportRecordRow } from './company-import.repository';

export { ImportRecord, ImportRunResult } from '@banso/shared';

/** Query of POST /api/v1/companies/import (the body is the file itself). */
export const ImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('auto').meta({
    description:
      "'auto' detects the 国税庁 corporate-number CSV (no header, 30 columns) or a Banso CSV (header row).",
  }),
  encoding: z
    .enum(IMPORT_ENCODINGS)
    .default('auto')
    .meta({
      description:
        "'auto' detects UTF-8 (with or without BOM), Shift_JIS (CP932) or UTF-16 with a BOM (Excel's " +
        '「Unicode テキスト」); a charset in Content-Type is used too. Commas or tabs are detected from the first line.',
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
  resume: z
    .uuid()
    .optional()
    .meta({
      description:
        'Continue an interrupted or failed import (its record id) with the same file: rows up to the ' +
        "record's committedLine are not written again; the other options are taken from the record.",
    }),
});

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
