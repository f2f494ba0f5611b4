import {
  Alert,
  Button,
  CopyButton,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarPlus, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CalendarFeedCreatedDto,
  useCalendarFeedActions,
  useCalendarFeeds,
} from '../../api/caravan';
import { useFormatters } from '../../app/preferences';
import { ErrorState } from '../../components/error-state';

/** A supporter's iCalendar feeds: create a secret URL (shown once, copy it), revoke one. */
export function CalendarFeeds({ supporterId }: { supporterId: string }) {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  const feeds = useCalendarFeeds(supporterId);
  const { create, revoke } = useCalendarFeedActions(supporterId);
  const [created, setCreated] = useState<CalendarFeedCreatedDto | null>(null);
  const url = created ? `${window.location.origin}${created.path}` : '';

  return (
    <Stack gap="sm" component="section" aria-labelledby="calendar-feeds-title">
      <Title order={3} size="h5" id="calendar-feeds-title">
        {t('calendar.title')}
      </Title>
      <Text size="sm">{t('calendar.intro')}</Text>
      {created ? (
        <Alert
          color="green"
          variant="light"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
          title={t('calendar.created')}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('calendar.url')}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  variant="outline"
                  color="dark"
                  onClick={copy}
                  leftSection={<IconCopy size={16} aria-hidden />}
                >
                  {copied ? t('calendar.copied') : t('calendar.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      ) : null}
      {feeds.isError ? <ErrorState error={feeds.error} /> : null}
      {feeds.data && feeds.data.items.length > 0 ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calendar.token')}</Table.Th>
              <Table.Th>{t('calendar.createdAt')}</Table.Th>
              <Table.Th>{t('calendar.lastUsed')}</Table.Th>
              <Table.Th>{t('followUps.columns.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {feeds.data.items.map((feed) => (
              <Table.Tr key={feed.id}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {feed.tokenPrefix}…
                  </Text>
                </Table.Td>
                <Table.Td>{format.dateTime(feed.createdAt)}</Table.Td>
                <Table.Td>{feed.lastUsedAt ? format.dateTime(feed.lastUsedAt) : '—'}</Table.Td>
                <Table.Td>
                  {feed.revokedAt ? (
                    <Text size="sm">{t('calendar.revoked')}</Text>
                  ) : (
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.8"
                      loading={revoke.isPending && revoke.variables === feed.id}
                      onClick={() => revoke.mutate(feed.id)}
                      aria-label={`${t('calendar.revoke')}: ${feed.tokenPrefix}`}
                    >
                      {t('calendar.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Group>
        <Button
          variant="default"
          leftSection={<IconCalendarPlus size={16} aria-hidden />}
          loading={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: setCreated })}
        >
          {t('calendar.create')}
        </Button>
      </Group>
    </Stack>
  );
}
