import type { Localized } from '@banso/shared';
import { useTranslation } from 'react-i18next';

/** A message (e.g. a field error) in the UI language at render time (switching language re-renders it). */
export function LocalizedMessage({ message }: { message: Localized | string }) {
  const { i18n } = useTranslation();
  if (typeof message === 'string') return message;
  return i18n.language === 'en' ? message.en : message.ja;
}
