import type {
  LICENSE_TYPES,
  ListingKind,
  MATCH_ORIGINS,
  Match,
  MatchStage,
  MatchStatus,
  ROYALTY_TYPES,
} from '@banso/shared';
import type { MatchWithNames } from './matches.repository';

export function presentMatch(row: MatchWithNames): Match {
  return {
    id: row.id,
    listingId: row.listingId,
    listingTitle: row.listingTitle,
    listingKind: row.listingKind as ListingKind,
    holderName: row.holderName,
    companyId: row.companyId,
    companyName: row.companyName,
    stage: row.stage as MatchStage,
    status: row.status as MatchStatus,
    stageDates: Object.fromEntries(
      Object.entries(row.stageDates).filter((e): e is [string, string] => !!e[1]),
    ),
    droppedOn: row.droppedOn,
    dropReason: row.dropReason,
    origin: row.origin as (typeof MATCH_ORIGINS)[number],
    partnerRegion: row.partnerRegion,
    license: {
      type: row.licenseType as (typeof LICENSE_TYPES)[number] | null,
      field: row.licenseField,
      territory: row.licenseTerritory,
      term: row.licenseTerm,
      royaltyType: row.royaltyType as (typeof ROYALTY_TYPES)[number] | null,
      notes: row.licenseNotes,
    },
    productName: row.productName,
    launchedOn: row.launchedOn,
    coordinatorId: row.coordinatorId,
    coordinatorName: row.coordinatorName,
    programId: row.programId,
    programName: row.programName,
    notes: row.notes,
    proposal:
      row.proposalScore !== null
        ? { score: row.proposalScore, summary: row.proposalSummary ?? '' }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
