import { Company } from '@banso/shared';
import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useSupporters, useVisit } from '../../api/caravan';
import { api } from '../../api/client';
import { companyKeys } from '../../api/companies';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCaravanPermissions } from './use-caravan-permissions';
import { VisitForm } from './visit-form';
import type { TeamRow } from './visit-form-values';

/**
 * /visits/new (?companyId=…&team=lead,member,… from the company page or the planner)
 * and /visits/:id/edit.
 */
export default function VisitFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('caravan');
  const { canWrite } = useCaravanPermissions();
  const title = id ? t('form.titleEdit') : t('form.titleNew');
  if (!canWrite) {
    return (
      <>
        <PageHeader title={title} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );
  }
  return id ? <EditVisit id={id} title={title} /> : <NewVisit title={title} />;
}

function NewVisit({ title }: { title: string }) {
  const [params] = useSearchParams();
  const companyId = params.get('companyId') ?? '';
  const teamIds = (params.get('team') ?? '').split(',').filter(Boolean);
  const company = useQuery({
    queryKey: companyKeys.detail(companyId),
    queryFn: ({ signal }) => api.get(`/api/v1/companies/${companyId}`, Company, { signal }),
    enabled: Boolean(companyId),
  });
  const supporters = useSupporters({});
  const waiting = (companyId && company.isPending) || (teamIds.length > 0 && supporters.isPending);
  if (waiting) return <Loading />;
  const team: TeamRow[] = teamIds.flatMap((sid, index) => {
    const s = supporters.data?.items.find((x) => x.id === sid);
    return s
      ? [
          {
            supporterId: s.id,
            name: s.name,
            kind: s.kind,
            organization: s.organization,
            expertise: s.expertise,
            role: index === 0 ? ('lead' as const) : ('member' as const),
          },
        ]
      : [];
  });
  return (
    <>
      <PageHeader title={title} />
      <VisitForm
        initial={{
          ...(company.data ? { companyId: company.data.id, companyName: company.data.name } : {}),
          ...(team.length > 0 ? { team } : {}),
        }}
      />
    </>
  );
}

function EditVisit({ id, title }: { id: string; title: string }) {
  const visit = useVisit(id);
  const supporters = useSupporters({});
  if (visit.isPending || supporters.isPending) return <Loading />;
  if (visit.isError) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={visit.error} onRetry={() => void visit.refetch()} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={`${title}: ${visit.data.company.name}`} />
      <VisitForm key={visit.data.version} visit={visit.data} />
    </>
  );
}
