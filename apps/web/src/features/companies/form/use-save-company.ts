import { Company, type CompanyCreate, type CompanyUpdate } from '@banso/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { companyKeys } from '../../../api/companies';

export type SaveCompanyRequest =
  | { kind: 'create'; body: CompanyCreate }
  | { kind: 'update'; id: string; body: CompanyUpdate };

/**
 * POST /companies or PATCH /companies/{id} (with the version read; a stale one answers
 * 409 stale_version). The saved company replaces the cached one; lists and history refresh.
 */
export function useSaveCompany() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveCompanyRequest) =>
      request.kind === 'create'
        ? api.post('/api/v1/companies', Company, { body: request.body })
        : api.patch(`/api/v1/companies/${request.id}`, Company, { body: request.body }),
    onSuccess: (company) => {
      client.setQueryData(companyKeys.detail(company.id), company);
      void client.invalidateQueries({ queryKey: companyKeys.history(company.id) });
      void client.invalidateQueries({ queryKey: ['companies', 'list'] });
    },
  });
}
