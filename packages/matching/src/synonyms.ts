import { canonicalTerm } from './normalize';

/** One entry of `sudachi-synonyms-dictionary` (the fields this engine reads). */
export interface SudachiSynonymItem {
  taigenYogen: string;
  expandControl: number;
  vocabularyNumber: number | undefined;
  gokeiSyubetsu: string;
  hyoukiYure: string;
  midashi: string;
}
export interface SudachiSynonymGroup {
  id: string;
  items: readonly SudachiSynonymItem[];
}

/**
 * Sudachi's synonym groups turned into two lookups:
 * - `variantOf`: orthographic variants, abbreviations and translations of ONE vocabulary item
 *   (same group and vocabulary number) → that item's representative (センサ/センサー, アルミ →
 *   アルミニウム). Folded at analysis time, so they are the same term in the index.
 * - `synonymsOf`: the other vocabulary items of the group (布 → 布地, 織物): expanded at query
 *   time with a lower weight. Groups with more than MAX_GROUP vocabulary items are skipped
 *   (they are general words whose synonyms add noise rather than recall).
 */
export interface SynonymTable {
  variantOf: ReadonlyMap<string, string>;
  synonymsOf: ReadonlyMap<string, readonly string[]>;
}

const MAX_GROUP = 6;
const MAX_SYNONYMS = 8;

export function buildSynonymTable(groups: readonly SudachiSynonymGroup[]): SynonymTable {
  const variantOf = new Map<string, string>();
  const synonymsOf = new Map<string, string[]>();
  for (const group of groups) {
    const byVocabulary = new Map<number, string[]>();
    for (const item of group.items) {
      if (item.expandControl === 2 || item.gokeiSyubetsu === '間違い') continue;
      if (item.hyoukiYure === '間違い表記') continue;
      const key = item.vocabularyNumber ?? 0;
      const list = byVocabulary.get(key) ?? [];
      list.push(canonicalTerm(item.midashi));
      byVocabulary.set(key, list);
    }
    const representatives: string[] = [];
    for (const terms of byVocabulary.values()) {
      const head = terms[0];
      if (head === undefined) continue;
      representatives.push(head);
      for (const t of terms) if (t !== head && !variantOf.has(t)) variantOf.set(t, head);
    }
    const isNoun = group.items.every((i) => i.taigenYogen !== '用言');
    if (!isNoun || representatives.length < 2 || representatives.length > MAX_GROUP) continue;
    for (const r of representatives) {
      const list = synonymsOf.get(r) ?? [];
      for (const other of representatives) {
        if (other !== r && !list.includes(other) && list.length < MAX_SYNONYMS) list.push(other);
      }
      synonymsOf.set(r, list);
    }
  }
  // A representative is never itself folded away (a word can head one vocabulary and be a
  // variant in another group): the first role wins for stability.
  for (const head of synonymsOf.keys()) variantOf.delete(head);
  return { variantOf, synonymsOf };
}

export const EMPTY_SYNONYMS: SynonymTable = { variantOf: new Map(), synonymsOf: new Map() };
