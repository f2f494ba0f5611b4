import { ipcTitle } from '@banso/shared';

/**
 * IPC titles for people: WIPO writes subclass titles in capitals and joins several headings
 * with ';'. Sentence case reads better; the short form (first heading) fits in a line.
 */
function sentenceCase(title: string): string {
  const lower = title.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** The whole title in sentence case, or undefined for an unknown code. */
export function ipcText(code: string): string | undefined {
  const title = ipcTitle(code);
  return title ? sentenceCase(title) : undefined;
}

/** The first heading of the title ('Shaping or joining of plastics'). */
export function ipcShortText(code: string): string | undefined {
  const title = ipcText(code);
  return title?.split(';')[0]?.trim();
}
