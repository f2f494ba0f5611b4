import { Company, type CompanyListQuery, CompanyPage } from '@banso/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
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
