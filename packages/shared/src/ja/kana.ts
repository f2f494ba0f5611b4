/**
 * Normalisation for Japanese name search and kana ordering.
 *
 * normalizeForSearch makes search insensitive to full/half width, case, and hiragana/katakana.
 * It relies on NFKC, which does NOT unify kanji variants: 髙 (U+9AD9) and 﨑 (U+FA11, one of the
 * twelve "unified" ideographs in the compatibility block) survive NFKC unchanged, whereas most
 * other compatibility ideographs, e.g. 塚 U+FA10, are folded to their unified form. Use
 * foldKanjiVariants for an explicit, search-only folding of common name variants.
 */

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KATAKANA_TO_HIRAGANA = 0x60;

/**
 * Katakana → hiragana for ァ–ヶ (so ヴ → ゔ, ヵ → ゕ, ヶ → ゖ) and the iteration marks ヽヾ → ゝゞ.
 * ー, ・ and ヷ–ヺ (which have no hiragana) are kept. Expects full-width katakana (NFKC first).
 */
export function katakanaToHiragana(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if ((cp >= KATAKANA_FIRST && cp <= KATAKANA_LAST) || cp === 0x30fd || cp === 0x30fe) {
      out += String.fromCodePoint(cp - KATAKANA_TO_HIRAGANA);
    } else out += ch;
  }
  return out;
}

/** Hiragana → katakana for ぁ–ゖ and ゝゞ (inverse of katakanaToHiragana). */
export function hiraganaToKatakana(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (
      (cp >= KATAKANA_FIRST - KATAKANA_TO_HIRAGANA && cp <= KATAKANA_LAST - KATAKANA_TO_HIRAGANA) ||
      cp === 0x309d ||
      cp === 0x309e
    ) {
      out += String.fromCodePoint(cp + KATAKANA_TO_HIRAGANA);
    } else out += ch;
  }
  return out;
}

/**
 * Characters that Shift_JIS (JIS X 0208) and CP932 map to different code points, folded to one
 * form so text that went through Excel's CP932 matches text that did not:
 * 〜 WAVE DASH and ～ FULLWIDTH TILDE (NFKC: ~) → '~'; − MINUS SIGN and － (NFKC: -) → '-';
 * ― HORIZONTAL BAR → — EM DASH; ∥ PARALLEL TO → ‖ DOUBLE VERTICAL LINE.
 */
function foldCp932Variants(s: string): string {
  return s.replace(/[\u301c\u2212\u2015\u2225]/g, (c) =>
    c === '\u301c' ? '~' : c === '\u2212' ? '-' : c === '\u2015' ? '\u2014' : '\u2016',
  );
}

/**
 * The search form of a string: NFKC (half-width katakana → full width, full-width ASCII →
 * ASCII, ㈱ → (株)), lower case, katakana → hiragana (ヴ → ゔ; ー kept), CP932 variants folded
 * (〜 and ～ both become '~'), all whitespace and the middle dot ・ removed. Legal forms such
 * as 株式会社 are kept (see stripCompanyForm). Idempotent.
 */
export function normalizeForSearch(s: string): string {
  const folded = foldCp932Variants(katakanaToHiragana(s.normalize('NFKC').toLowerCase()));
  // NFKC turns a spacing ゛/゜ into space + combining mark; recompose once the space is gone.
  // Name variants (髙→高, 﨑→崎 …) are folded too, so a search for 高橋 finds 髙橋.
  return foldKanjiVariants(folded.replace(/[\s\u30fb]+/g, '').normalize('NFC'));
}

/** Search-only folding of common kanji variants in names (never for display or storage). */
const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  '\u{2550e}': '崎', // 𥔎 (たつさき)
  '\u{20bb7}': '吉', // 𠮷 (つちよし)
  濵: '浜',
  濱: '浜',
  邊: '辺',
  邉: '辺',
  澤: '沢',
  德: '徳',
  廣: '広',
  國: '国',
  櫻: '桜',
  齋: '斎',
  齊: '斉',
  槗: '橋',
  黑: '黒',
};

/**
 * Replaces common name variants by their usual form: 髙→高, 﨑/嵜/𥔎→崎, 𠮷→吉, 濵/濱→浜,
 * 邊/邉→辺, 澤→沢, 德→徳, 廣→広, 國→国, 櫻→桜, 齋→斎, 齊→斉, 槗→橋, 黑→黒.
 * Applied by normalizeForSearch (search only: stored names keep their characters).
 */
export function foldKanjiVariants(s: string): string {
  let out = '';
  for (const ch of s) out += KANJI_VARIANTS[ch] ?? ch;
  return out;
}

const HALF_WIDTH_KATAKANA: Readonly<Record<string, string>> = (() => {
  // Full-width katakana (after NFKC) → half-width, derived by inverting NFKC over U+FF66–U+FF9D.
  const map: Record<string, string> = {};
  for (let cp = 0xff66; cp <= 0xff9d; cp++) {
    const half = String.fromCodePoint(cp);
    const full = half.normalize('NFKC');
    map[full] = half;
    const voiced = `${full}\u3099`.normalize('NFC');
    if (voiced.length === 1) map[voiced] = `${half}\uff9e`;
    const semi = `${full}\u309a`.normalize('NFC');
    if (semi.length === 1) map[semi] = `${half}\uff9f`;
  }
  return map;
})();

function toHalfWidthKatakana(s: string): string {
  let out = '';
  for (const ch of s) out += HALF_WIDTH_KATAKANA[ch] ?? ch;
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Legal forms written out in kanji (longest first where one contains another). */
const KANJI_FORMS = [
  '特定非営利活動法人',
  '地方独立行政法人',
  '国立研究開発法人',
  '有限責任事業組合',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '国立大学法人',
  '公立大学法人',
  '独立行政法人',
  '社会福祉法人',
  '医療法人社団',
  '医療法人財団',
  '医療法人',
  '学校法人',
  '社団法人',
  '財団法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '合名会社',
  '合資会社',
];

/** Legal forms in a kana reading (katakana; hiragana and half-width forms are derived). */
const KANA_FORMS = [
  'トクテイヒエイリカツドウホウジン',
  'コクリツダイガクホウジン',
  'イッパンシャダンホウジン',
  'イッパンザイダンホウジン',
  'コウエキシャダンホウジン',
  'コウエキザイダンホウジン',
  'シャカイフクシホウジン',
  'エヌピーオーホウジン',
  'ガッコウホウジン',
  'イリョウホウジン',
  'カブシキガイシャ',
  'カブシキカイシャ',
  'ユウゲンガイシャ',
  'ユウゲンカイシャ',
  'ゴウドウガイシャ',
  'ゴウドウカイシャ',
  'ゴウメイガイシャ',
  'ゴウメイカイシャ',
  'ゴウシガイシャ',
  'ゴウシカイシャ',
];

/** Abbreviations written in parentheses: (株) 株式会社, (有), (同) 合同, (名) 合名, (資) 合資, … */
const PAREN_ABBREVIATIONS = [
  '株',
  '有',
  '同',
  '名',
  '資',
  '社',
  '財',
  '一社',
  '一財',
  '公社',
  '公財',
  '特非',
  '医',
  '学',
  '福',
  '独',
];

/** Enclosed / squared forms: ㈱ ㈲ ㈳ ㈴ ㈵ ㈶ ㈾ ㍿. */
const SYMBOL_FORMS = '\u3231\u3232\u3233\u3234\u3235\u3236\u323e\u337f';

const COMPANY_FORM = new RegExp(
  [
    ...KANJI_FORMS.map(escapeRegExp),
    '(?:NPO|ＮＰＯ|ｎｐｏ)法人',
    ...KANA_FORMS.flatMap((k) => [k, katakanaToHiragana(k), toHalfWidthKatakana(k)]).map(
      escapeRegExp,
    ),
    `[(（]\\s*(?:${PAREN_ABBREVIATIONS.join('|')})\\s*[)）]`,
    `[${SYMBOL_FORMS}]`,
  ]
    .map((alt) => `[\\s]*(?:${alt})[\\s]*`)
    .join('|'),
  'giu',
);

/**
 * Removes legal-form words and their abbreviations wherever they occur — 株式会社, 有限会社,
 * 合同会社, 合名会社, 合資会社, 一般/公益 社団/財団法人, 特定非営利活動法人, NPO法人, 国立大学法人,
 * 学校法人, 医療法人, 社会福祉法人, … ; ㈱ ㈲ ㍿ …; (株) （株） (有) （有） …; and kana readings
 * カブシキガイシャ/カブシキカイシャ, ユウゲンガイシャ, ゴウドウガイシャ, … in katakana, hiragana
 * or half-width katakana (the 国税庁 furigana omits the legal form, so compare readings after
 * this). Whitespace around a removed form collapses to one space inside the name and disappears
 * at its ends; other characters are left exactly as they were.
 * '株式会社 川崎製作所' → '川崎製作所'; '㈱川崎製作所' → '川崎製作所'; 'Banso 株式会社' → 'Banso'.
 */
export function stripCompanyForm(s: string): string {
  const out = s.replace(COMPANY_FORM, (match, offset: number, whole: string) => {
    const atEdge = offset === 0 || offset + match.length === whole.length;
    if (atEdge) return '';
    const space = /\s/.exec(match);
    return space ? space[0] : '';
  });
  return out.trim();
}

/**
 * Distinct unigrams and bigrams (by code point) of normalizeForSearch(s), for a GIN-indexed
 * text[] column. Unigrams first, then bigrams, each in order of first appearance.
 */
export function searchTokens(s: string): string[] {
  const chars = Array.from(normalizeForSearch(s));
  const tokens = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(`${chars[i]}${chars[i + 1]}`);
  return [...tokens];
}

/**
 * Tokens a row must contain to possibly match the query: the single character of a
 * one-character query, otherwise its distinct bigrams; [] for a query that normalises to ''.
 * `tokens @> queryTokens(q)` is a superset filter of `normalized LIKE '%' || normalize(q) || '%'`
 * (recheck with LIKE to remove false positives).
 */
export function queryTokens(q: string): string[] {
  const chars = Array.from(normalizeForSearch(q));
  if (chars.length <= 1) return chars;
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(`${chars[i]}${chars[i + 1]}`);
  return [...tokens];
}

/**
 * Sort key for kana (reading) order: NFKC, katakana → hiragana, whitespace removed. Voiced and
 * small kana are kept as they are, so by code point か < が < き and ゃ < や.
 */
export function kanaSortKey(s: string): string {
  return katakanaToHiragana(s.normalize('NFKC')).replace(/\s+/g, '').normalize('NFC');
}

/** Comparator by kanaSortKey, by UTF-16 code unit (locale-independent and stable). */
export function compareKana(a: string, b: string): number {
  const ka = kanaSortKey(a);
  const kb = kanaSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
