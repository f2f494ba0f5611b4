import { hiraganaToKatakana } from '@banso/shared';

/**
 * Text normalisation before tokenising: NFKC (full-width ASCII and digits → half width,
 * half-width katakana → full width, ㎜ → mm), CP932 look-alikes folded (〜 → ~, − → -),
 * line breaks and runs of whitespace → one space.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u301c\u2212]/g, (c) => (c === '\u301c' ? '~' : '-'))
    .replace(/\s+/g, ' ')
    .trim();
}

const KANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/u;
const KATAKANA_ONLY = /^[\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/u;

/**
 * The canonical form of one term (a word or a compound): lower case; a term written only in kana
 * becomes katakana (ねじ → ネジ, めっき → メッキ); a katakana term of 4+ characters loses a final
 * long-vowel mark (センサー → センサ, モーター → モータ: JIS Z 8301 and everyday spelling differ).
 */
export function canonicalTerm(term: string): string {
  let t = term.normalize('NFKC').toLowerCase();
  if (KANA_ONLY.test(t)) t = hiraganaToKatakana(t);
  if (t.length >= 4 && t.endsWith('ー') && KATAKANA_ONLY.test(t)) t = t.slice(0, -1);
  return t;
}

/** True when the text is only ASCII letters/digits and a few joiners (IoT, 3d, co2, ai). */
export const isAsciiWord = (s: string): boolean => /^[a-z0-9][a-z0-9.+\-_/]*$/i.test(s);

/** Character bigrams (by code point) of a term: the fallback for words the dictionary lacks. */
export function charBigrams(term: string): string[] {
  const chars = Array.from(term);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}
