import shippedThesaurus from '../data/thesaurus.json' with { type: 'json' };

/** One entry of data/thesaurus.json. */
export interface ThesaurusEntry {
  term: string;
  /** The same thing written differently: folded to `term` (full weight). */
  aliases?: readonly string[];
  /** Associated terms (application forms, trades, products, industries): lower weight. */
  related: readonly string[];
  kind: string;
}
export interface ThesaurusData {
  entries: readonly ThesaurusEntry[];
}

/** The thesaurus as term keys (after analysis), relations made symmetric. */
export interface Thesaurus {
  aliasOf: ReadonlyMap<string, string>;
  related: ReadonlyMap<string, readonly string[]>;
  size: number;
}

export const SHIPPED_THESAURUS: ThesaurusData = shippedThesaurus;

const MAX_RELATED = 16;

/**
 * Resolves every phrase of the thesaurus to the analyser's term key (`termOf`) so that the
 * relations meet the index's terms. Related terms work both ways (炭素繊維強化樹脂 → 成形 and
 * 成形 → 炭素繊維強化樹脂), each list capped at MAX_RELATED in file order.
 */
export function buildThesaurus(
  data: ThesaurusData = SHIPPED_THESAURUS,
  termOf: (phrase: string) => string,
): Thesaurus {
  const aliasOf = new Map<string, string>();
  const related = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    if (a === b || a === '' || b === '') return;
    const list = related.get(a) ?? [];
    if (!list.includes(b) && list.length < MAX_RELATED) list.push(b);
    related.set(a, list);
  };
  // Aliases first, so that related phrases written as an alias resolve to the head term.
  const heads = data.entries.map((e) => termOf(e.term));
  data.entries.forEach((e, i) => {
    const head = heads[i] ?? '';
    for (const alias of e.aliases ?? []) {
      const key = termOf(alias);
      if (key !== head && !aliasOf.has(key)) aliasOf.set(key, head);
    }
  });
  const resolve = (key: string) => aliasOf.get(key) ?? key;
  data.entries.forEach((e, i) => {
    const head = resolve(heads[i] ?? '');
    for (const r of e.related) {
      const key = resolve(termOf(r));
      link(head, key);
      link(key, head);
    }
  });
  return { aliasOf, related, size: data.entries.length };
}
