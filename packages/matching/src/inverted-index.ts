/**
 * An in-memory inverted index with BM25F scoring over weighted fields.
 *
 * Storage (typed arrays): every term has a postings list of document slots (Int32Array) and, per
 * posting, the term's count in each field (Uint8Array, nFields per posting, clamped at 255); both
 * grow by doubling. Per document slot: its field lengths (Float32Array) and its terms (the
 * forward index, used for removal and explanations). Removing a document marks its slot dead and
 * subtracts it from the statistics; its postings are skipped and compacted lazily once a list is
 * more than a quarter dead. Slots only grow (an updated document gets a new slot), so every
 * postings list stays sorted by slot and a (term, document) lookup is a binary search.
 *
 * BM25F (Robertson & Zaragoza): tf~ = Σ_f w_f · tf_f / (1 − b_f + b_f · len_f / avglen_f);
 * score = Σ_t q_t · idf_t · tf~ · (k1 + 1) / (k1 + tf~), idf_t = ln(1 + (N − df + 0.5) / (df + 0.5)).
 */

export interface FieldSpec {
  name: string;
  weight: number;
  /** Length normalisation 0..1 (default 0.75). */
  b?: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Uint8Array;
  length: number;
  /** Live postings (df). */
  live: number;
}

export interface Hit {
  slot: number;
  score: number;
}

const K1 = 1.2;
/** Documents resolved together by addAll. */
const BULK_CHUNK = 4096;

export class InvertedIndex {
  readonly fields: readonly FieldSpec[];
  private readonly nFields: number;
  private readonly weights: Float64Array;
  private readonly bs: Float64Array;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly postings: Postings[] = [];
  private fieldLen = new Float32Array(0);
  private alive = new Uint8Array(0);
  /** Forward index in two pools: the terms of slot s are fwdIds[docStart[s] … + docCount[s]]. */
  private fwdIds = new Int32Array(1 << 16);
  private fwdWeights = new Float32Array(1 << 16);
  private fwdUsed = 0;
  private docStart = new Int32Array(0);
  private docCount = new Int32Array(0);
  private readonly totalLen: Float64Array;
  private slots = 0;
  private liveDocs = 0;
  private scores = new Float64Array(0);
  private touchedMark = new Uint8Array(0);
  private scratchPos = new Int32Array(1024);
  private scratchCounts = new Uint8Array(4096);
  private scratchLocal = new Int32Array(512);
  private scratchLocalWeight = new Float64Array(512);

  constructor(fields: readonly FieldSpec[]) {
    this.fields = fields;
    this.nFields = fields.length;
    this.weights = Float64Array.from(fields.map((f) => f.weight));
    this.bs = Float64Array.from(fields.map((f) => f.b ?? 0.75));
    this.totalLen = new Float64Array(this.nFields);
  }

  get size(): number {
    return this.liveDocs;
  }

  get vocabularySize(): number {
    return this.terms.length;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  termOfId(id: number): string {
    return this.terms[id] ?? '';
  }

  /** Live documents containing the term. */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : (this.postings[id]?.live ?? 0);
  }

  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  isAlive(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  /**
   * Adds a document given, per field, its terms (repeats count). `weights`, parallel to
   * `fieldTerms`, gives each occurrence a weight; per term, the square root of their sum is kept
   * in the forward index (the document's own weight for the term when it is used as a query;
   * default: the count). Returns the slot.
   */
  add(
    fieldTerms: readonly (readonly string[])[],
    weights?: readonly (ArrayLike<number> | undefined)[],
  ): number {
    const batch = this.resolve([{ terms: fieldTerms, ...(weights ? { weights } : {}) }]);
    return this.addResolved(batch, 0);
  }

  /**
   * Adds many documents at once (a rebuild), in chunks: each chunk's terms are resolved to ids
   * once, every postings list is grown once per chunk to the size it needs, then the documents
   * are added. Returns the slots.
   */
  addAll(
    count: number,
    get: (i: number) => {
      terms: readonly (readonly string[])[];
      weights?: readonly (ArrayLike<number> | undefined)[];
    },
  ): Int32Array {
    const slots = new Int32Array(count);
    this.ensureDocCapacity(this.slots + count);
    for (let from = 0; from < count; from += BULK_CHUNK) {
      const n = Math.min(BULK_CHUNK, count - from);
      const docs = [];
      for (let i = 0; i < n; i++) docs.push(get(from + i));
      const batch = this.resolve(docs);
      // Document frequency of each term in this chunk → one allocation per list.
      const df = new Map<number, number>();
      for (let d = 0; d < n; d++) {
        const begin = batch.fieldEnds[d * (this.nFields + 1)] as number;
        const end = batch.fieldEnds[d * (this.nFields + 1) + this.nFields] as number;
        for (let k = begin; k < end; k++) {
          const id = batch.ids[k] as number;
          if (this.scratchPos[id] === 0) {
            this.scratchPos[id] = 1;
            df.set(id, (df.get(id) ?? 0) + 1);
          }
        }
        for (let k = begin; k < end; k++) this.scratchPos[batch.ids[k] as number] = 0;
      }
      for (const [id, extra] of df) this.reserve(this.postings[id] as Postings, extra);
      for (let d = 0; d < n; d++) slots[from + d] = this.addResolved(batch, d);
    }
    this.trim();
    return slots;
  }

  /** Gives back the room lists were grown by (after a bulk load, when no more is coming). */
  private trim(): void {
    const nF = this.nFields;
    if (this.fwdIds.length - this.fwdUsed > 1024) {
      this.fwdIds = this.fwdIds.slice(0, this.fwdUsed);
      this.fwdWeights = this.fwdWeights.slice(0, this.fwdUsed);
    }
    for (const p of this.postings) {
      if (p.docs.length - p.length <= 8) continue;
      const keep = Math.max(p.length, 1);
      p.docs = p.docs.slice(0, keep);
      p.tfs = p.tfs.slice(0, keep * nF);
    }
  }

  /** Terms → ids for a batch of documents, in one pooled array (field d,f spans fieldEnds). */
  private resolve(
    docs: readonly {
      terms: readonly (readonly string[])[];
      weights?: readonly (ArrayLike<number> | undefined)[];
    }[],
  ): { ids: Int32Array; weights: Float32Array; fieldEnds: Int32Array } {
    const nF = this.nFields;
    let total = 0;
    for (const d of docs) for (let f = 0; f < nF; f++) total += d.terms[f]?.length ?? 0;
    const ids = new Int32Array(total);
    const weights = new Float32Array(total);
    const fieldEnds = new Int32Array(docs.length * (nF + 1));
    let k = 0;
    docs.forEach((d, i) => {
      fieldEnds[i * (nF + 1)] = k;
      for (let f = 0; f < nF; f++) {
        const list = d.terms[f] ?? [];
        const w = d.weights?.[f];
        for (let j = 0; j < list.length; j++) {
          ids[k] = this.idFor(list[j] as string);
          weights[k] = w ? (w[j] as number) : 1;
          k++;
        }
        fieldEnds[i * (nF + 1) + f + 1] = k;
      }
    });
    return { ids, weights, fieldEnds };
  }

  private addResolved(
    batch: { ids: Int32Array; weights: Float32Array; fieldEnds: Int32Array },
    d: number,
  ): number {
    const slot = this.slots++;
    this.ensureDocCapacity(slot + 1);
    const nF = this.nFields;
    // The document's distinct term ids and their summed weights, in reused scratch arrays.
    let local = this.scratchLocal;
    let localWeight = this.scratchLocalWeight;
    let nLocal = 0;
    let counts = this.scratchCounts;
    for (let f = 0; f < nF; f++) {
      const begin = batch.fieldEnds[d * (nF + 1) + f] as number;
      const end = batch.fieldEnds[d * (nF + 1) + f + 1] as number;
      this.fieldLen[slot * nF + f] = end - begin;
      this.totalLen[f] = (this.totalLen[f] ?? 0) + (end - begin);
      for (let k = begin; k < end; k++) {
        const id = batch.ids[k] as number;
        let at = (this.scratchPos[id] as number) - 1;
        if (at < 0) {
          at = nLocal++;
          if (at >= local.length) {
            const ids = new Int32Array(local.length * 2);
            ids.set(local);
            local = ids;
            this.scratchLocal = ids;
            const ws = new Float64Array(localWeight.length * 2);
            ws.set(localWeight);
            localWeight = ws;
            this.scratchLocalWeight = ws;
          }
          local[at] = id;
          localWeight[at] = 0;
          this.scratchPos[id] = at + 1;
          if ((at + 1) * nF > counts.length) {
            const grown = new Uint8Array(counts.length * 2);
            grown.set(counts);
            counts = grown;
            this.scratchCounts = counts;
          }
        }
        localWeight[at] = (localWeight[at] as number) + (batch.weights[k] as number);
        const c = at * nF + f;
        if ((counts[c] as number) < 255) counts[c] = (counts[c] as number) + 1;
      }
    }
    this.reserveForward(nLocal);
    const begin = this.fwdUsed;
    this.docStart[slot] = begin;
    this.docCount[slot] = nLocal;
    for (let i = 0; i < nLocal; i++) {
      const id = local[i] as number;
      this.append(id, slot, counts, i * nF);
      this.scratchPos[id] = 0;
      this.fwdIds[begin + i] = id;
      this.fwdWeights[begin + i] = Math.sqrt(localWeight[i] as number);
    }
    this.fwdUsed += nLocal;
    counts.fill(0, 0, nLocal * nF);
    this.alive[slot] = 1;
    this.liveDocs++;
    return slot;
  }

  private reserve(p: Postings, extra: number): void {
    const needed = p.length + extra;
    if (needed <= p.docs.length) return;
    // Grown geometrically: a rebuild reserves chunk by chunk, and exact sizes would copy every
    // long list again for each chunk (most of a rebuild's time went to those copies and their GC).
    const capacity = Math.max(needed, Math.ceil(p.docs.length * 1.5));
    const docs = new Int32Array(capacity);
    docs.set(p.docs.subarray(0, p.length));
    const tfs = new Uint8Array(capacity * this.nFields);
    tfs.set(p.tfs.subarray(0, p.length * this.nFields));
    p.docs = docs;
    p.tfs = tfs;
  }

  private idFor(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push({
        docs: new Int32Array(1),
        tfs: new Uint8Array(this.nFields),
        length: 0,
        live: 0,
      });
      if (id >= this.scratchPos.length) {
        const grown = new Int32Array(Math.max(id + 1, this.scratchPos.length * 2));
        grown.set(this.scratchPos);
        this.scratchPos = grown;
      }
    }
    return id;
  }

  private reserveForward(n: number): void {
    if (this.fwdUsed + n <= this.fwdIds.length) return;
    const cap = Math.max(this.fwdUsed + n, this.fwdIds.length * 2);
    const ids = new Int32Array(cap);
    ids.set(this.fwdIds.subarray(0, this.fwdUsed));
    this.fwdIds = ids;
    const w = new Float32Array(cap);
    w.set(this.fwdWeights.subarray(0, this.fwdUsed));
    this.fwdWeights = w;
  }

  /** Removes the document in a slot (its postings are skipped from now on). */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.alive[slot] = 0;
    this.liveDocs--;
    for (let f = 0; f < this.nFields; f++)
      this.totalLen[f] = (this.totalLen[f] ?? 0) - (this.fieldLen[slot * this.nFields + f] ?? 0);
    for (const id of this.documentTermIds(slot)) {
      const p = this.postings[id];
      if (!p) continue;
      p.live--;
      if (p.length - p.live > p.length / 4 + 8) this.compact(p);
    }
    this.docCount[slot] = 0;
  }

  /** The field counts of a term in a document, or null when absent. */
  fieldCounts(slot: number, term: string): number[] | null {
    const id = this.termIds.get(term);
    const p = id === undefined ? undefined : this.postings[id];
    if (!p || this.alive[slot] !== 1) return null;
    let lo = 0;
    let hi = p.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = p.docs[mid] as number;
      if (at === slot)
        return Array.from(p.tfs.subarray(mid * this.nFields, (mid + 1) * this.nFields));
      if (at < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** Term ids of a live document (forward index). */
  documentTermIds(slot: number): Int32Array {
    const start = this.docStart[slot] ?? 0;
    return this.fwdIds.subarray(start, start + (this.docCount[slot] ?? 0));
  }

  /** The document's own weight of each of its terms, parallel to documentTermIds. */
  documentTermWeights(slot: number): Float32Array {
    const start = this.docStart[slot] ?? 0;
    return this.fwdWeights.subarray(start, start + (this.docCount[slot] ?? 0));
  }

  /** The BM25F contribution of one term to one document (for explanations). */
  termScore(slot: number, term: string, queryWeight: number): number {
    const counts = this.fieldCounts(slot, term);
    if (!counts) return 0;
    const tf = this.saturatedTf(slot, counts);
    return queryWeight * this.idf(term) * ((tf * (K1 + 1)) / (K1 + tf));
  }

  /**
   * The `limit` best documents for weighted query terms, best first (ties by slot). Only
   * documents with a positive score are returned; `filter` can exclude slots.
   */
  search(
    query: ReadonlyMap<string, number>,
    limit: number,
    filter?: (slot: number) => boolean,
  ): Hit[] {
    const nF = this.nFields;
    if (this.scores.length < this.slots) {
      this.scores = new Float64Array(this.alive.length);
      this.touchedMark = new Uint8Array(this.alive.length);
    }
    const scores = this.scores;
    const mark = this.touchedMark;
    const touched: number[] = [];
    const norm = new Float64Array(nF);
    for (let f = 0; f < nF; f++) {
      const avg = this.liveDocs > 0 ? (this.totalLen[f] ?? 0) / this.liveDocs : 0;
      norm[f] = avg > 0 ? 1 / avg : 0;
    }
    const N = this.liveDocs;
    for (const [term, qw] of query) {
      const id = this.termIds.get(term);
      if (id === undefined || qw <= 0) continue;
      const p = this.postings[id];
      if (!p || p.live === 0) continue;
      const idf = Math.log(1 + (N - p.live + 0.5) / (p.live + 0.5));
      const factor = qw * idf;
      const { docs, tfs } = p;
      for (let i = 0; i < p.length; i++) {
        const slot = docs[i] as number;
        if (this.alive[slot] !== 1) continue;
        let tf = 0;
        const base = i * nF;
        const lenBase = slot * nF;
        for (let f = 0; f < nF; f++) {
          const c = tfs[base + f] as number;
          if (c === 0) continue;
          const b = this.bs[f] as number;
          const len = this.fieldLen[lenBase + f] as number;
          tf += ((this.weights[f] as number) * c) / (1 - b + b * len * (norm[f] as number));
        }
        if (mark[slot] === 0) {
          mark[slot] = 1;
          touched.push(slot);
        }
        scores[slot] = (scores[slot] as number) + (factor * tf * (K1 + 1)) / (K1 + tf);
      }
    }
    const hits = topK(touched, scores, limit, filter);
    for (const slot of touched) {
      scores[slot] = 0;
      mark[slot] = 0;
    }
    return hits;
  }

  private saturatedTf(slot: number, counts: readonly number[]): number {
    let tf = 0;
    for (let f = 0; f < this.nFields; f++) {
      const c = counts[f] ?? 0;
      if (c === 0) continue;
      const avg = this.liveDocs > 0 ? (this.totalLen[f] ?? 0) / this.liveDocs : 0;
      const b = this.bs[f] ?? 0.75;
      const len = this.fieldLen[slot * this.nFields + f] ?? 0;
      tf += ((this.weights[f] ?? 1) * c) / (1 - b + b * (avg > 0 ? len / avg : 0));
    }
    return tf;
  }

  private append(id: number, slot: number, counts: Uint8Array, from: number): void {
    const p = this.postings[id] as Postings;
    if (p.length === p.docs.length) {
      const docs = new Int32Array(Math.max(1, p.docs.length * 2));
      docs.set(p.docs);
      const tfs = new Uint8Array(Math.max(this.nFields, p.tfs.length * 2));
      tfs.set(p.tfs);
      p.docs = docs;
      p.tfs = tfs;
    }
    p.docs[p.length] = slot;
    const to = p.length * this.nFields;
    for (let f = 0; f < this.nFields; f++) p.tfs[to + f] = counts[from + f] as number;
    p.length++;
    p.live++;
  }

  private compact(p: Postings): void {
    let w = 0;
    for (let r = 0; r < p.length; r++) {
      const slot = p.docs[r] as number;
      if (this.alive[slot] !== 1) continue;
      p.docs[w] = slot;
      p.tfs.copyWithin(w * this.nFields, r * this.nFields, (r + 1) * this.nFields);
      w++;
    }
    p.length = w;
  }

  private ensureDocCapacity(n: number): void {
    if (n <= this.alive.length) return;
    const cap = Math.max(n, this.alive.length * 2, 64);
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    const len = new Float32Array(cap * this.nFields);
    len.set(this.fieldLen);
    this.fieldLen = len;
    const start = new Int32Array(cap);
    start.set(this.docStart);
    this.docStart = start;
    const count = new Int32Array(cap);
    count.set(this.docCount);
    this.docCount = count;
  }
}

/** Top `k` of the touched slots by score (desc), ties by slot (asc); a bounded min-heap. */
function topK(
  touched: readonly number[],
  scores: Float64Array,
  k: number,
  filter?: (slot: number) => boolean,
): Hit[] {
  const heap: Hit[] = [];
  const worse = (a: Hit, b: Hit) => a.score < b.score || (a.score === b.score && a.slot > b.slot);
  for (const slot of touched) {
    const score = scores[slot] as number;
    if (score <= 0 || (filter && !filter(slot))) continue;
    const hit = { slot, score };
    if (heap.length < k) {
      heap.push(hit);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i] as Hit, heap[parent] as Hit)) break;
        [heap[i], heap[parent]] = [heap[parent] as Hit, heap[i] as Hit];
        i = parent;
      }
    } else if (k > 0 && worse(heap[0] as Hit, hit)) {
      heap[0] = hit;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l] as Hit, heap[m] as Hit)) m = l;
        if (r < heap.length && worse(heap[r] as Hit, heap[m] as Hit)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Hit, heap[i] as Hit];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.slot - b.slot);
}
