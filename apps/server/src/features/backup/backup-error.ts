import type { Localized } from '@banso/shared';

/**
 * Why a backup or restore was refused or failed. Backups are a CLI and
 * server-side concern with no HTTP route, so these codes stay local to the
 * feature; `input` says whether the fault is in the file or command line
 * (CLI exit 2) rather than in the database (exit 1).
 */
export type BackupErrorCode =
  | 'file_not_found'
  | 'not_a_dump'
  | 'damaged'
  | 'not_migrated'
  | 'migration_mismatch'
  | 'not_empty'
  | 'count_mismatch'
  | 'uncovered_tables';

const INPUT_ERRORS: ReadonlySet<BackupErrorCode> = new Set([
  'file_not_found',
  'not_a_dump',
  'damaged',
]);

export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    readonly userMessage: Localized,
    options: { cause?: unknown } = {},
  ) {
    super(`${code}: ${userMessage.en}`, options);
  }

  /** A fault of the file or the command line, not of the database. */
  get isInputError(): boolean {
    return INPUT_ERRORS.has(this.code);
  }
}
