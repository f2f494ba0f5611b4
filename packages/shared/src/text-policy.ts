/**
 * What text Banso accepts (issue 12): any Unicode text except the NUL character (U+0000), which
 * PostgreSQL cannot store in text or jsonb, and lone surrogates (half of a UTF-16 pair), which
 * are not Unicode text at all and which jsonb refuses. Such input is **rejected** with a 422
 * naming the field (`unsupported_character`), never silently changed: a value that came back
 * different from what was sent would be worse than a clear refusal. The API checks every JSON
 * body (keys included), query parameter and path segment against this before any contract runs;
 * CSV imports check every cell and report the line.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * Text that quotes user input back (an error message naming a file's column) made storable and
 * visible: NUL shown as ␀ (U+2400), a lone surrogate as U+FFFD. Only for such quotes; input
 * itself is refused, never changed.
 */
export function printable(text: string): string {
  return isStorableText(text)
    ? text
    : text.replaceAll('\u0000', '\u2400').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** JSON documents nested deeper than this are refused (no contract of Banso is half as deep). */
export const MAX_JSON_DEPTH = 32;

export type TextProblem =
  | { kind: 'unsupported_character'; path: string[] }
  | { kind: 'too_deep'; path: string[] };

/**
 * The first string (value or object key) in a parsed JSON value that Banso cannot store, with
 * its path, or a nesting deeper than MAX_JSON_DEPTH; null when the whole value is acceptable.
 * Iterative, so a hostile depth cannot exhaust the stack.
 */
export function findTextProblem(value: unknown): TextProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof v === 'string') {
      if (!isStorableText(v)) return { kind: 'unsupported_character', path };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { kind: 'too_deep', path };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: [...path, String(i)] });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      if (!isStorableText(key)) return { kind: 'unsupported_character', path: [...path, key] };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
