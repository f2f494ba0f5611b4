import type { Locale, Localized } from '@banso/shared';

/** CLI language: `--lang`, else BANSO_LANG/LANG (en_* → English), else Japanese. */
let locale: Locale = 'ja';

export function setCliLocale(value: string | undefined): void {
  locale = value?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

export const cliLocale = () => locale;

export const t = (message: Localized): string => message[locale];

/** Prints to stdout in the CLI's language. */
export const say = (message: Localized): void => {
  process.stdout.write(`${t(message)}\n`);
};

/** Prints to stderr in the CLI's language. */
export const warn = (message: Localized): void => {
  process.stderr.write(`${t(message)}\n`);
};
