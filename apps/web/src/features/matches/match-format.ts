import { localDateOf } from '@banso/shared';
import type { MatchDto } from '../../api/matches';

/** Today in Asia/Tokyo, 'YYYY-MM-DD' (the default day of a stage move). */
export const todayYmd = (now = new Date()) => localDateOf(now);

const dayNumber = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
};

/** Whole days from one calendar day to another (0 on the same day). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The day a match reached its current stage, or was dropped. */
export const stageDayOf = (m: MatchDto): string | null =>
  m.status === 'dropped' ? m.droppedOn : (m.stageDates[m.stage] ?? null);

/** Days the match has been at its stage (or since it was dropped), as of `today`. */
export function daysAtStage(m: MatchDto, today: string): number | null {
  const day = stageDayOf(m);
  return day ? Math.max(0, daysBetween(day, today)) : null;
}

/** The pipeline's order and moves come from @banso/shared (MATCH_PIPELINE). */
export { laterStages, stageIndex } from '@banso/shared';
