import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMatches } from '../../../api/matches';
import { useFormatters } from '../../../app/preferences';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/loading';

/** The マッチング案件 of one listing: which company, how far, since when. */
export function ListingMatches({ listingId }: { listingId: string }) {
  const { t } = useTranslation('listings');
  const format = useFormatters();
  const matches = useMatches({ listingId });
  if (matches.isPending) return <Loading />;
  if (matches.isError)
    return <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />;
  const items = matches.data.items;
  if (items.length === 0)
    return (
      <EmptyState title={t('detail.matchesEmptyTitle')} description={t('detail.matchesEmpty')} />
    );
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder>
        <Table.Caption>{t('detail.matchesCaption', { count: items.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('detail.matchColumns.company')}</Table.Th>
            <Table.Th scope="col">{t('detail.matchColumns.stage')}</Table.Th>
            <Table.Th scope="col">{t('detail.matchColumns.since')}</Table.Th>
            <Table.Th scope="col">{t('detail.matchColumns.coordinator')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/matches/${m.id}`}>
                  {m.companyName}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {m.status === 'dropped' ? (
                  <Badge variant="outline" color="red.9" tt="none">
                    {t('matches:dropped')}
                  </Badge>
                ) : (
                  t(`matches:stage.${m.stage}`)
                )}
              </Table.Td>
              <Table.Td>
                {format.date(
                  m.status === 'dropped' ? m.droppedOn : (m.stageDates[m.stage] ?? null),
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.coordinatorName ?? t('detail.noCoordinator')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
