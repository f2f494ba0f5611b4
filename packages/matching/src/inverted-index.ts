/**
 * An in-memory inverted index with BM25F scoring over weighted fields.
 *
 * Storage, in typed arrays and without an object per term:
 * - the base: every term's postings in one compressed-sparse-row layout. The document slots of
 *   term t are baseDocs[baseStart[t] … baseStart[t + 1]), and each posting has the term's count in
 *   each field packed into 16 bits (⌊16 / nFields⌋ bits a field: 3 for five fields, so a count is
 *   clamped at 7 — past a few occurrences BM25's saturation leaves the score almost unchanged). A bulk load (addAll) and
 *   compact() write it in one pass at its exact size: no lists grown by doubling, no copies, and
 *   none of the freed fragments that kept a process's resident memory high after a build;
 * - tails: documents added one at a time (add) go to small per-term lists grown by doubling, until
 *   the next compaction merges them into the base;
 * - per document slot: its field lengths, and its terms with their weights as query terms (the
 *   forward index, used for removal, for the query a document makes and for explanations).
 * Removing a document marks its slot dead and subtracts it from the statistics; its postings are
 * skipped until the next compaction, which runs by itself once a quarter of the postings are dead.
 * Slots only grow (an updated document gets a new slot), so every term's postings — base, then
 * tail — stay sorted by slot and a (term, document) lookup is a binary search.
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

/** A term's postings added since the last compaction. */
interface Tail {
  docs: Int32Array;
  tfs: Uint16Array;
  length: number;
}

export interface Hit {
  slot: number;
  score: number;
}

/** Field counts of postings not yet in any list (a bulk load in progress), by forward position. */
interface Pending {
  fromSlot: number;
  fwdFrom: number;
  tfs: Uint16Array;
}

const K1 = 1.2;
/** Dead postings tolerated before a removal compacts the index (and at least this many). */
const DEAD_SHARE = 0.25;
const DEAD_MIN = 4096;
/** Forward weights are kept as 16-bit fixed point (steps of 1/2048, up to 32). */
const WEIGHT_SCALE = 2048;
const MAX_FIELDS = 8;
/** Slots scored together by `search`. */
const WINDOW = 4096;

export class InvertedIndex {
  readonly fields: readonly FieldSpec[];
  private readonly nFields: number;
  /** Bits of a field's count in a packed posting, and the largest count they hold. */
  private readonly bits: number;
  private readonly maxCount: number;
  /** The field a bit of a packed posting belongs to. */
  private readonly fieldOfBit: Int32Array;
  private readonly weights: Float64Array;
  private readonly bs: Float64Array;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Live postings of each term (its document frequency). */
  private dfs = new Int32Array(1024);
  private baseStart = new Int32Array(1);
  private baseDocs = new Int32Array(0);
  private baseTfs = new Uint16Array(0);
  private tails: (Tail | undefined)[] = [];
  private tailPostings = 0;
  /** Postings in the base and the tails, and how many of them are of removed documents. */
  private postingCount = 0;
  private deadPostings = 0;
  /** While addAll runs: the first slot whose postings are not in any list yet. */
  private pendingFrom = -1;
  private fieldLen = new Float32Array(0);
  private alive = new Uint8Array(0);
  /** Forward index in two pools: the terms of slot s are fwdIds[docStart[s] … + docCount[s]]. */
  private fwdIds = new Int32Array(1 << 16);
  private fwdWeights = new Uint16Array(1 << 16);
  private fwdUsed = 0;
  private docStart = new Int32Array(0);
  private docCount = new Int32Array(0);
  private readonly totalLen: Float64Array;
  private slots = 0;
  private liveDocs = 0;
  /** Cached w_f / (1 − b_f + b_f · len_f / avglen_f) per slot and field (see freshScoring). */
  private wl = new Float64Array(0);
  private statsVersion = 0;
  private wlVersion = -1;
  private readonly windowScore = new Float64Array(WINDOW);
  private readonly windowMark = new Uint8Array(WINDOW);
  private scratchPos = new Int32Array(1024);
  private scratchCounts = new Uint8Array(4096);
  private scratchLocal = new Int32Array(512);
  private scratchLocalWeight = new Float64Array(512);

  constructor(fields: readonly FieldSpec[]) {
    this.fields = fields;
    this.nFields = fields.length;
    if (this.nFields < 1 || this.nFields > MAX_FIELDS)
      throw new Error(`an index has 1 to ${MAX_FIELDS} fields, not ${this.nFields}`);
    this.bits = Math.floor(16 / this.nFields);
    this.maxCount = (1 << this.bits) - 1;
    this.fieldOfBit = Int32Array.from({ length: 32 }, (_, bit) => Math.floor(bit / this.bits));
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

  /** Postings held: all, of removed documents (until compacted), and in tails (not compacted). */
  get postings(): { total: number; dead: number; inTails: number } {
    return { total: this.postingCount, dead: this.deadPostings, inTails: this.tailPostings };
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
    return id === undefined ? 0 : (this.dfs[id] ?? 0);
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
   * default: the count). Returns the slot. Searchable at once (its postings go to the tails).
   */
  add(
    fieldTerms: readonly (readonly string[])[],
    weights?: readonly (ArrayLike<number> | undefined)[],
  ): number {
    const slot = this.slots++;
    this.ensureDocCapacity(slot + 1);
    const n = this.collect(slot, fieldTerms, weights);
    const nF = this.nFields;
    for (let i = 0; i < n; i++)
      this.appendTail(this.scratchLocal[i] as number, slot, this.pack(this.scratchCounts, i * nF));
    this.tailPostings += n;
    this.postingCount += n;
    this.writeForward(slot, n);
    return slot;
  }

  /**
   * Adds many documents at once (a rebuild): their terms and field counts are gathered document by
   * document, then written with the existing postings into a new base at its exact size (see the
   * class comment). `get` may remove documents. Returns the slots.
   */
  addAll(
    count: number,
    get: (i: number) => {
      terms: readonly (readonly string[])[];
      weights?: readonly (ArrayLike<number> | undefined)[];
    },
  ): Int32Array {
    const nF = this.nFields;
    const slots = new Int32Array(count);
    this.ensureDocCapacity(this.slots + count);
    const pending: Pending = {
      fromSlot: this.slots,
      fwdFrom: this.fwdUsed,
      tfs: new Uint16Array(Math.max(1024, count * 64)),
    };
    this.pendingFrom = this.slots;
    try {
      for (let i = 0; i < count; i++) {
        const { terms, weights } = get(i);
        const slot = this.slots++;
        slots[i] = slot;
        const n = this.collect(slot, terms, weights);
        const at = this.fwdUsed - pending.fwdFrom;
        if (at + n > pending.tfs.length) {
          const grown = new Uint16Array(Math.max(at + n, pending.tfs.length * 2));
          grown.set(pending.tfs.subarray(0, at));
          pending.tfs = grown;
        }
        for (let k = 0; k < n; k++) pending.tfs[at + k] = this.pack(this.scratchCounts, k * nF);
        this.postingCount += n;
        this.writeForward(slot, n);
      }
    } finally {
      this.pendingFrom = -1;
      this.rebuild(pending);
    }
    return slots;
  }

  /** Merges the tails into the base and drops removed documents' postings (after a build). */
  compact(): void {
    if (this.tailPostings > 0 || this.deadPostings > 0) this.rebuild();
  }

  /**
   * The document's distinct term ids (scratchLocal), summed weights (scratchLocalWeight) and
   * field counts (scratchCounts, nFields per term); records its field lengths. Returns how many.
   */
  private collect(
    slot: number,
    fieldTerms: readonly (readonly string[])[],
    weights: readonly (ArrayLike<number> | undefined)[] | undefined,
  ): number {
    const nF = this.nFields;
    let local = this.scratchLocal;
    let localWeight = this.scratchLocalWeight;
    let counts = this.scratchCounts;
    let nLocal = 0;
    for (let f = 0; f < nF; f++) {
      const list = fieldTerms[f] ?? [];
      const w = weights?.[f];
      this.fieldLen[slot * nF + f] = list.length;
      this.totalLen[f] = (this.totalLen[f] ?? 0) + list.length;
      this.statsVersion++;
      for (let k = 0; k < list.length; k++) {
        const id = this.idFor(list[k] as string);
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
        localWeight[at] = (localWeight[at] as number) + (w ? (w[k] as number) : 1);
        const c = at * nF + f;
        if ((counts[c] as number) < 255) counts[c] = (counts[c] as number) + 1;
      }
    }
    return nLocal;
  }

  /** Writes the collected document to the forward index and the statistics; clears the scratch. */
  private writeForward(slot: number, n: number): void {
    this.reserveForward(n);
    const begin = this.fwdUsed;
    this.docStart[slot] = begin;
    this.docCount[slot] = n;
    for (let i = 0; i < n; i++) {
      const id = this.scratchLocal[i] as number;
      this.scratchPos[id] = 0;
      this.dfs[id] = (this.dfs[id] as number) + 1;
      this.fwdIds[begin + i] = id;
      this.fwdWeights[begin + i] = Math.min(
        0xffff,
        Math.round(Math.sqrt(this.scratchLocalWeight[i] as number) * WEIGHT_SCALE),
      );
    }
    this.fwdUsed += n;
    this.scratchCounts.fill(0, 0, n * this.nFields);
    this.alive[slot] = 1;
    this.liveDocs++;
  }

  /**
   * Writes a new base: per term its live postings from the old base, then from its tail, then
   * from `pending` (a bulk load); and a forward index without removed documents.
   */
  private rebuild(pending?: Pending): void {
    const nT = this.terms.length;
    const start = new Int32Array(nT + 1);
    for (let t = 0; t < nT; t++) start[t + 1] = (start[t] as number) + (this.dfs[t] as number);
    const total = start[nT] as number;
    const docs = new Int32Array(total);
    const tfs = new Uint16Array(total);
    const cursor = start.slice(0, nT);
    const alive = this.alive;
    const oldTerms = this.baseStart.length - 1;
    const copy = (
      fromDocs: Int32Array,
      fromTfs: Uint16Array,
      begin: number,
      end: number,
      t: number,
    ) => {
      let w = cursor[t] as number;
      for (let r = begin; r < end; r++) {
        const slot = fromDocs[r] as number;
        if (alive[slot] !== 1) continue;
        docs[w] = slot;
        tfs[w] = fromTfs[r] as number;
        w++;
      }
      cursor[t] = w;
    };
    for (let t = 0; t < nT; t++) {
      if (t < oldTerms)
        copy(
          this.baseDocs,
          this.baseTfs,
          this.baseStart[t] as number,
          this.baseStart[t + 1] as number,
          t,
        );
      const tail = this.tails[t];
      if (tail) copy(tail.docs, tail.tfs, 0, tail.length, t);
    }
    if (pending) {
      for (let slot = pending.fromSlot; slot < this.slots; slot++) {
        if (alive[slot] !== 1) continue;
        const begin = this.docStart[slot] as number;
        const n = this.docCount[slot] as number;
        for (let k = 0; k < n; k++) {
          const t = this.fwdIds[begin + k] as number;
          const w = cursor[t] as number;
          cursor[t] = w + 1;
          docs[w] = slot;
          tfs[w] = pending.tfs[begin + k - pending.fwdFrom] as number;
        }
      }
    }
    this.baseStart = start;
    this.baseDocs = docs;
    this.baseTfs = tfs;
    this.tails = [];
    this.tailPostings = 0;
    this.postingCount = total;
    this.deadPostings = 0;
    // The forward index without the removed documents' entries, at its exact size.
    let live = 0;
    for (let s = 0; s < this.slots; s++) if (alive[s] === 1) live += this.docCount[s] as number;
    const ids = new Int32Array(live);
    const weights = new Uint16Array(live);
    let w = 0;
    for (let s = 0; s < this.slots; s++) {
      const n = alive[s] === 1 ? (this.docCount[s] as number) : 0;
      const begin = this.docStart[s] as number;
      ids.set(this.fwdIds.subarray(begin, begin + n), w);
      weights.set(this.fwdWeights.subarray(begin, begin + n), w);
      this.docStart[s] = w;
      this.docCount[s] = n;
      w += n;
    }
    this.fwdIds = ids;
    this.fwdWeights = weights;
    this.fwdUsed = live;
  }

  private idFor(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      if (id >= this.scratchPos.length) {
        const grown = new Int32Array(Math.max(id + 1, this.scratchPos.length * 2));
        grown.set(this.scratchPos);
        this.scratchPos = grown;
      }
      if (id >= this.dfs.length) {
        const size = Math.max(id + 1, this.dfs.length * 2);
        const grown = new Int32Array(size);
        grown.set(this.dfs);
        this.dfs = grown;
      }
    }
    return id;
  }

  private reserveForward(n: number): void {
    if (this.fwdUsed + n <= this.fwdIds.length) return;
    const cap = Math.max(this.fwdUsed + n, this.fwdIds.length * 2, 1024);
    const ids = new Int32Array(cap);
    ids.set(this.fwdIds.subarray(0, this.fwdUsed));
    this.fwdIds = ids;
    const w = new Uint16Array(cap);
    w.set(this.fwdWeights.subarray(0, this.fwdUsed));
    this.fwdWeights = w;
  }

  /** Removes the document in a slot (its postings are skipped from now on). */
  remove(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.alive[slot] = 0;
    this.liveDocs--;
    this.statsVersion++;
    for (let f = 0; f < this.nFields; f++)
      this.totalLen[f] = (this.totalLen[f] ?? 0) - (this.fieldLen[slot * this.nFields + f] ?? 0);
    const ids = this.documentTermIds(slot);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      this.dfs[id] = (this.dfs[id] as number) - 1;
    }
    this.deadPostings += ids.length;
    this.docCount[slot] = 0;
    if (
      this.pendingFrom < 0 &&
      this.deadPostings > DEAD_MIN &&
      this.deadPostings > DEAD_SHARE * this.postingCount
    )
      this.rebuild();
  }

  /** The field counts of a term in a document, or null when absent. */
  fieldCounts(slot: number, term: string): number[] | null {
    const id = this.termIds.get(term);
    if (id === undefined || this.alive[slot] !== 1) return null;
    if (id < this.baseStart.length - 1) {
      const at = findSlot(
        this.baseDocs,
        this.baseStart[id] as number,
        this.baseStart[id + 1] as number,
        slot,
      );
      if (at >= 0) return this.unpack(this.baseTfs[at] as number);
    }
    const tail = this.tails[id];
    if (tail) {
      const at = findSlot(tail.docs, 0, tail.length, slot);
      if (at >= 0) return this.unpack(tail.tfs[at] as number);
    }
    return null;
  }

  /** Term ids of a live document (forward index). */
  documentTermIds(slot: number): Int32Array {
    const start = this.docStart[slot] ?? 0;
    return this.fwdIds.subarray(start, start + (this.docCount[slot] ?? 0));
  }

  /** The document's own weight of each of its terms, parallel to documentTermIds. */
  documentTermWeights(slot: number): Float64Array {
    const start = this.docStart[slot] ?? 0;
    const n = this.docCount[slot] ?? 0;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (this.fwdWeights[start + i] as number) / WEIGHT_SCALE;
    return out;
  }

  /** A document's field counts of a term in one 16-bit posting (see the class comment). */
  private pack(counts: Uint8Array, from: number): number {
    let packed = 0;
    for (let f = 0; f < this.nFields; f++)
      packed |= Math.min(counts[from + f] as number, this.maxCount) << (f * this.bits);
    return packed;
  }

  private unpack(packed: number): number[] {
    return Array.from(
      { length: this.nFields },
      (_, f) => (packed >> (f * this.bits)) & this.maxCount,
    );
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
   *
   * Term at a time within windows of WINDOW slots: every term adds the postings of the window to
   * a window-sized score array (which stays in the CPU cache, as do the window's field factors),
   * then the window's documents are offered to a bounded heap. Every document's score is summed
   * in query order, so a document scores the same bits whatever the limit.
   */
  search(
    query: ReadonlyMap<string, number>,
    limit: number,
    filter?: (slot: number) => boolean,
  ): Hit[] {
    if (limit <= 0) return [];
    const nF = this.nFields;
    const norm = new Float64Array(nF);
    for (let f = 0; f < nF; f++) {
      const avg = this.liveDocs > 0 ? (this.totalLen[f] ?? 0) / this.liveDocs : 0;
      norm[f] = avg > 0 ? 1 / avg : 0;
    }
    const N = this.liveDocs;
    const baseTerms = this.baseStart.length - 1;
    const factors: number[] = [];
    const begins: number[] = [];
    const ends: number[] = [];
    const tails: (Tail | undefined)[] = [];
    for (const [term, qw] of query) {
      const id = this.termIds.get(term);
      if (id === undefined || qw <= 0) continue;
      const df = this.dfs[id] as number;
      if (df === 0) continue;
      factors.push(qw * Math.log(1 + (N - df + 0.5) / (df + 0.5)));
      begins.push(id < baseTerms ? (this.baseStart[id] as number) : 0);
      ends.push(id < baseTerms ? (this.baseStart[id + 1] as number) : 0);
      tails.push(this.tails[id]);
    }
    const n = factors.length;
    if (n === 0) return [];
    const basePos = Int32Array.from(begins);
    const tailPos = new Int32Array(n);
    const scoring = this.freshScoring(norm);
    const { baseDocs, baseTfs } = this;
    const winScore = this.windowScore;
    const winMark = this.windowMark;
    const heap = new TopHeap(limit);
    for (let lo = 0; lo < this.slots; lo += WINDOW) {
      const hi = lo + WINDOW;
      let any = false;
      for (let j = 0; j < n; j++) {
        const factor = factors[j] as number;
        const from = basePos[j] as number;
        const end = ends[j] as number;
        if (from < end) {
          const to = scoreSpan(
            baseDocs,
            baseTfs,
            from,
            end,
            lo,
            hi,
            factor,
            scoring,
            winScore,
            winMark,
          );
          basePos[j] = to;
          any ||= to > from;
          if (to < end) continue;
        }
        const tail = tails[j];
        const at = tailPos[j] as number;
        if (tail && at < tail.length) {
          const to = scoreSpan(
            tail.docs,
            tail.tfs,
            at,
            tail.length,
            lo,
            hi,
            factor,
            scoring,
            winScore,
            winMark,
          );
          tailPos[j] = to;
          any ||= to > at;
        }
      }
      if (!any) continue;
      const top = Math.min(hi, this.slots);
      for (let slot = lo; slot < top; slot++) {
        const o = slot - lo;
        if (winMark[o] === 0) continue;
        winMark[o] = 0;
        const score = winScore[o] as number;
        winScore[o] = 0;
        if (heap.admits(slot, score) && (!filter || filter(slot))) heap.offer(slot, score);
      }
    }
    return heap.sorted();
  }

  /**
   * The per-slot, per-field factors w_f / (1 − b_f + b_f · len_f / avglen_f) under today's
   * statistics (recomputed, for every slot, after documents were added or removed).
   */
  private freshScoring(norm: Float64Array): Scoring {
    const nF = this.nFields;
    if (this.wlVersion !== this.statsVersion || this.wl.length < this.slots * nF) {
      if (this.wl.length < this.alive.length * nF)
        this.wl = new Float64Array(this.alive.length * nF);
      const { wl, fieldLen, weights, bs, alive } = this;
      for (let s = 0; s < this.slots; s++) {
        if (alive[s] !== 1) continue;
        for (let f = 0, k = s * nF; f < nF; f++, k++) {
          const b = bs[f] as number;
          wl[k] =
            (weights[f] as number) / (1 - b + b * (fieldLen[k] as number) * (norm[f] as number));
        }
      }
      this.wlVersion = this.statsVersion;
    }
    return {
      alive: this.alive,
      wl: this.wl,
      nF,
      bits: this.bits,
      mask: this.maxCount,
      fieldOfBit: this.fieldOfBit,
    };
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

  private appendTail(id: number, slot: number, packed: number): void {
    let tail = this.tails[id];
    if (!tail) {
      tail = { docs: new Int32Array(2), tfs: new Uint16Array(2), length: 0 };
      this.tails[id] = tail;
    }
    if (tail.length === tail.docs.length) {
      const docs = new Int32Array(tail.docs.length * 2);
      docs.set(tail.docs);
      const tfs = new Uint16Array(tail.tfs.length * 2);
      tfs.set(tail.tfs);
      tail.docs = docs;
      tail.tfs = tfs;
    }
    tail.docs[tail.length] = slot;
    tail.tfs[tail.length] = packed;
    tail.length++;
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

/** The position of `slot` in docs[begin, end) (sorted), or −1. */
function findSlot(docs: Int32Array, begin: number, end: number, slot: number): number {
  let lo = begin;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = docs[mid] as number;
    if (at === slot) return mid;
    if (at < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The best `k` hits so far: a min-heap with the worst (lowest score, then highest slot) on top. */
class TopHeap {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.slots = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** Whether a hit would enter (positive, and better than the worst kept when full). */
  admits(slot: number, score: number): boolean {
    if (score <= 0) return false;
    if (this.size < this.k) return true;
    const top = this.scores[0] as number;
    return score > top || (score === top && slot < (this.slots[0] as number));
  }

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.slots[i] as number) > (this.slots[j] as number));
  }

  private swap(i: number, j: number): void {
    const slot = this.slots[i] as number;
    this.slots[i] = this.slots[j] as number;
    this.slots[j] = slot;
    const score = this.scores[i] as number;
    this.scores[i] = this.scores[j] as number;
    this.scores[j] = score;
  }

  /** Adds a hit `admits` accepted. */
  offer(slot: number, score: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.slots[i] = slot;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    this.slots[0] = slot;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Best first, ties by slot. */
  sorted(): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < this.size; i++)
      hits.push({ slot: this.slots[i] as number, score: this.scores[i] as number });
    return hits.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }
}

/** What scoring a posting needs: live slots, cached field factors and the packing. */
interface Scoring {
  alive: Uint8Array;
  wl: Float64Array;
  nF: number;
  bits: number;
  mask: number;
  fieldOfBit: Int32Array;
}

/**
 * Adds one term's contributions (factor · tf~ · (k1 + 1) / (k1 + tf~)) from postings [from, to)
 * with slots below `hi` to the window starting at `lo`; returns the position it stopped at.
 */
function scoreSpan(
  docs: Int32Array,
  tfs: Uint16Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  factor: number,
  scoring: Scoring,
  winScore: Float64Array,
  winMark: Uint8Array,
): number {
  const { alive, wl, nF, bits, mask, fieldOfBit } = scoring;
  let i = from;
  for (; i < to; i++) {
    const slot = docs[i] as number;
    if (slot >= hi) break;
    if (alive[slot] !== 1) continue;
    const packed = tfs[i] as number;
    // Most postings are in one field: the highest one set, found from the top bit.
    const f = fieldOfBit[31 - Math.clz32(packed)] as number;
    const shift = f * bits;
    let tf = (packed >>> shift) * (wl[slot * nF + f] as number);
    let rest = packed & ((1 << shift) - 1);
    for (let k = slot * nF; rest !== 0; k++, rest >>= bits) tf += (rest & mask) * (wl[k] as number);
    const o = slot - lo;
    winScore[o] = (winScore[o] as number) + (factor * tf * (K1 + 1)) / (K1 + tf);
    winMark[o] = 1;
  }
  return i;
}
