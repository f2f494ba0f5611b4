import {
  ERROR_MESSAGES,
  type ErrorCode,
  type FieldErrorCode,
  fieldErrorMessage,
  type Localized,
} from '@banso/shared';

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: Localized;
}

/** The one application error. `code` is stable; messages are for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly userMessage: Localized;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: {
      log?: string;
      fields?: FieldError[];
      userMessage?: Localized;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(options.log ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields ?? [];
    this.userMessage = options.userMessage ?? ERROR_MESSAGES[code];
    this.headers = options.headers ?? {};
  }

  static field(code: ErrorCode, field: string, fieldCode: FieldErrorCode): AppError {
    return new AppError(code, {
      log: `${field}: ${fieldCode}`,
      fields: [{ field, code: fieldCode, message: fieldErrorMessage(fieldCode) }],
    });
  }
}

export const notFound = (what: string) => new AppError('not_found', { log: `${what} not found` });
