import { AuditEntry, Company, type CompanyListQuery, CompanyPage } from '@banso/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export function useCompanyPage(query: CompanyQuery, enabled = true) {
  return useQuery({
    queryKey: companyKeys.list(query),
    queryFn: ({ signal }) => fetchCompanies(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
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
