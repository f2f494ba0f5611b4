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

  it('scores like the definition through tails, compactions and later changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            docArb.map((d) => ({ op: 'add' as const, d })),
            fc.array(docArb, { maxLength: 6 }).map((ds) => ({ op: 'bulk' as const, ds })),
            fc.nat(60).map((slot) => ({ op: 'remove' as const, slot })),
            fc.constant({ op: 'compact' as const }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        fc.uniqueArray(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 8 }),
        (ops, queryTerms, k) => {
          const index = new InvertedIndex(FIELDS);
          const mirror: (string[][] | null)[] = [];
          for (const o of ops) {
            if (o.op === 'add') mirror[index.add(o.d)] = o.d;
            else if (o.op === 'bulk') {
              const slots = index.addAll(o.ds.length, (i) => ({ terms: o.ds[i] ?? [] }));
              slots.forEach((slot, i) => {
                mirror[slot] = o.ds[i] ?? [];
              });
            } else if (o.op === 'remove') {
              if (mirror[o.slot]) {
                index.remove(o.slot);
                mirror[o.slot] = null;
              }
            } else index.compact();
          }
          const query = new Map(queryTerms.map((t, i) => [t, 1 + i * 0.25]));
          const expected = reference(mirror, query);
          const all = index.search(query, 1000);
          expect(all.length).toBe(expected.size);
          for (const h of all) expect(h.score).toBeCloseTo(expected.get(h.slot) ?? -1, 9);
          expect(index.search(query, k)).toEqual(all.slice(0, k));
          for (const term of VOCAB)
            expect(index.df(term)).toBe(
              mirror.filter((d) => d?.some((f) => f.includes(term))).length,
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks across many windows of slots, and compacts itself after many removals', () => {
    const index = new InvertedIndex(FIELDS);
    const mirror: (string[][] | null)[] = [];
    // 10,000 documents: the search walks them in windows of 4,096 slots.
    const docs = Array.from({ length: 10_000 }, (_, i) => [
      [VOCAB[i % 8] as string, VOCAB[(i * 7) % 8] as string],
      Array.from({ length: 1 + (i % 5) }, (_, j) => VOCAB[(i + j * 3) % 8] as string),
    ]);
    index
      .addAll(docs.length, (i) => ({ terms: docs[i] ?? [] }))
      .forEach((slot, i) => {
        mirror[slot] = docs[i] ?? [];
      });
    const query = new Map([
      ['成形', 1],
      ['溶接', 0.7],
      ['介護', 0.4],
    ]);
    const check = () => {
      const expected = [...reference(mirror, query)].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const hits = index.search(query, 50);
      expect(hits.map((h) => h.slot)).toEqual(expected.slice(0, 50).map(([slot]) => slot));
      hits.forEach((h, i) => {
        expect(h.score).toBeCloseTo(expected[i]?.[1] ?? -1, 9);
      });
    };
    check();
    const live = () => mirror.reduce((n, d) => n + (d ? new Set(d.flat()).size : 0), 0);
    expect(index.postings).toEqual({ total: live(), dead: 0, inTails: 0 });
    // Removing 40 % of the documents passes the dead-postings share: the index is rewritten, and
    // ranks the same as the definition; documents added afterwards are found at once.
    for (let slot = 0; slot < 4000; slot++) {
      index.remove(slot);
      mirror[slot] = null;
    }
    expect(index.postings.dead).toBeLessThan(live() / 4);
    expect(index.postings.total - index.postings.dead).toBe(live());
    check();
    for (let i = 0; i < 300; i++)
      mirror[index.add([['成形', '成形'], ['溶接']])] = [['成形', '成形'], ['溶接']];
    check();
    expect(index.postings.inTails).toBe(600);
    index.compact();
    expect(index.postings).toEqual({ total: live(), dead: 0, inTails: 0 });
    check();
  });

  it('clamps a field count at what its bits hold (7 with five fields)', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, weight: 1 }));
    const index = new InvertedIndex(five);
    const slot = index.add([Array(9).fill('樹脂'), [], ['樹脂'], [], Array(7).fill('樹脂')]);
    expect(index.fieldCounts(slot, '樹脂')).toEqual([7, 0, 1, 0, 7]);
    expect(() => new InvertedIndex([...five, ...five])).toThrow(/1 to 8 fields/);
  });

  it('keeps each term weight of a document to within 1/2048', () => {
    const index = new InvertedIndex(FIELDS);
    const slot = index.add(
      [
        ['成形', '樹脂'],
        ['成形', '金型'],
      ],
      [Float32Array.of(2, 0.3), Float32Array.of(1, 0.7)],
    );
    const ids = Array.from(index.documentTermIds(slot), (id) => index.termOfId(id));
    const weights = new Map(ids.map((t, i) => [t, index.documentTermWeights(slot)[i]]));
    expect(weights.get('成形')).toBeCloseTo(Math.sqrt(3), 3);
    expect(weights.get('樹脂')).toBeCloseTo(Math.sqrt(0.3), 3);
    expect(weights.get('金型')).toBeCloseTo(Math.sqrt(0.7), 3);
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
