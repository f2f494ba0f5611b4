import { SUPPORTER_KINDS } from '@banso/shared';
import {
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type SupporterDto, useSupporters } from '../../api/caravan';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCaravanPermissions } from '../visits/use-caravan-permissions';
import { CalendarFeeds } from './calendar-feeds';
import { SupporterForm } from './supporter-form';

/** /supporters — the people who go on visits: kind, organisation, expertise, monthly capacity. */
export default function SupportersPage() {
  const { t } = useTranslation('caravan');
  const { canWrite, canConfigure } = useCaravanPermissions();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const [debounced] = useDebouncedValue(q, 250);
  const supporters = useSupporters({
    q: debounced || undefined,
    kind: (kind ?? undefined) as SupporterDto['kind'] | undefined,
    active: showInactive ? undefined : 'true',
  });
  const [editing, setEditing] = useState<SupporterDto | 'new' | null>(null);
  const sep = t('common.listSeparator');

  const add = canWrite ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
      {t('supporters.add')}
    </Button>
  ) : null;
  const settings = canConfigure ? (
    <Button
      component={Link}
      to="/supporters/settings"
      variant="default"
      leftSection={<IconSettings size={16} aria-hidden />}
    >
      {t('settings.link')}
    </Button>
  ) : null;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('supporters.title')}
        actions={
          settings || add ? (
            <>
              {settings}
              {add}
            </>
          ) : null
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('supporters.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <Select
          label={t('supporters.columns.kind')}
          placeholder={t('visits.all')}
          clearable
          data={SUPPORTER_KINDS.map((k) => ({ value: k, label: t(`supporterKind.${k}`) }))}
          value={kind}
          onChange={setKind}
          w={200}
        />
        <Switch
          mb={8}
          label={t('supporters.showInactive')}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
        />
      </Group>
      {supporters.isPending ? <Loading /> : null}
      {supporters.isError ? (
        <ErrorState error={supporters.error} onRetry={() => void supporters.refetch()} />
      ) : null}
      {supporters.data && supporters.data.items.length === 0 ? (
        <EmptyState title={t('supporters.empty')} action={add} />
      ) : null}
      {supporters.data && supporters.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supporters.columns.name')}</Table.Th>
                <Table.Th>{t('supporters.columns.kind')}</Table.Th>
                <Table.Th>{t('supporters.columns.organization')}</Table.Th>
                <Table.Th>{t('supporters.columns.expertise')}</Table.Th>
                <Table.Th>{t('supporters.columns.capacity')}</Table.Th>
                {canWrite ? <Table.Th>{t('supporters.columns.action')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {supporters.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {s.name}
                      </Text>
                      {s.active ? null : (
                        <Badge variant="outline" color="gray.8" tt="none">
                          {t('supporters.inactive')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`supporterKind.${s.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.organization ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.expertise.join(sep) || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('common.capacity', { count: s.monthlyCapacity })}</Text>
                  </Table.Td>
                  {canWrite ? (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => setEditing(s)}
                        aria-label={t('supporters.editOne', { name: s.name })}
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('supporters.newTitle') : t('supporters.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        {editing !== null ? (
          <Stack gap="md">
            <SupporterForm
              key={editing === 'new' ? 'new' : editing.id}
              supporter={editing === 'new' ? undefined : editing}
              onDone={() => setEditing(null)}
            />
            {editing !== 'new' ? (
              <>
                <Divider />
                <CalendarFeeds supporterId={editing.id} />
              </>
            ) : null}
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
