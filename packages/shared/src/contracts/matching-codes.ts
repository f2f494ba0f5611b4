/**
 * The code lists of matching (listing kinds, pipeline stages, how a match came about), apart from
 * the contract's validators so that other contracts (KPI metrics over matches) can use them
 * without the IPC list those validators load.
 */

/** What a listing is; its side says whether it is offered (seed) or wanted (need). */
export const LISTING_KINDS = [
  'open_patent',
  'sme_seed',
  'large_need',
  'life_science_seed',
  'life_science_need',
  'welfare_need',
  'talent',
  'startup_role',
] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const MATCH_STAGES = [
  'candidate',
  'introduced',
  'meeting',
  'negotiating',
  'contracted',
  'prototyping',
  'commercialized',
] as const;
export type MatchStage = (typeof MATCH_STAGES)[number];

/** How a match came about (Kawasaki's routes to a licence). */
export const MATCH_ORIGINS = [
  'open_meeting',
  'closed_meeting',
  'individual',
  'creator_proposal',
  'online_wide_area',
  'engine',
  'other',
] as const;
