import {
  type Analyzer,
  type Candidate,
  MatchingEngine,
  type NeedDocument,
  type Reason,
  type SeedDocument,
} from '@banso/matching';
import type { Locale } from '@banso/shared';
import { stringify } from 'csv-stringify/sync';

export type MatchDirection = 'seeds-to-needs' | 'needs-to-seeds';

export interface BatchMatchResult {
  /** The query document's id (a seed, or a need for needs-to-seeds). */
  query: string;
  candidates: Candidate[];
}

/** Ranks every seed against all needs (or the other way), in input order. No database. */
export function runBatchMatch(options: {
  analyzer: Analyzer;
  seeds: readonly SeedDocument[];
  needs: readonly NeedDocument[];
  top: number;
  direction: MatchDirection;
}): BatchMatchResult[] {
  const engine = new MatchingEngine(options.analyzer);
  for (const s of options.seeds) engine.upsertSeed(s);
  for (const n of options.needs) engine.upsertNeed(n);
  if (options.direction === 'seeds-to-needs')
    return options.seeds.map((s) => ({
      query: s.id,
      candidates: engine.needsForSeed(s.id, { top: options.top }),
    }));
  return options.needs.map((n) => ({
    query: n.id,
    candidates: engine.seedsForNeed(n.id, { top: options.top }),
  }));
}

/**
 * JSON Lines: one object per query document, `{"seed": id, "candidates": [{"id", "score",
 * "reasons", "summary"}]}` (`"need"` instead of `"seed"` for needs-to-seeds), best first.
 */
export function formatJsonLines(
  results: readonly BatchMatchResult[],
  direction: MatchDirection,
  locale: Locale,
): string {
  const key = direction === 'seeds-to-needs' ? 'seed' : 'need';
  return results
    .map((r) =>
      JSON.stringify({
        [key]: r.query,
        candidates: r.candidates.map((c) => ({
          id: c.id,
          score: c.score,
          reasons: c.reasons,
          summary: c.summary[locale],
        })),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** The terms of the reasons in one cell: 成形, 樹脂, ~オートクレーブ (related terms marked ~). */
function reasonTerms(reasons: readonly Reason[]): string {
  return reasons
    .flatMap((r) => (r.type === 'term' ? [r.term] : r.type === 'related' ? [`~${r.term}`] : []))
    .join('; ');
}

/** CSV (UTF-8 with BOM, for Excel): one row per candidate. */
export function formatCsv(
  results: readonly BatchMatchResult[],
  direction: MatchDirection,
  locale: Locale,
): string {
  const header =
    locale === 'ja'
      ? [
          direction === 'seeds-to-needs' ? 'シーズID' : 'ニーズID',
          '順位',
          '候補ID',
          'スコア',
          '共通語・関連語',
          '理由',
        ]
      : [
          direction === 'seeds-to-needs' ? 'seed' : 'need',
          'rank',
          'candidate',
          'score',
          'terms',
          'reason',
        ];
  const rows = results.flatMap((r) =>
    r.candidates.map((c, i) => [
      r.query,
      String(i + 1),
      c.id,
      String(c.score),
      reasonTerms(c.reasons),
      c.summary[locale],
    ]),
  );
  return `\uFEFF${stringify([header, ...rows], { record_delimiter: '\r\n' })}`;
}
