import {
  CandidateList,
  type DecisionCreate,
  type ListingKind,
  type MatchCandidate,
  MatchingSettings,
  MatchingStatus,
} from '@banso/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, api, apiFetch } from './client';

/** The matching engine: explained candidates both ways, coordinators' decisions, index status. */

export type CandidateDto = z.output<typeof MatchCandidate>;
export type CandidateReasonDto = CandidateDto['reasons'][number];
export type MatchingStatusDto = z.output<typeof MatchingStatus>;
export type MatchingSettingsDto = z.output<typeof MatchingSettings>;

export const CANDIDATES_TOP = 20;
/** How often a page waiting for the index asks again (the server says Retry-After: 10). */
export const INDEX_RETRY_MS = 10_000;

export const matchingKeys = {
  all: ['matching'] as const,
  forListing: (listingId: string, top: number) => ['matching', 'listing', listingId, top] as const,
  forCompany: (companyId: string, top: number, kind: ListingKind | null) =>
    ['matching', 'company', companyId, top, kind] as const,
  status: ['matching', 'status'] as const,
  settings: ['matching', 'settings'] as const,
};

/** 503 service_unavailable: the organisation's matching index is still being built. */
export const isIndexBuilding = (error: unknown) =>
  error instanceof ApiError && error.status === 503 && error.code === 'service_unavailable';

const retryWhileBuilding = (query: { state: { error: unknown } }) =>
  isIndexBuilding(query.state.error) ? INDEX_RETRY_MS : false;

/** A 503 is shown at once (with its own retry every 10 s), other failures retried as usual. */
const retryUnlessBuilding = (failures: number, error: Error) =>
  !isIndexBuilding(error) &&
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
  failures < 2;

/** 候補企業: companies for a listing, best first, each with its reasons. */
export function useListingCandidates(listingId: string, top = CANDIDATES_TOP, enabled = true) {
  return useQuery({
    queryKey: matchingKeys.forListing(listingId, top),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/listings/${listingId}/candidates`, CandidateList, {
        query: { top },
        signal,
      }),
    enabled,
    refetchInterval: retryWhileBuilding,
    retry: retryUnlessBuilding,
  });
}

/** 候補特許: listings for a company (optionally of one kind), best first. */
export function useCompanyCandidates(
  companyId: string,
  kind: ListingKind | null,
  top = CANDIDATES_TOP,
  enabled = true,
) {
  return useQuery({
    queryKey: matchingKeys.forCompany(companyId, top, kind),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/companies/${companyId}/listing-candidates`, CandidateList, {
        query: { top, kind: kind ?? undefined },
        signal,
      }),
    enabled,
    refetchInterval: retryWhileBuilding,
    retry: retryUnlessBuilding,
  });
}

/** The index's state and progress (asked while candidates answer 503). */
export function useMatchingStatus(enabled: boolean) {
  return useQuery({
    queryKey: matchingKeys.status,
    queryFn: ({ signal }) => api.get('/api/v1/matching/status', MatchingStatus, { signal }),
    enabled,
    refetchInterval: enabled ? 3_000 : false,
  });
}

export const DecisionResult = z.object({ decisionId: z.uuid(), matchId: z.uuid().nullable() });

/**
 * 採用 (opens a 候補 match) or 見送り (with a reason). The engine learns from it, so every
 * candidate list is fetched again to show the new ranking; the matches refresh too.
 */
export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionCreate) =>
      api.post('/api/v1/matching/decisions', DecisionResult, { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: matchingKeys.all });
      void client.invalidateQueries({ queryKey: ['matches'] });
    },
  });
}

/** The organisation's matching settings: its partner regions (連携地域). */
export function useMatchingSettings(enabled = true) {
  return useQuery({
    queryKey: matchingKeys.settings,
    queryFn: ({ signal }) => api.get('/api/v1/matching/settings', MatchingSettings, { signal }),
    enabled,
  });
}

/** Replaces the partner regions (admins); every candidate list is ranked again. */
export function useSaveMatchingSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { partnerRegions: string[] }) => {
      const response = await apiFetch('PUT', '/api/v1/matching/settings', { body });
      return MatchingSettings.parse(await response.json());
    },
    onSuccess: (saved) => {
      client.setQueryData(matchingKeys.settings, saved);
      void client.invalidateQueries({
        queryKey: matchingKeys.all,
        predicate: (q) => q.queryKey[1] === 'listing' || q.queryKey[1] === 'company',
      });
    },
  });
}
