import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import kuromoji from 'kuromoji';
import stopwordData from '../data/stopwords.json' with { type: 'json' };
import { canonicalTerm, charBigrams, isAsciiWord, normalizeText } from './normalize';
import {
  buildSynonymTable,
  EMPTY_SYNONYMS,
  type SudachiSynonymGroup,
  type SynonymTable,
} from './synonyms';
import { buildThesaurus, type Thesaurus, type ThesaurusData } from './thesaurus';

/**
 * How a term came out of a text:
 * - word: a content word's base form (noun, verb, adjective), variants folded;
 * - compound: a run of nouns kept whole (炭素繊維強化樹脂);
 * - part: a shorter run inside a compound of 3+ words (炭素繊維, 強化樹脂);
 * - bigram: character bigrams of a word the dictionary does not know (fallback).
 */
export type TokenKind = 'word' | 'compound' | 'part' | 'bigram';

export interface Token {
  term: string;
  kind: TokenKind;
}

/** A related term found for a query term, with where it came from (for explanations). */
export interface Expansion {
  term: string;
  weight: number;
  source: 'synonym' | 'thesaurus';
}

export interface Analyzer {
  /** Tokens of a text, in order (a compound is followed by its parts and words). */
  analyze(text: string): Token[];
  /** Canonical key of a phrase (a word or a compound): variants and aliases folded. */
  termOf(phrase: string): string;
  /** Related terms of a term, each with a weight below 1 (synonyms, then thesaurus). */
  expand(term: string): readonly Expansion[];
  readonly thesaurus: Thesaurus;
  readonly synonyms: SynonymTable;
}

export interface AnalyzerOptions {
  /** A built kuromoji tokenizer, or the dictionary directory to build one from (done once). */
  tokenizer?: Tokenizer<IpadicFeatures>;
  dicPath?: string;
  /** Sudachi synonym groups (the `sudachi-synonyms-dictionary` JSON); omitted: no synonym folding. */
  synonymGroups?: readonly SudachiSynonymGroup[];
  /** The related-terms thesaurus; default: the shipped data/thesaurus.json. */
  thesaurus?: ThesaurusData;
}

export const EXPANSION_WEIGHT = { synonym: 0.6, thesaurus: 0.35 } as const;

const STOPWORDS: ReadonlySet<string> = new Set(stopwordData.words.map(canonicalTerm));

const EXCLUDED_NOUNS = new Set(['数', '非自立', '代名詞', '副詞可能', '特殊']);
const EXCLUDED_SUFFIXES = new Set(['助数詞', '人名', '地域', '副詞可能']);

/** Nouns that join into compounds: not numbers, 非自立, pronouns; suffixes such as 化/性/材 do. */
function isCompoundNoun(t: IpadicFeatures): boolean {
  if (t.pos === '接頭詞') return t.pos_detail_1 === '名詞接続';
  if (t.pos !== '名詞') return false;
  if (t.pos_detail_1 === '接尾') return !EXCLUDED_SUFFIXES.has(t.pos_detail_2);
  return !EXCLUDED_NOUNS.has(t.pos_detail_1);
}

function isContentVerbOrAdjective(t: IpadicFeatures): boolean {
  return (t.pos === '動詞' || t.pos === '形容詞') && t.pos_detail_1 === '自立';
}

/** A number with a unit (10mm, 2.5kw, 60hz): a measurement, not a term. */
const MEASUREMENT =
  /^[0-9][0-9.,]*(mm|cm|m|km|nm|um|μm|kg|g|mg|t|l|ml|w|kw|mw|v|kv|a|ma|mah|wh|kwh|hz|khz|mhz|ghz|db|s|ms|h|min|rpm|pa|kpa|mpa|gpa|n|%|k)$/;
/** Temperatures (℃ becomes °C under NFKC). */
const TEMPERATURE = /-?[0-9.]*\s*°\s*[cf]\b/gi;
/** Letters-and-digits runs (IoT, 3D, CO2, 5G, SUS304) are kept whole, not left to kuromoji. */
const ASCII_RUN = /[a-z0-9][a-z0-9.+\-_/]*[a-z0-9+]|[a-z0-9]/gi;

function asciiMorpheme(surface: string): IpadicFeatures {
  return {
    word_id: -1,
    word_type: 'UNKNOWN',
    word_position: 0,
    surface_form: surface,
    pos: '名詞',
    pos_detail_1: '固有名詞',
    pos_detail_2: '一般',
    pos_detail_3: '*',
    conjugated_type: '*',
    conjugated_form: '*',
    basic_form: surface,
    reading: '',
    pronunciation: '',
  };
}

/** kuromoji for Japanese, whole tokens for ASCII runs that contain a letter. */
function morphemesOf(tokenizer: Tokenizer<IpadicFeatures>, text: string): IpadicFeatures[] {
  const out: IpadicFeatures[] = [];
  let last = 0;
  for (const match of text.matchAll(ASCII_RUN)) {
    const run = match[0];
    if (!/[a-z]/i.test(run)) continue;
    const at = match.index ?? 0;
    if (at > last) out.push(...tokenizer.tokenize(text.slice(last, at)));
    const lower = run.toLowerCase();
    // A measurement breaks a compound like any number does.
    out.push(
      MEASUREMENT.test(lower)
        ? { ...asciiMorpheme(lower), pos_detail_1: '数' }
        : asciiMorpheme(lower),
    );
    last = at + run.length;
  }
  if (last < text.length) out.push(...tokenizer.tokenize(text.slice(last)));
  return out;
}

const MAX_PART_WORDS = 6;

/** Builds the kuromoji tokenizer from a dictionary directory (about 1–2 s; do it once). */
export function buildTokenizer(dicPath: string): Promise<Tokenizer<IpadicFeatures>> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) reject(error);
      else resolve(tokenizer);
    });
  });
}

/**
 * The Japanese analyser: NFKC and width folding, kuromoji morphology, base forms of content
 * words, compounds kept whole and split, Sudachi variant folding, the project thesaurus (aliases
 * folded; related terms as weighted expansions) and character bigrams for unknown words.
 */
export async function createAnalyzer(options: AnalyzerOptions): Promise<Analyzer> {
  const built =
    options.tokenizer ??
    (options.dicPath !== undefined ? await buildTokenizer(options.dicPath) : undefined);
  if (!built) throw new Error('createAnalyzer needs a tokenizer or a dicPath');
  const tokenizer: Tokenizer<IpadicFeatures> = built;
  const synonyms = options.synonymGroups
    ? buildSynonymTable(options.synonymGroups)
    : EMPTY_SYNONYMS;
  // The thesaurus needs term keys, which need the tokenizer: a first analyser without it.
  let thesaurus: Thesaurus = { aliasOf: new Map(), related: new Map(), size: 0 };
  const fold = (key: string): string =>
    thesaurus.aliasOf.get(key) ?? synonyms.variantOf.get(key) ?? key;

  const isKnown = (term: string): boolean =>
    synonyms.synonymsOf.has(term) || thesaurus.related.has(term);

  function wordTerm(t: IpadicFeatures): string {
    const base = t.basic_form && t.basic_form !== '*' ? t.basic_form : t.surface_form;
    return canonicalTerm(base);
  }

  function analyze(text: string): Token[] {
    const out: Token[] = [];
    if (!text) return out;
    const morphemes = morphemesOf(tokenizer, normalizeText(text).replace(TEMPERATURE, ' '));
    let run: IpadicFeatures[] = [];
    const flush = () => {
      if (run.length > 0) emitRun(run, out);
      run = [];
    };
    for (const m of morphemes) {
      if (isCompoundNoun(m)) {
        run.push(m);
        continue;
      }
      flush();
      if (isContentVerbOrAdjective(m)) {
        const term = fold(wordTerm(m));
        if (!STOPWORDS.has(term) && Array.from(term).length > 1) out.push({ term, kind: 'word' });
      }
    }
    flush();
    return out;
  }

  function emitRun(run: IpadicFeatures[], out: Token[]): void {
    // Words of the run, canonical; a 接頭詞 (不, 高, 非 …) and 接尾 (化, 性, 材) stay only in compounds.
    const words = run.map((m) => canonicalTerm(m.surface_form));
    const compoundKey = fold(words.join(''));
    const contentWords = run
      .map((m, i) => ({
        m,
        term: fold(wordTerm(m)),
        surface: words[i] ?? '',
        afterPrefix: i > 0 && run[i - 1]?.pos === '接頭詞',
      }))
      .filter(({ m }) => m.pos === '名詞' && m.pos_detail_1 !== '接尾');
    if (run.length > 1 && !STOPWORDS.has(compoundKey))
      out.push({ term: compoundKey, kind: 'compound' });
    if (run.length >= 3 && run.length <= MAX_PART_WORDS) {
      for (let len = 2; len < run.length; len++) {
        for (let i = 0; i + len <= run.length; i++) {
          const part = fold(words.slice(i, i + len).join(''));
          out.push({ term: part, kind: 'part' });
        }
      }
    }
    for (const { m, term, surface, afterPrefix } of contentWords) {
      if (STOPWORDS.has(term) || afterPrefix) continue; // 良品 of 不良品 would say the opposite
      const ascii = isAsciiWord(term);
      if (ascii && (/^[0-9.\-/]+$/.test(term) || term.length < 2)) continue; // 3, d
      if (!ascii && Array.from(term).length < 2 && run.length > 1) continue; // 板 in アルミ板
      out.push({ term, kind: 'word' });
      // Fallback for words neither kuromoji nor our dictionaries know (new katakana terms).
      if (m.word_type === 'UNKNOWN' && !ascii && term === surface && !isKnown(term)) {
        if (Array.from(term).length >= 3)
          for (const b of charBigrams(term)) out.push({ term: b, kind: 'bigram' });
      }
    }
  }

  /** A phrase's key: the whole compound when it is one, else its single content word. */
  function termOf(phrase: string): string {
    const tokens = analyze(phrase);
    const compound = tokens.find((t) => t.kind === 'compound');
    if (compound) return compound.term;
    const word = tokens.find((t) => t.kind === 'word');
    return word ? word.term : fold(canonicalTerm(normalizeText(phrase)));
  }

  thesaurus = buildThesaurus(options.thesaurus, termOf);

  function expand(term: string): readonly Expansion[] {
    const out: Expansion[] = [];
    for (const s of synonyms.synonymsOf.get(term) ?? [])
      out.push({ term: s, weight: EXPANSION_WEIGHT.synonym, source: 'synonym' });
    for (const r of thesaurus.related.get(term) ?? []) {
      if (!out.some((e) => e.term === r))
        out.push({ term: r, weight: EXPANSION_WEIGHT.thesaurus, source: 'thesaurus' });
    }
    return out;
  }

  return { analyze, termOf, expand, thesaurus, synonyms };
}

const shared = new Map<string, Promise<Analyzer>>();

/**
 * The process-wide analyser for a dictionary directory: built on first use, then shared (the
 * kuromoji dictionary costs ~1–2 s and ~250 MB, so it must never be loaded per request).
 */
export function sharedAnalyzer(
  options: Omit<AnalyzerOptions, 'tokenizer'> & { dicPath: string },
): Promise<Analyzer> {
  let analyzer = shared.get(options.dicPath);
  if (!analyzer) {
    analyzer = createAnalyzer(options);
    analyzer.catch(() => shared.delete(options.dicPath));
    shared.set(options.dicPath, analyzer);
  }
  return analyzer;
}
