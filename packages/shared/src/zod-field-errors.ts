import type { z } from 'zod';
import { type FieldErrorCode, fieldErrorMessage, isFieldErrorCode, type Localized } from './errors';

/** One field problem found by a zod contract: dotted path, stable code, ja/en message. */
export interface ZodFieldError {
  field: string;
  code: FieldErrorCode;
  message: Localized;
}

type Params = { min?: number | bigint; max?: number | bigint; values?: string };

/**
 * Maps zod issues to Banso field errors. The server answers 422s with these, and the web
 * client validates its forms with the same contracts and this same function, so a message
 * shown before submitting is the one the API would have sent.
 */
export function fieldErrorsFromZod(error: z.ZodError, prefix: string[] = []): ZodFieldError[] {
  return error.issues.map((issue) => {
    const field = [...prefix, ...issue.path.map(String)].join('.') || '(body)';
    const { code, params } = classifyZodIssue(issue);
    return { field, code, message: fieldErrorMessage(code, params) };
  });
}

/** The Banso field code (and message parameters) of one zod issue. */
export function classifyZodIssue(issue: z.core.$ZodIssue): {
  code: FieldErrorCode;
  params: Params;
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
            // A string shorter than one character is an empty field (zod 4 drops `input` from issues).
            code: Number(issue.minimum) === 1 ? 'required' : 'too_short',
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
