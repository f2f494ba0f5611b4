import type { Locale, Problem } from '@banso/shared';
import { AppError } from '../app-error';
import { STATUS_BY_CODE } from './status-codes';

/** RFC 9457 problem+json body for an error; anything unknown is masked as `internal`. */
export function toProblem(
  error: unknown,
  locale: Locale,
  extra: { instance?: string; requestId?: string } = {},
): { status: number; body: Problem; headers: Record<string, string> } {
  const appError = error instanceof AppError ? error : new AppError('internal', { cause: error });
  const status = STATUS_BY_CODE[appError.code];
  const body: Problem = {
    type: `https://banso.invalid/problems/${appError.code.replaceAll('_', '-')}`,
    title: appError.code,
    status,
    detail: appError.userMessage[locale],
    code: appError.code,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(appError.fields.length > 0
      ? {
          errors: appError.fields.map((f) => ({
            field: f.field,
            code: f.code,
            message: f.message[locale],
          })),
        }
      : {}),
  };
  return { status, body, headers: appError.headers };
}
