import {
  JobAccepted,
  Listing,
  type ListingCreate,
  ListingImportResult,
  type ListingKind,
  ListingPage,
  type ListingStatus,
  type ListingUpdate,
} from '@banso/shared';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from './client';

/** 開放特許 and the other seeds and needs (listings): browse, edit, archive, import. */

export type ListingDto = z.output<typeof Listing>;
export type ListingPageDto = z.output<typeof ListingPage>;
export type ListingImportResultDto = z.output<typeof ListingImportResult>;

export interface ListingFilters {
  q?: string;
  kind?: ListingKind;
  status?: ListingStatus;
  /** IPC prefix: G06T, G06T 7 … */
  ipc?: string;
  archived?: 'true' | 'false';
}

export const LISTING_PAGE_SIZE = 50;

export const listingKeys = {
  all: ['listings'] as const,
  list: (filters: ListingFilters) => ['listings', 'list', filters] as const,
  detail: (id: string) => ['listings', 'detail', id] as const,
};

/** The listings matching the filters, page after page (「さらに表示」 follows nextCursor). */
export function useListingPages(filters: ListingFilters) {
  return useInfiniteQuery({
    queryKey: listingKeys.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/v1/listings', ListingPage, {
        query: { ...filters, limit: LISTING_PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useListing(id: string) {
  return useQuery({
    queryKey: listingKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/api/v1/listings/${id}`, Listing, { signal }),
  });
}

export type SaveListingRequest =
  | { kind: 'create'; body: ListingCreate }
  | { kind: 'update'; id: string; body: ListingUpdate };

/** POST /listings or PATCH /listings/{id} (with the version read; a stale one answers 409). */
export function useSaveListing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveListingRequest) =>
      request.kind === 'create'
        ? api.post('/api/v1/listings', Listing, { body: request.body })
        : api.patch(`/api/v1/listings/${request.id}`, Listing, { body: request.body }),
    onSuccess: (listing) => {
      client.setQueryData(listingKeys.detail(listing.id), listing);
      void client.invalidateQueries({ queryKey: ['listings', 'list'] });
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
  });
}

/** アーカイブ (no longer matched, kept) or 復元, naming the version read. */
export function useArchiveListing(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: 'archive' | 'restore'; version: number }) =>
      api.post(`/api/v1/listings/${id}/${action}`, Listing, { body: { version } }),
    onSuccess: (listing) => {
      client.setQueryData(listingKeys.detail(id), listing);
      void client.invalidateQueries({ queryKey: ['listings', 'list'] });
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
  });
}

/** The content type a file is sent with; the server reads the bytes and sniffs the format. */
function contentTypeOf(file: File): string {
  return /\.csv$/i.test(file.name) ? 'text/csv' : 'application/octet-stream';
}

/**
 * POST /listings/import: a dry run (counts and errors, nothing written) or the import itself. A
 * file with errors answers 422 import_invalid carrying the full result; that result is returned
 * here like a 200 (its `errors` list every line). Other errors throw ApiError.
 */
export async function importListings(file: File, dryRun: boolean, signal?: AbortSignal) {
  try {
    return await api.post('/api/v1/listings/import', ListingImportResult, {
      query: { dryRun: dryRun ? 'true' : 'false' },
      rawBody: file,
      contentType: contentTypeOf(file),
      signal,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'import_invalid') {
      const rejected = ListingImportResult.safeParse(error.problem?.result);
      if (rejected.success) return rejected.data;
    }
    throw error;
  }
}

/**
 * POST /listings/import with `Prefer: respond-async`: the import is queued as a background job
 * (202 with its id); follow it at GET /api/v1/jobs/{id} (features/jobs/job-api.ts).
 */
export function queueListingsImport(file: File, signal?: AbortSignal) {
  return api.post('/api/v1/listings/import', JobAccepted, {
    query: { dryRun: 'false' },
    rawBody: file,
    contentType: contentTypeOf(file),
    headers: { prefer: 'respond-async' },
    signal,
  });
}

/** Tells the listing and matching pages that listings changed (an import ended). */
export function useListingsChanged() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: listingKeys.all });
    void client.invalidateQueries({ queryKey: ['matching'] });
  };
}

export function useImportListings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => importListings(file, dryRun),
    onSuccess: (result) => {
      if (result.dryRun) return;
      void client.invalidateQueries({ queryKey: listingKeys.all });
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
  });
}
