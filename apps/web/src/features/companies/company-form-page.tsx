import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCompany } from '../../api/companies';
import { useSession } from '../../api/session';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { CompanyForm } from './form/company-form';

/** Roles that may register and edit companies (the API's `companies:write`). */
const WRITERS = new Set(['admin', 'staff', 'coordinator']);

/**
 * /companies/new and /companies/:id/edit. A lazily loaded chunk: it brings the
 * contract validators and the JSIC and municipality lists with it.
 */
export default function CompanyFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('companyForm');
  const session = useSession();
  const role = session.data?.user.role;
  const title = id ? t('editTitle') : t('createTitle');
  if (role !== undefined && !WRITERS.has(role)) {
    return (
      <>
        <PageHeader title={title} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );
  }
  return id ? <EditCompany id={id} title={title} /> : <CreateCompany title={title} />;
}

function CreateCompany({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <CompanyForm />
    </>
  );
}

function EditCompany({ id, title }: { id: string; title: string }) {
  const company = useCompany(id);
  if (company.isPending) {
    return (
      <>
        <PageHeader title={title} />
        <Loading />
      </>
    );
  }
  if (company.isError) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={company.error} onRetry={() => void company.refetch()} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} />
      <Text size="lg" fw={700} mt="-sm" mb="md">
        {company.data.name}
      </Text>
      <CompanyForm
        company={company.data}
        onReload={async () => {
          const fresh = await company.refetch({ throwOnError: true });
          return fresh.data;
        }}
      />
    </>
  );
}
