/** Ranking quality on a labelled set: each query has one relevant document id. */
export interface EvaluationResult {
  queries: number;
  recallAt5: number;
  recallAt10: number;
  /** Mean reciprocal rank (0 when the relevant document is not in the ranking). */
  mrr: number;
}

export function evaluateRankings(
  cases: readonly { relevant: string; ranking: readonly string[] }[],
): EvaluationResult {
  let r5 = 0;
  let r10 = 0;
  let rr = 0;
  for (const c of cases) {
    const rank = c.ranking.indexOf(c.relevant);
    if (rank < 0) continue;
    if (rank < 5) r5++;
    if (rank < 10) r10++;
    rr += 1 / (rank + 1);
  }
  const n = cases.length || 1;
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { queries: cases.length, recallAt5: r(r5), recallAt10: r(r10), mrr: r(rr) };
}
