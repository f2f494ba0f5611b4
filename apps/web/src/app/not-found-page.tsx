import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('states.notFound')} />
      <EmptyState
        title={t('states.notFound')}
        description={t('states.notFoundHint')}
        action={
          <Button component={Link} to="/companies">
            {t('nav.companies')}
          </Button>
        }
      />
    </>
  );
}
