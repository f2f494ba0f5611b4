import { type FieldErrorCode, fieldErrorMessage, isFieldErrorCode } from '@banso/shared';
import type { z } from 'zod';
import type { FieldError } from '../app-error';

/** Maps zod issues to Banso field errors with Japanese and English messages. */
export function fieldErrorsFromZod(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => {
    const field = [...prefix, ...issue.path.map(String)].join('.') || '(body)';
    const { code, params } = classify(issue);
    return { field, code, message: fieldErrorMessage(code, params) };
  });
}

function classify(issue: z.core.$ZodIssue): {
  code: FieldErrorCode;
  params: { min?: number | bigint; max?: number | bigint; values?: string };
} {
  switch (issue.code) {
    case 'custom': {
      const custom = issue.params?.code;
      return { code: isFieldErrorCode(custom) ? custom : 'invalid_value', params: {} };
    }
    case 'invalid_type':
      return { code: issue.input === undefined ? 'required' : 'invalid_type', params: {} };
    case 'too_small':
      return issue.origin === 'string'
        ? {
            code: issue.minimum === 1 && issue.input === '' ? 'required' : 'too_short',
            params: { min: issue.minimum },
          }
        : { code: 'too_small', params: { min: issue.minimum } };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', params: { max: issue.maximum } }
        : { code: 'too_big', params: { max: issue.maximum } };
    case 'invalid_format':
      return { code: 'invalid_format', params: {} };
    case 'invalid_value':
      return { code: 'invalid_value', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: {} };
    default:
      return { code: 'invalid_value', params: {} };
  }
}
