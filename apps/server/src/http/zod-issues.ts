/**
 * zod issues → field errors with ja/en messages. The mapping itself lives in
 * packages/shared (`fieldErrorsFromZod`) so the web client's form validation
 * gives the same codes and messages as the API; this module keeps the server's
 * import path and its `FieldError` type.
 */
import { fieldErrorsFromZod as sharedFieldErrorsFromZod } from '@banso/shared';
import type { z } from 'zod';
import type { FieldError } from '../app-error';

export function fieldErrorsFromZod(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return sharedFieldErrorsFromZod(error, prefix);
}
