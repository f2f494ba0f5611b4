import { VISIT_KINDS, VISIT_STATUSES } from '@banso/shared';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useVisits } from '../../api/caravan';
import { useFormatters } from '../../app/preferences';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCaravanPermissions } from './use-caravan-permissions';

/** /visits — the latest visits (drafts and completed), filterable by status and kind. */
export default function VisitsListPage() {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const companyId = params.get('companyId') ?? undefined;
  const visits = useVisits({
    companyId,
    status: (status || undefined) as never,
    kind: (kind || undefined) as never,
    limit: 100,
  });
  const { canWrite } = useCaravanPermissions();
  const sep = t('common.listSeparator');

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const record = canWrite ? (
    <Button
      component={Link}
      to={companyId ? `/visits/new?companyId=${companyId}` : '/visits/new'}
      leftSection={<IconPlus size={16} aria-hidden />}
    >
      {t('visits.record')}
    </Button>
  ) : null;

  return (
    <Stack gap="md">
      <PageHeader title={t('visits.title')} actions={record} />
      <Group gap="sm" wrap="wrap">
        <Select
          label={t('visits.filterStatus')}
          data={[
            { value: '', label: t('visits.all') },
            ...VISIT_STATUSES.map((s) => ({ value: s, label: t(`visitStatus.${s}`) })),
          ]}
          value={status}
          onChange={(v) => setFilter('status', v)}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('visits.filterKind')}
          data={[
            { value: '', label: t('visits.all') },
            ...VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) })),
          ]}
          value={kind}
          onChange={(v) => setFilter('kind', v)}
          allowDeselect={false}
          w={200}
        />
      </Group>
      {visits.isPending ? <Loading /> : null}
      {visits.isError ? (
        <ErrorState error={visits.error} onRetry={() => void visits.refetch()} />
      ) : null}
      {visits.data && visits.data.items.length === 0 ? (
        <EmptyState title={t('visits.empty')} description={t('visits.emptyHint')} action={record} />
      ) : null}
      {visits.data && visits.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('visits.columns.date')}</Table.Th>
                <Table.Th>{t('visits.columns.company')}</Table.Th>
                <Table.Th>{t('visits.columns.kind')}</Table.Th>
                <Table.Th>{t('visits.columns.status')}</Table.Th>
                <Table.Th>{t('visits.columns.team')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visits.data.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/visits/${v.id}`} size="sm">
                      {format.dateTime(v.startsAt)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${v.company.id}`} size="sm">
                      {v.company.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{t(`visitKind.${v.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      variant={v.status === 'completed' ? 'light' : 'outline'}
                      color={v.status === 'completed' ? 'green' : 'gray.8'}
                      c={v.status === 'completed' ? '#1e5b2c' : undefined}
                      style={{ flexShrink: 0, overflow: 'visible' }}
                      tt="none"
                    >
                      {t(`visitStatus.${v.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.team.map((m) => m.name).join(sep) || '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
