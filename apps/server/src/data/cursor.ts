import { AppError } from '../app-error';

/**
 * Opaque page cursors: a small JSON value, base64url-encoded. Decoding checks the shape with
 * `accept`; anything malformed is a 422 naming the `cursor` field — never silently the first page.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(value: string, accept: (parsed: unknown) => parsed is T): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined && accept(parsed)) return parsed;
  throw AppError.field('validation_failed', 'cursor', 'invalid_value');
}
