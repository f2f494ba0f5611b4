import { MATCH_PIPELINE, MATCH_STAGES, type MatchStage, stageIndex } from '@banso/shared';

/**
 * The licence pipeline's rules over its data in @banso/shared (MATCH_PIPELINE): forward only,
 * early stages may be skipped, the stages after the gate (契約・成約) need it: no product before
 * the licence. Days must not go backwards along the stages reached.
 */

export type StageDates = Partial<Record<MatchStage, string | null>>;

export { stageIndex };

const afterGate = (s: MatchStage) =>
  (MATCH_PIPELINE.afterGate as readonly MatchStage[]).includes(s);

export type StageProblem =
  | { field: 'stage'; code: 'stage_order' | 'stage_needs_contract' }
  | { field: `stageDates.${MatchStage}`; code: 'date_order' };

/** Problems with moving a match from `current` to `next` on `on`. */
export function checkStageMove(
  current: MatchStage,
  dates: StageDates,
  next: MatchStage,
  on: string,
): StageProblem | null {
  if (stageIndex(next) <= stageIndex(current)) return { field: 'stage', code: 'stage_order' };
  if (afterGate(next) && !dates[MATCH_PIPELINE.gate])
    return { field: 'stage', code: 'stage_needs_contract' };
  return checkStageDates({ ...dates, [next]: on });
}

/** The first stage whose day is before an earlier stage's day, if any. */
export function checkStageDates(dates: StageDates): StageProblem | null {
  let latest: string | null = null;
  for (const stage of MATCH_STAGES) {
    const day = dates[stage];
    if (!day) continue;
    if (latest && day < latest) return { field: `stageDates.${stage}`, code: 'date_order' };
    latest = day;
  }
  return null;
}

/**
 * A correction of stage days (PATCH): only stages already reached may carry a day, the days stay
 * in stage order, and a match past the contract keeps the contract's day.
 */
export function checkDateCorrection(current: MatchStage, dates: StageDates): StageProblem | null {
  for (const stage of MATCH_STAGES) {
    const reached = stageIndex(stage) <= stageIndex(current);
    if (!reached && dates[stage]) return { field: `stageDates.${stage}`, code: 'date_order' };
  }
  if (stageIndex(current) > stageIndex(MATCH_PIPELINE.gate) && !dates[MATCH_PIPELINE.gate])
    return { field: 'stage', code: 'stage_needs_contract' };
  return checkStageDates(dates);
}
