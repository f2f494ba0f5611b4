/**
 * One closed set of codes (a vocabulary): the codes in display order and each code's label in
 * Japanese and English. Contracts derive their zod enums from `codes`, the database its CHECK
 * constraints, and every screen, PDF, calendar and drill-down its labels: a label is spelled
 * here and nowhere else (vocabulary.test.ts greps the sources for second copies).
 */

export type LabelLocale = 'ja' | 'en';
export interface Label {
  ja: string;
  en: string;
}

export interface Vocabulary<C extends readonly [string, ...string[]]> {
  /** The set's name, as in the CHECK constraint names (`<table>_<column>_check`) and tests. */
  readonly name: string;
  /** The codes in display order. */
  readonly codes: C;
  readonly labels: { readonly [K in C[number]]: Label };
  /** Label maps per language (for i18n resources), keys in code order. */
  readonly ja: { readonly [K in C[number]]: string };
  readonly en: { readonly [K in C[number]]: string };
  label(code: C[number], locale: LabelLocale): string;
  /** The code's label, or the value itself when it is not a code of the set (old data). */
  labelOf(value: string, locale: LabelLocale): string;
  includes(value: unknown): value is C[number];
}

/** Any vocabulary with its codes as plain strings: for code that walks every set (tests, tools). */
export interface AnyVocabulary {
  readonly name: string;
  readonly codes: readonly string[];
  readonly labels: Readonly<Record<string, Label>>;
  readonly ja: Readonly<Record<string, string>>;
  readonly en: Readonly<Record<string, string>>;
  labelOf(value: string, locale: LabelLocale): string;
}

export function defineVocabulary<const C extends readonly [string, ...string[]]>(
  name: string,
  codes: C,
  labels: { readonly [K in C[number]]: Label },
): Vocabulary<C> {
  type Code = C[number];
  const map = (locale: LabelLocale) =>
    Object.fromEntries(codes.map((c) => [c, labels[c as Code][locale]])) as {
      [K in Code]: string;
    };
  const set = new Set<string>(codes);
  const includes = (value: unknown): value is Code => typeof value === 'string' && set.has(value);
  return {
    name,
    codes,
    labels,
    ja: map('ja'),
    en: map('en'),
    label: (code, locale) => labels[code as Code][locale],
    labelOf: (value, locale) => (includes(value) ? labels[value][locale] : value),
    includes,
  };
}
