import type { ImportId, ImportResult } from '@banso/shared';
import type { AppDeps } from '../../../context';
import type { ColumnMapping } from './column-mapping';
import type { ImportCounts } from './company-import.repository';
import type { TextEncoding } from './encoding-detect';
import type { ImportFormat } from './row-stream';

export type ImportDeps = Pick<AppDeps, 'db' | 'now'>;

/** The API's ImportResult plus the number of errors found (only the first `maxErrors` are listed). */
export type ImportRunResult = ImportResult & { id: ImportId | null; errorCount: number };

export interface ImportProgress {
  /** 'validate': the first pass over the file; 'write': the pass that writes batches. */
  phase: 'validate' | 'write';
  bytesRead: number;
  totalBytes: number;
  /** Physical line of the file where the last record read starts (0 before the first). */
  linesRead: number;
  rowsRead: number;
  committedLine: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errorCount: number;
  importId: ImportId | null;
}

/** How a run reads the file, resolved from the options (or from the record, when resuming). */
export interface RunSettings {
  format: 'auto' | ImportFormat;
  encoding: TextEncoding;
  mode: 'atomic' | 'batches';
  mapping: ColumnMapping | null;
  municipality: ((code6: string | null) => boolean) | null;
  batchSize: number;
}

export const zeroCounts = (): ImportCounts => ({
  rowsRead: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
});
