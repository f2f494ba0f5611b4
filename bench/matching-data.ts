/**
 * Generated seeds (patents) and needs (companies) for the matching benchmark: realistic Japanese
 * vocabulary with a Zipf distribution — the thesaurus' terms, the evaluation set's words and
 * compounds of two of them (as patent texts coin them) — real IPC classes (the affinity table's)
 * and real JSIC industries (the shipped code list), Kawasaki and Kanagawa municipality codes.
 * Each phrase is analysed once (kuromoji is ~0.2M chars/s, too slow for 40M characters); a
 * document is a sequence of phrases, so its tokens are exactly what the analyser would give
 * phrase by phrase. Documents are generated from their number, so any of them can be made again.
 */
import { readFileSync } from 'node:fs';
import {
  type Analyzer,
  type NeedDocument,
  type SeedDocument,
  SHIPPED_AFFINITY,
  SHIPPED_THESAURUS,
  type Token,
} from '@banso/matching';
import { JSIC_ENTRIES } from '@banso/shared';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Vocabulary {
  /** Tokens of each phrase, by Zipf rank. */
  phrases: Token[][];
  /** Cumulative Zipf weights for sampling. */
  cumulative: Float64Array;
}

function fixtureWords(): string[] {
  const dir = new URL('../test/fixtures/matching/', import.meta.url);
  const words: string[] = [];
  for (const name of ['patents.jsonl', 'companies.jsonl', 'distractors.jsonl']) {
    for (const line of readFileSync(new URL(name, dir), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as Record<string, unknown>;
      for (const v of Object.values(rec)) {
        const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[、。,]/) : [];
        for (const s of items) if (typeof s === 'string' && s.length >= 2) words.push(s);
      }
    }
  }
  return words;
}

/** ~`size` phrases: real terms first, then two-term compounds; Zipf exponent `s`. */
export function buildVocabulary(
  analyzer: Analyzer,
  size: number,
  seed: number,
  s = 1.05,
): Vocabulary {
  const base = new Set<string>();
  for (const e of SHIPPED_THESAURUS.entries) {
    base.add(e.term);
    for (const a of e.aliases ?? []) base.add(a);
    for (const r of e.related) base.add(r);
  }
  for (const w of fixtureWords()) base.add(w);
  const random = rng(seed);
  const singles = [...base];
  const nouns = singles.filter((p) => p.length <= 6);
  const phrases = new Set(singles);
  while (phrases.size < size) {
    const a = nouns[Math.floor(random() * nouns.length)] ?? '';
    const b = nouns[Math.floor(random() * nouns.length)] ?? '';
    if (a !== b) phrases.add(`${a}${b}`);
  }
  // Shuffle so that real and coined phrases mix along the Zipf ranks.
  const list = [...phrases];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as string, list[i] as string];
  }
  const tokens = list.map((p) => analyzer.analyze(p)).filter((t) => t.length > 0);
  const cumulative = new Float64Array(tokens.length);
  let sum = 0;
  for (let r = 0; r < tokens.length; r++) {
    sum += 1 / (r + 1) ** s;
    cumulative[r] = sum;
  }
  for (let r = 0; r < tokens.length; r++) cumulative[r] = (cumulative[r] as number) / sum;
  return { phrases: tokens, cumulative };
}

function sample(v: Vocabulary, random: () => number): Token[] {
  const x = random();
  let lo = 0;
  let hi = v.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((v.cumulative[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return v.phrases[lo] ?? [];
}

function field(v: Vocabulary, random: () => number, min: number, max: number): Token[] {
  const n = min + Math.floor(random() * (max - min + 1));
  const out: Token[] = [];
  for (let i = 0; i < n; i++) out.push(...sample(v, random));
  return out;
}

const IPC_CLASSES = Object.keys(SHIPPED_AFFINITY.classes);
const JSIC_INDUSTRIES = JSIC_ENTRIES.filter((e) => e.level === 'industry').map((e) => e.code);
const MUNICIPALITIES = [
  '141305',
  '141313',
  '141321',
  '141330',
  '141356',
  '141372',
  '141381',
  '141003',
  '142018',
  '142051',
];

/** Patent number `i`: title, abstract, applicable products, effects, fields (phrases per field). */
export function patent(v: Vocabulary, i: number): { doc: SeedDocument; fields: Token[][] } {
  const random = rng(0x9e3779b1 ^ i);
  const cls = IPC_CLASSES[Math.floor(random() * IPC_CLASSES.length)] ?? 'B29';
  return {
    doc: { id: `P${i}`, ipc: [`${cls}C ${1 + Math.floor(random() * 90)}/00`] },
    fields: [
      field(v, random, 2, 4),
      field(v, random, 18, 30),
      field(v, random, 2, 4),
      field(v, random, 4, 8),
      field(v, random, 1, 3),
    ],
  };
}

/** Company number `i`: description, technologies, products, equipment, needs. */
export function company(v: Vocabulary, i: number): { doc: NeedDocument; fields: Token[][] } {
  const random = rng(0x85ebca6b ^ i);
  return {
    doc: {
      id: `C${i}`,
      jsic: JSIC_INDUSTRIES[Math.floor(random() * JSIC_INDUSTRIES.length)] ?? '2699',
      municipality: MUNICIPALITIES[Math.floor(random() * MUNICIPALITIES.length)] ?? '141305',
    },
    fields: [
      field(v, random, 10, 20),
      field(v, random, 2, 5),
      field(v, random, 2, 4),
      field(v, random, 1, 3),
      field(v, random, 4, 8),
    ],
  };
}
