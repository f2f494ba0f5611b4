import { AuditEntry, Company, type CompanyListQuery, CompanyPage } from '@banso/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod';
import { api } from './client';

export type CompanyDto = z.output<typeof Company>;
export type CompanyQuery = Partial<z.input<typeof CompanyListQuery>>;

export const companyKeys = {
  all: ['companies'] as const,
  list: (query: CompanyQuery) => ['companies', 'list', query] as const,
  detail: (id: string) => ['companies', 'detail', id] as const,
  history: (id: string) => ['companies', 'history', id] as const,
};

export function fetchCompanies(query: CompanyQuery, signal?: AbortSignal) {
  return api.get('/api/v1/companies', CompanyPage, {
    query: query as Record<string, string | number | boolean | undefined>,
    signal,
  });
}

const COMPANY_PAGE_FRESH_MS = 15_000;

export function useCompanyPage(query: CompanyQuery, enabled = true) {
  return useQuery({
    queryKey: companyKeys.list(query),
    queryFn: ({ signal }) => fetchCompanies(query, signal),
    placeholderData: keepPreviousData,
    // A page read (or fetched ahead) in the last moments is shown from the cache, not fetched again.
    staleTime: COMPANY_PAGE_FRESH_MS,
    enabled,
  });
}

/**
 * Fetches a page into the cache ahead of time (the next page of a list), so that 「次へ」 renders
 * it at once instead of waiting for the request; nothing while `query` is null.
 */
export function usePrefetchCompanyPage(query: CompanyQuery | null) {
  const client = useQueryClient();
  const key = query ? JSON.stringify(query) : null;
  useEffect(() => {
    if (!key) return;
    const q = JSON.parse(key) as CompanyQuery;
    void client.prefetchQuery({
      queryKey: companyKeys.list(q),
      queryFn: ({ signal }) => fetchCompanies(q, signal),
      staleTime: COMPANY_PAGE_FRESH_MS,
    });
  }, [client, key]);
}

export function useCompany(id: string) {
  return useQuery({
    queryKey: companyKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/api/v1/companies/${id}`, Company, { signal }),
  });
}

export const CompanyHistory = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditEntryDto = z.output<typeof AuditEntry>;

/** The audit history of one company, newest first. */
export function useCompanyHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: companyKeys.history(id),
    queryFn: ({ signal }) => api.get(`/api/v1/companies/${id}/history`, CompanyHistory, { signal }),
    enabled,
  });
}

/**
 * Archive or restore a company, naming the version read (a stale one answers 409
 * stale_version). Refreshes the company, its history and every list.
 */
export function useArchiveCompany(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: 'archive' | 'restore'; version: number }) =>
      api.post(`/api/v1/companies/${id}/${action}`, Company, { body: { version } }),
    onSuccess: (company) => {
      client.setQueryData(companyKeys.detail(id), company);
      void client.invalidateQueries({ queryKey: companyKeys.history(id) });
      void client.invalidateQueries({ queryKey: ['companies', 'list'] });
    },
  });
}
