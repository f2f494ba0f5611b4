import { AFTER_CONTRACT_STAGES, MATCH_STAGES, type MatchStage } from '@banso/shared';

/**
 * The licence pipeline's rules (pure): 候補 → 紹介 → 面談 → 条件交渉 → 契約(成約) → 試作・評価 →
 * 製品化, forward only. Early stages may be skipped (a meeting without a recorded introduction),
 * but 試作・評価 and 製品化 need the contract: no product before the licence. Days must not go
 * backwards along the stages reached.
 */

export type StageDates = Partial<Record<MatchStage, string | null>>;

export const stageIndex = (s: MatchStage) => MATCH_STAGES.indexOf(s);

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
  if (AFTER_CONTRACT_STAGES.includes(next) && !dates.contracted)
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
  if (stageIndex(current) > stageIndex('contracted') && !dates.contracted)
    return { field: 'stage', code: 'stage_needs_contract' };
  return checkStageDates(dates);
}
