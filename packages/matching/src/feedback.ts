/**
 * What coordinators' decisions teach the engine — simple, bounded and explainable:
 * - the pair itself: a rejected pair is pushed far down (×REJECTED_FACTOR) with its reason;
 * - learned IPC class × JSIC major group affinity: ±AFFINITY_STEP per decision, within
 *   ±AFFINITY_BOUND;
 * - learned term associations from accepted pairs: the seed's and the need's characteristic
 *   terms are linked (+ASSOCIATION_STEP, at most ASSOCIATION_BOUND); a rejection weakens the
 *   links that brought the pair up. Each association is applied like a thesaurus relation.
 */
export const REJECTED_FACTOR = 0.05;
export const AFFINITY_STEP = 0.1;
export const AFFINITY_BOUND = 0.5;
export const ASSOCIATION_STEP = 0.15;
export const ASSOCIATION_BOUND = 0.6;
export const MAX_ASSOCIATIONS_PER_TERM = 12;

export type Verdict = 'accepted' | 'rejected';

export interface FeedbackRecord {
  seedId: string;
  needId: string;
  verdict: Verdict;
  reason?: string;
}

export interface FeedbackState {
  pairs: FeedbackRecord[];
  affinity: [string, number][];
  associations: [string, string, number][];
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

export class FeedbackMemory {
  private readonly pairs = new Map<string, FeedbackRecord>();
  private readonly affinity = new Map<string, number>();
  private readonly associations = new Map<string, Map<string, number>>();

  pair(seedId: string, needId: string): FeedbackRecord | undefined {
    return this.pairs.get(`${seedId}\u0000${needId}`);
  }

  learnedAffinity(ipc: string, jsic: string): number {
    return this.affinity.get(`${ipc}|${jsic}`) ?? 0;
  }

  associationsOf(term: string): ReadonlyMap<string, number> | undefined {
    return this.associations.get(term);
  }

  record(
    decision: FeedbackRecord,
    affinityKey: { ipc: string; jsic: string } | undefined,
    terms: { seed: readonly string[]; need: readonly string[]; used: readonly [string, string][] },
  ): void {
    this.pairs.set(`${decision.seedId}\u0000${decision.needId}`, decision);
    const sign = decision.verdict === 'accepted' ? 1 : -1;
    if (affinityKey) {
      const key = `${affinityKey.ipc}|${affinityKey.jsic}`;
      const next = clamp(
        (this.affinity.get(key) ?? 0) + sign * AFFINITY_STEP,
        -AFFINITY_BOUND,
        AFFINITY_BOUND,
      );
      this.affinity.set(key, next);
    }
    if (decision.verdict === 'accepted') {
      for (const a of terms.seed)
        for (const b of terms.need) {
          if (a === b) continue;
          this.link(a, b, ASSOCIATION_STEP);
          this.link(b, a, ASSOCIATION_STEP);
        }
    } else {
      for (const [a, b] of terms.used) {
        this.link(a, b, -ASSOCIATION_STEP);
        this.link(b, a, -ASSOCIATION_STEP);
      }
    }
  }

  private link(a: string, b: string, delta: number): void {
    let m = this.associations.get(a);
    const current = m?.get(b) ?? 0;
    const next = clamp(current + delta, 0, ASSOCIATION_BOUND);
    if (!m) {
      if (next <= 0) return;
      m = new Map();
      this.associations.set(a, m);
    }
    if (next <= 0) m.delete(b);
    else if (m.has(b) || m.size < MAX_ASSOCIATIONS_PER_TERM) m.set(b, next);
  }

  /** A plain-JSON copy (to persist and restore). */
  export(): FeedbackState {
    return {
      pairs: [...this.pairs.values()],
      affinity: [...this.affinity],
      associations: [...this.associations].flatMap(([a, m]) =>
        [...m].map(([b, w]) => [a, b, w] as [string, string, number]),
      ),
    };
  }

  import(state: FeedbackState): void {
    for (const p of state.pairs) this.pairs.set(`${p.seedId}\u0000${p.needId}`, p);
    for (const [k, v] of state.affinity)
      this.affinity.set(k, clamp(v, -AFFINITY_BOUND, AFFINITY_BOUND));
    for (const [a, b, w] of state.associations) this.link(a, b, w);
  }
}
