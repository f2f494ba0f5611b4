import {
  LISTING_KINDS,
  LISTING_STATUSES,
  type ListingKind,
  type ListingStatus,
} from '@banso/shared';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ListingDto, type ListingFilters, useListingPages } from '../../api/listings';
import { useFormatters } from '../../app/preferences';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading, Spinner } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { DebouncedTextInput } from '../companies/list/debounced-text-input';
import { useMatchingPermissions } from './use-matching-permissions';

/** The list's filters from the URL (`q kind status ipc archived=1`), so they can be linked. */
export function readListingFilters(params: URLSearchParams): ListingFilters {
  const kind = params.get('kind');
  const status = params.get('status');
  return {
    ...(params.get('q') ? { q: params.get('q') as string } : {}),
    ...(kind && (LISTING_KINDS as readonly string[]).includes(kind)
      ? { kind: kind as ListingKind }
      : {}),
    ...(status && (LISTING_STATUSES as readonly string[]).includes(status)
      ? { status: status as ListingStatus }
      : {}),
    ...(params.get('ipc') ? { ipc: params.get('ipc') as string } : {}),
    ...(params.get('archived') === '1' ? { archived: 'true' as const } : {}),
  };
}

/** /listings — 開放特許 (and the other seeds and needs): search, filter, page on. */
export default function ListingsListPage() {
  const { t, i18n } = useTranslation('listings');
  const number = new Intl.NumberFormat(i18n.language);
  const { canWriteListings } = useMatchingPermissions();
  const [params, setParams] = useSearchParams();
  const filters = readListingFilters(params);
  const pages = useListingPages(filters);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const hasFilters = Boolean(
    filters.q || filters.kind || filters.status || filters.ipc || filters.archived === 'true',
  );

  const createButton = (
    <Button component={Link} to="/listings/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('list.create')}
    </Button>
  );
  const importButton = (
    <Button
      component={Link}
      to="/listings/import"
      variant="default"
      leftSection={<IconFileImport size={16} aria-hidden />}
    >
      {t('list.import')}
    </Button>
  );

  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;

  let content: ReactNode;
  if (pages.isPending) content = <Loading />;
  else if (pages.isError && items.length === 0)
    content = <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  else if (items.length === 0 && hasFilters)
    content = (
      <EmptyState
        title={t('list.noHitsTitle')}
        description={t('list.noHitsBody')}
        action={
          <Button variant="default" onClick={() => setParams(new URLSearchParams())}>
            {t('list.clear')}
          </Button>
        }
      />
    );
  else if (items.length === 0)
    content = (
      <EmptyState
        title={t('list.emptyTitle')}
        description={canWriteListings ? t('list.emptyBody') : t('list.emptyBodyReadOnly')}
        action={
          canWriteListings ? (
            <Group gap="sm" justify="center">
              {createButton}
              {importButton}
            </Group>
          ) : undefined
        }
      />
    );
  else
    content = (
      <Box
        aria-busy={pages.isPlaceholderData}
        style={{ opacity: pages.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
      >
        <ListingTable listings={items} />
      </Box>
    );

  return (
    <>
      <PageHeader
        title={t('list.title')}
        actions={
          canWriteListings ? (
            <>
              {createButton}
              {importButton}
            </>
          ) : undefined
        }
      />
      <Paper
        withBorder
        p="md"
        mb="md"
        component="form"
        role="search"
        aria-label={t('list.filters')}
        onSubmit={(event: FormEvent) => event.preventDefault()}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <DebouncedTextInput
            label={t('list.q')}
            placeholder={t('list.qPlaceholder')}
            value={filters.q ?? ''}
            onCommit={(value) => set('q', value || null)}
            type="search"
          />
          <Select
            label={t('list.kind')}
            data={[
              { value: '', label: t('list.anyKind') },
              ...LISTING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
            ]}
            value={filters.kind ?? ''}
            onChange={(value) => set('kind', value || null)}
            allowDeselect={false}
          />
          <Select
            label={t('list.status')}
            data={[
              { value: '', label: t('list.anyStatus') },
              ...LISTING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
            value={filters.status ?? ''}
            onChange={(value) => set('status', value || null)}
            allowDeselect={false}
          />
          <DebouncedTextInput
            label={t('list.ipc')}
            placeholder={t('list.ipcPlaceholder')}
            value={filters.ipc ?? ''}
            onCommit={(value) => set('ipc', value || null)}
            spellCheck={false}
            autoComplete="off"
          />
        </SimpleGrid>
        <Group mt="sm" justify="space-between" wrap="wrap">
          <Checkbox
            label={t('list.archived')}
            checked={filters.archived === 'true'}
            onChange={(event) => set('archived', event.currentTarget.checked ? '1' : null)}
          />
          {hasFilters ? (
            <Button variant="subtle" size="xs" onClick={() => setParams(new URLSearchParams())}>
              {t('list.clear')}
            </Button>
          ) : null}
        </Group>
      </Paper>
      <Group gap="xs" mb="xs" role="status" aria-live="polite">
        {pages.data && items.length > 0 ? (
          <Text size="sm">
            {t('list.total', { total: number.format(total), shown: number.format(items.length) })}
          </Text>
        ) : null}
        {pages.isFetching && !pages.isPending ? (
          <Spinner size="xs" label={t('common:states.loading')} />
        ) : null}
      </Group>
      {content}
      {pages.isError && items.length > 0 ? (
        <Box mt="sm">
          <ErrorState error={pages.error} onRetry={() => void pages.fetchNextPage()} />
        </Box>
      ) : null}
      {pages.hasNextPage && !pages.isError ? (
        <Group mt="md">
          <Button
            variant="default"
            onClick={() => void pages.fetchNextPage()}
            loading={pages.isFetchingNextPage}
          >
            {t('list.more')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

function ListingTable({ listings }: { listings: ListingDto[] }) {
  const { t } = useTranslation('listings');
  const format = useFormatters();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fields.title')}</Table.Th>
            <Table.Th scope="col">{t('list.columns.kind')}</Table.Th>
            <Table.Th scope="col">{t('fields.holder')}</Table.Th>
            <Table.Th scope="col">{t('list.columns.ipc')}</Table.Th>
            <Table.Th scope="col">{t('fields.status')}</Table.Th>
            <Table.Th scope="col">{t('fields.verifiedOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {listings.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/listings/${l.id}`} fw={600}>
                    {l.title}
                  </Anchor>
                  {l.patentNumber ? <Text size="xs">{l.patentNumber}</Text> : null}
                </Stack>
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`kind.${l.kind}`)}</Table.Td>
              <Table.Td>{l.holderName ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {l.ipc.slice(0, 3).join(t('common.listSeparator'))}
                {l.ipc.length > 3 ? ` ${t('list.more3', { count: l.ipc.length - 3 })}` : ''}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t(`status.${l.status}`)}
                  </Text>
                  {l.archived ? (
                    <Badge variant="outline" color="gray.8" tt="none" size="sm">
                      {t('status.archived')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(l.verifiedOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
