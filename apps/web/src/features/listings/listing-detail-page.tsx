import { Alert, Anchor, Badge, Box, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useListing } from '../../api/listings';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ListingCandidates } from './candidates/listing-candidates';
import { ListingArchiveButton } from './detail/listing-archive-button';
import { ListingMatches } from './detail/listing-matches';
import { ListingProfile } from './detail/listing-profile';
import { useMatchingPermissions } from './use-matching-permissions';

const TABS = ['detail', 'candidates', 'matches'] as const;
type Tab = (typeof TABS)[number];

/**
 * /listings/:id — one open patent (or other seed or need): its record, 「候補企業」 with reasons
 * and decisions, and its マッチング案件. The tab is in the URL (?tab=candidates), so it can be
 * linked and survives a reload.
 */
export default function ListingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('listings');
  const listing = useListing(id);
  const { canWriteListings, canReadCandidates } = useMatchingPermissions();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tabs = TABS.filter((tab) => tab !== 'candidates' || canReadCandidates);
  const tab: Tab = asked && tabs.includes(asked) ? asked : 'detail';

  const back = (
    <Anchor component={Link} to="/listings" size="sm" className="no-print">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('detail.backToList')}
      </Group>
    </Anchor>
  );

  if (listing.isPending) return <Loading />;
  if (listing.isError) {
    const notFound = listing.error instanceof ApiError && listing.error.status === 404;
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('detail.title')} />
        <ErrorState
          error={listing.error}
          onRetry={notFound ? undefined : () => void listing.refetch()}
        />
      </Stack>
    );
  }

  const l = listing.data;
  return (
    <Stack gap="md">
      {back}
      <Box>
        <PageHeader
          title={l.title}
          actions={
            canWriteListings ? (
              <Group gap="sm" className="no-print">
                <Button
                  component={Link}
                  to={`/listings/${l.id}/edit`}
                  leftSection={<IconEdit size={16} aria-hidden />}
                >
                  {t('detail.edit')}
                </Button>
                <ListingArchiveButton listing={l} />
              </Group>
            ) : undefined
          }
        />
        <Group gap="xs" mt={-8} wrap="wrap">
          <Badge variant="light" color="blue" c="blue.9" tt="none">
            {t(`kind.${l.kind}`)}
          </Badge>
          <Badge variant="outline" color={l.status === 'offered' ? 'teal.9' : 'gray.8'} tt="none">
            {t(`status.${l.status}`)}
          </Badge>
          {l.archived ? (
            <Badge variant="outline" color="gray.8" tt="none">
              {t('status.archived')}
            </Badge>
          ) : null}
          {l.patentNumber ? <Text size="sm">{l.patentNumber}</Text> : null}
          {l.holderName ? (
            <Text size="sm">{t('detail.holderLine', { name: l.holderName })}</Text>
          ) : null}
        </Group>
      </Box>
      {l.archived ? (
        <Alert color="yellow" variant="light">
          <Text size="sm">{t('detail.archivedNotice')}</Text>
        </Alert>
      ) : null}
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          if (!value || value === 'detail') next.delete('tab');
          else next.set('tab', value);
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List className="no-print">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`detail.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="detail" pt="md">
          <Stack gap="md">
            <ListingProfile listing={l} />
          </Stack>
        </Tabs.Panel>
        {canReadCandidates ? (
          <Tabs.Panel value="candidates" pt="md">
            <ListingCandidates listing={l} />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="matches" pt="md">
          <ListingMatches listingId={l.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
