import type { IMPORT_ENCODINGS, IMPORT_FORMATS, IMPORT_MODES, Locale } from '@banso/shared';
import { AppError } from '../../../app-error';
import {
  type ColumnMapping,
  ColumnMappingError,
  mappingToJson,
  parseColumnMapping,
} from './column-mapping';
import { MunicipalityFilterError, municipalityFilter } from './municipality-filter';

/** What a caller may ask of an import (CLI flags, API query). */
export interface ImportOptions {
  /** 'auto' (default): 国税庁 if the first row has 30 fields and a 13-digit 2nd one, else Banso. */
  format?: (typeof IMPORT_FORMATS)[number];
  encoding?: (typeof IMPORT_ENCODINGS)[number];
  /** 'atomic' (default): any invalid row and nothing is written. 'batches': invalid rows are skipped. */
  mode?: (typeof IMPORT_MODES)[number];
  /** Validate only: read the whole file, report errors and what would change, write nothing. */
  dryRun?: boolean;
  /** 2-digit prefecture or 5/6-digit municipality code: rows elsewhere are skipped. */
  municipality?: string | null;
  /** Banso field → the file's column; `名称=会社名,法人番号=法人番号` or a JSON object. */
  mapping?: string | Readonly<Record<string, string>> | null;
  /** Continue an interrupted import (its id) with the same file. */
  resume?: string | null;
  /** Stored in the import record; defaults to the file's base name. */
  fileName?: string;
  /** Rows per transaction (default 1,000). */
  batchSize?: number;
  /** Errors kept and reported (default 1,000); `errorCount` has them all. */
  maxErrors?: number;
  /** Language of the error messages in the result and the record. */
  locale?: Locale;
  /** Stops after the batch being written; the import is left 'interrupted' and resumable. */
  signal?: AbortSignal;
}

/** The settings an import record keeps, so a resumed run reads the file the same way. */
export interface StoredImportOptions {
  format: (typeof IMPORT_FORMATS)[number];
  encoding: (typeof IMPORT_ENCODINGS)[number];
  mode: (typeof IMPORT_MODES)[number];
  municipality: string | null;
  mapping: Record<string, string> | null;
  batchSize: number;
}

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_MAX_ERRORS = 1000;

const invalidOption = (field: string, ja: string, en: string, log: string) =>
  new AppError('validation_failed', {
    log,
    fields: [{ field, code: 'invalid_value', message: { ja, en } }],
  });

export function resolveMapping(mapping: ImportOptions['mapping']): ColumnMapping | null {
  if (
    mapping === null ||
    mapping === undefined ||
    (typeof mapping === 'string' && mapping.trim() === '')
  )
    return null;
  try {
    return parseColumnMapping(mapping);
  } catch (error) {
    if (!(error instanceof ColumnMappingError)) throw error;
    const detail = error.problems.join('; ');
    throw invalidOption(
      'mapping',
      `列の対応付けが正しくありません: ${detail}`,
      `Invalid column mapping: ${detail}`,
      error.message,
    );
  }
}

export function resolveMunicipality(
  code: string | null | undefined,
): ((code6: string | null) => boolean) | null {
  if (!code) return null;
  try {
    return municipalityFilter(code);
  } catch (error) {
    if (!(error instanceof MunicipalityFilterError)) throw error;
    throw new AppError('validation_failed', {
      log: error.message,
      fields: [
        {
          field: 'municipality',
          code: 'municipality_unknown',
          message: {
            ja: `市区町村コードまたは都道府県コード「${code}」が見つかりません。`,
            en: `No municipality or prefecture with code "${code}".`,
          },
        },
      ],
    });
  }
}

export function storedOptions(
  options: ImportOptions,
  mapping: ColumnMapping | null,
): StoredImportOptions {
  return {
    format: options.format ?? 'auto',
    encoding: options.encoding ?? 'auto',
    mode: options.mode ?? 'atomic',
    municipality: options.municipality ?? null,
    mapping: mapping ? mappingToJson(mapping) : null,
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
  };
}

export { invalidOption };
