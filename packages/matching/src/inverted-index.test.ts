import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvertedIndex } from './inverted-index';

const FIELDS = [
  { name: 'title', weight: 2 },
  { name: 'body', weight: 1 },
];
const VOCAB = ['成形', '樹脂', '金型', '溶接', 'センサ', '検査', '画像', '介護'];

/** Straight BM25F from the definition, for comparison with the index. */
function reference(docs: (string[][] | null)[], query: Map<string, number>) {
  const live = docs.flatMap((d, slot) => (d ? [{ d, slot }] : []));
  const N = live.length;
  const avg = FIELDS.map((_, f) => live.reduce((s, x) => s + (x.d[f]?.length ?? 0), 0) / N);
  const scores = new Map<number, number>();
  for (const [term, qw] of query) {
    const df = live.filter((x) => x.d.some((f) => f.includes(term))).length;
    if (df === 0) continue;
    const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
    for (const { d, slot } of live) {
      let tf = 0;
      FIELDS.forEach((field, f) => {
        const c = (d[f] ?? []).filter((t) => t === term).length;
        if (c > 0) tf += (field.weight * c) / (0.25 + (0.75 * (d[f]?.length ?? 0)) / (avg[f] ?? 1));
      });
      if (tf > 0) scores.set(slot, (scores.get(slot) ?? 0) + (qw * idf * tf * 2.2) / (1.2 + tf));
    }
  }
  return scores;
}

const docArb = fc.array(fc.array(fc.constantFrom(...VOCAB), { maxLength: 6 }), {
  minLength: 2,
  maxLength: 2,
});

describe('InvertedIndex', () => {
  it('scores exactly like BM25F from the definition, after adds and removes', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(30)),
        fc.uniqueArray(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 4 }),
        (docs, removals, queryTerms) => {
          const index = new InvertedIndex(FIELDS);
          const mirror: (string[][] | null)[] = [];
          for (const d of docs) mirror[index.add(d)] = d;
          for (const r of removals) {
            if (r < mirror.length && mirror[r]) {
              index.remove(r);
              mirror[r] = null;
            }
          }
          const query = new Map(queryTerms.map((t, i) => [t, 1 + i * 0.5]));
          const expected = reference(mirror, query);
          const hits = index.search(query, 1000);
          expect(hits.length).toBe(expected.size);
          for (const h of hits) {
            expect(mirror[h.slot]).not.toBeNull();
            expect(h.score).toBeCloseTo(expected.get(h.slot) ?? -1, 9);
          }
          // Best first, ties by slot.
          for (let i = 1; i < hits.length; i++) {
            const a = hits[i - 1];
            const b = hits[i];
            if (a && b)
              expect(a.score > b.score || (a.score === b.score && a.slot < b.slot)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns the top k of the full ranking', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (docs, k) => {
          const index = new InvertedIndex(FIELDS);
          for (const d of docs) index.add(d);
          const query = new Map([
            ['成形', 1],
            ['検査', 0.5],
          ]);
          expect(index.search(query, k)).toEqual(index.search(query, 1000).slice(0, k));
        },
      ),
    );
  });

  it('a bulk load scores exactly like documents added one by one', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 30 }),
        fc.array(docArb, { maxLength: 5 }),
        (docs, later) => {
          const one = new InvertedIndex(FIELDS);
          const bulk = new InvertedIndex(FIELDS);
          for (const d of docs) one.add(d);
          bulk.addAll(docs.length, (i) => ({ terms: docs[i] ?? [] }));
          for (const d of later) {
            one.add(d);
            bulk.add(d);
          }
          const query = new Map(VOCAB.map((t, i) => [t, 1 + i / 10]));
          expect(bulk.search(query, 100)).toEqual(one.search(query, 100));
          for (let s = 0; s < docs.length + later.length; s++) {
            expect(Array.from(bulk.documentTermIds(s))).toEqual(Array.from(one.documentTermIds(s)));
            expect(Array.from(bulk.documentTermWeights(s))).toEqual(
              Array.from(one.documentTermWeights(s)),
            );
          }
        },
      ),
    );
  });

  it('forgets a removed document and keeps statistics right', () => {
    const index = new InvertedIndex(FIELDS);
    const a = index.add([['成形'], ['樹脂', '樹脂']]);
    index.add([['溶接'], ['樹脂']]);
    expect(index.df('樹脂')).toBe(2);
    expect(index.fieldCounts(a, '樹脂')).toEqual([0, 2]);
    index.remove(a);
    expect(index.size).toBe(1);
    expect(index.df('樹脂')).toBe(1);
    expect(index.fieldCounts(a, '樹脂')).toBeNull();
    expect(index.search(new Map([['成形', 1]]), 10)).toEqual([]);
  });
});
