import { LISTING_KIND, MATCH_ORIGIN, MATCH_STAGE } from '../vocabulary/matching';

/**
 * The code lists of matching (listing kinds, pipeline stages, how a match came about), apart from
 * the contract's validators so that other contracts (KPI metrics over matches) can use them
 * without the IPC list those validators load.
 */

/** What a listing is; its side says whether it is offered (seed) or wanted (need). */
export const LISTING_KINDS = LISTING_KIND.codes;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const MATCH_STAGES = MATCH_STAGE.codes;
export type MatchStage = (typeof MATCH_STAGES)[number];

/** How a match came about (Kawasaki's routes to a licence). */
export const MATCH_ORIGINS = MATCH_ORIGIN.codes;
