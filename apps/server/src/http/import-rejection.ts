import { type FieldErrorCode, isFieldErrorCode, type Locale } from '@banso/shared';
import { AppError } from '../app-error';
import { toProblem } from './problem';

/** A row error of an import as reported to a client (the message already in its language). */
interface ReportedError {
  line: number;
  field?: string;
  code?: string;
  message: string;
}

/**
 * The 422 body of a rejected import, the same for every import of the API (companies,
 * listings): problem+json `import_invalid` whose `errors[]` name `line.<n>.<field>`, and the
 * import's full result beside it.
 */
export function importRejection<R extends { errors: readonly ReportedError[] }>(
  result: R,
  errorCount: number,
  locale: Locale,
  extra: { instance: string; requestId: string },
) {
  const error = new AppError('import_invalid', {
    log: `import rejected with ${errorCount} errors`,
    fields: result.errors.map((e) => ({
      field: `line.${e.line}.${e.field ?? '(row)'}`,
      code: (e.code && isFieldErrorCode(e.code) ? e.code : 'invalid_value') as FieldErrorCode,
      message: { ja: e.message, en: e.message },
    })),
  });
  return { ...toProblem(error, locale, extra).body, result };
}

/** The answer's headers: a problem is sent as application/problem+json. */
export const PROBLEM_HEADERS = { 'content-type': 'application/problem+json; charset=utf-8' };
