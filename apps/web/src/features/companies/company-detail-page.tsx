import { Alert, Anchor, Badge, Box, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useCompany } from '../../api/companies';
import { useFormatters } from '../../app/preferences';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { CompanyCandidatesSection } from '../listings/company-candidates-section';
import { CaravanTimeline } from '../visits/company-caravan-timeline';
import { ArchiveControls } from './detail/archive-controls';
import { CompanyHistory } from './detail/company-history';
import { CompanyProfile } from './detail/company-profile';
import { useCompanyPermissions } from './list/use-company-permissions';

/**
 * One company: its profile, the support timeline, the audit history, and the actions
 * (編集, アーカイブ/復元, 印刷). Printing hides the shell and the buttons (class no-print).
 */
export default function CompanyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('companies');
  const company = useCompany(id);
  const format = useFormatters();
  const { canWrite, canReadHistory } = useCompanyPermissions();

  const back = (
    <Anchor component={Link} to="/companies" className="no-print" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('actions.backToList')}
      </Group>
    </Anchor>
  );

  if (company.isPending) return <Loading />;
  if (company.isError) {
    const notFound = company.error instanceof ApiError && company.error.status === 404;
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('title')} />
        <ErrorState
          error={company.error}
          onRetry={notFound ? undefined : () => void company.refetch()}
        />
      </Stack>
    );
  }

  const c = company.data;
  return (
    <Stack gap="md">
      {back}
      <Box>
        <PageHeader
          title={c.name}
          actions={
            <Group gap="sm" className="no-print">
              {canWrite ? (
                <>
                  <Button
                    component={Link}
                    to={`/companies/${c.id}/edit`}
                    leftSection={<IconEdit size={16} aria-hidden />}
                  >
                    {t('actions.edit')}
                  </Button>
                  <ArchiveControls company={c} />
                </>
              ) : null}
              <Button
                variant="default"
                leftSection={<IconPrinter size={16} aria-hidden />}
                onClick={() => window.print()}
              >
                {t('actions.print')}
              </Button>
            </Group>
          }
        />
        <Group gap="xs" mt={-8} wrap="wrap">
          {c.nameKana ? <Text size="sm">{c.nameKana}</Text> : null}
          {c.corporateNumber ? (
            <Text size="sm">
              {t('fields.corporateNumber')} {c.corporateNumber}
            </Text>
          ) : null}
          <Badge variant="light" color="blue" c="blue.9" tt="none">
            {t(`kind.${c.kind}`)}
          </Badge>
          {c.status === 'closed' ? (
            <Badge variant="outline" color="red.9" tt="none">
              {t('status.closed')}
            </Badge>
          ) : null}
          {c.archivedAt ? (
            <Badge variant="outline" color="gray.8" tt="none">
              {t('status.archived')}
            </Badge>
          ) : null}
        </Group>
      </Box>
      {c.archivedAt ? (
        <Alert color="yellow" variant="light">
          <Text size="sm">
            {t('detail.archivedNotice', { date: format.dateTime(c.archivedAt) })}
          </Text>
        </Alert>
      ) : null}
      {c.status === 'closed' ? (
        <Alert color="red" variant="light">
          <Text size="sm">
            {t('detail.closedNotice', { date: format.date(c.closedOn) })}
            {c.closeReason ? ` ${t('detail.closedReason', { reason: c.closeReason })}` : ''}
          </Text>
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <CompanyProfile company={c} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <CaravanTimeline companyId={c.id} canRecord={canWrite} />
            {canReadHistory ? <CompanyHistory companyId={c.id} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
      <CompanyCandidatesSection company={c} />
    </Stack>
  );
}
