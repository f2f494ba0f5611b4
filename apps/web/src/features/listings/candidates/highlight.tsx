import { Fragment } from 'react';

/**
 * Marks the engine's terms in a text as a person reads it. The terms are analysed forms (NFKC,
 * lower case, kana-only words in katakana, センサー → センサ), so both sides are folded the same
 * way character by character before searching, and the marks land on the original characters.
 */

/** One character's comparable form: NFKC, lower case, hiragana → katakana. */
function foldChar(ch: string): string {
  return ch
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

export const foldText = (s: string) => Array.from(s).map(foldChar).join('');

/** Which characters (code points) of `text` lie in an occurrence of one of the terms. */
export function markedChars(text: string, terms: readonly string[]): boolean[] {
  const chars = Array.from(text);
  const marked = new Array<boolean>(chars.length).fill(false);
  if (chars.length === 0 || terms.length === 0) return marked;
  let folded = '';
  /** Start of each original character in the folded string (one more entry at the end). */
  const starts: number[] = [];
  for (const ch of chars) {
    starts.push(folded.length);
    folded += foldChar(ch);
  }
  starts.push(folded.length);
  const charAt = (pos: number) => {
    let lo = 0;
    let hi = chars.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const wanted = [...new Set(terms.map(foldText).filter((t) => t.length > 0))];
  for (const term of wanted) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      const first = charAt(at);
      const last = charAt(at + term.length - 1);
      for (let i = first; i <= last; i++) marked[i] = true;
      from = at + 1;
    }
  }
  return marked;
}

/** Yellow behind black text: well above AA contrast, and visible when printed. */
const MARK_STYLE = {
  backgroundColor: 'var(--mantine-color-yellow-3)',
  color: 'var(--mantine-color-black)',
  borderRadius: 2,
  padding: '0 1px',
} as const;

/** The text with each occurrence of the terms in a <mark>. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const chars = Array.from(text);
  const marked = markedChars(text, terms);
  const parts: { text: string; mark: boolean }[] = [];
  chars.forEach((ch, i) => {
    const mark = marked[i] ?? false;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += ch;
    else parts.push({ text: ch, mark });
  });
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
          <mark key={i} style={MARK_STYLE}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}
