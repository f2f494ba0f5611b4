import { type FieldErrorCode, fieldErrorMessage } from '@banso/shared';
import { currentLanguage } from '../i18n';

/** The same field messages the API sends, in the UI language (client-side checks use these). */
export function fieldMessage(
  code: FieldErrorCode,
  params?: Parameters<typeof fieldErrorMessage>[1],
) {
  return fieldErrorMessage(code, params)[currentLanguage()];
}

export const required = (value: unknown) =>
  value === null || value === undefined || String(value).trim() === ''
    ? fieldMessage('required')
    : null;
