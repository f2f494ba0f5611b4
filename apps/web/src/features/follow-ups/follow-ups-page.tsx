import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  type FollowUpDto,
  useCompleteFollowUp,
  useFollowUps,
  useSupporters,
} from '../../api/caravan';
import { useSession } from '../../api/session';
import { useFormatters } from '../../app/preferences';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useCaravanPermissions } from '../visits/use-caravan-permissions';

const TABS = ['mine', 'overdue', 'team', 'open'] as const;
type Tab = (typeof TABS)[number];

/** Asks for a note and completes the follow-up with the version shown. */
export function CompleteFollowUpModal({
  followUp,
  onClose,
}: {
  followUp: FollowUpDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('caravan');
  const [note, setNote] = useState('');
  const complete = useCompleteFollowUp();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!followUp) return;
    setError(null);
    try {
      await complete.mutateAsync({
        id: followUp.id,
        body: { version: followUp.version, note: note.trim() === '' ? null : note },
      });
      notifications.show({
        color: 'green',
        message: t('followUps.completed', { title: followUp.title }),
      });
      setNote('');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Modal
      opened={followUp !== null}
      onClose={onClose}
      title={t('followUps.completeTitle')}
      closeButtonProps={{ 'aria-label': t('common.cancel') }}
    >
      <Stack>
        <Text fw={600}>{followUp?.title}</Text>
        <Text size="sm">{followUp?.companyName}</Text>
        <Textarea
          label={t('followUps.completeNote')}
          autosize
          minRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={() => void submit()}
            loading={complete.isPending}
          >
            {t('followUps.completeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function FollowUpTable({
  items,
  canComplete,
  onComplete,
}: {
  items: readonly FollowUpDto[];
  canComplete: boolean;
  onComplete: (followUp: FollowUpDto) => void;
}) {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  if (items.length === 0) return <Text py="md">{t('followUps.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('followUps.columns.title')}</Table.Th>
            <Table.Th>{t('followUps.columns.company')}</Table.Th>
            <Table.Th>{t('followUps.columns.assignee')}</Table.Th>
            <Table.Th>{t('followUps.columns.due')}</Table.Th>
            <Table.Th>{t('followUps.columns.status')}</Table.Th>
            {canComplete ? <Table.Th>{t('followUps.columns.action')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/visits/${f.visitId}`} size="sm">
                  {f.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${f.companyId}`} size="sm">
                  {f.companyName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.assignee?.name ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm">{format.date(f.dueOn)}</Text>
                  {f.overdue ? (
                    <Badge variant="filled" color="red.8" tt="none">
                      {t('detail.overdue')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {f.status === 'done'
                    ? `${t('followUpStatus.done')}（${format.date(f.completedOn)}）`
                    : t('followUpStatus.open')}
                </Text>
              </Table.Td>
              {canComplete ? (
                <Table.Td>
                  {f.status === 'open' ? (
                    <Button
                      size="xs"
                      variant="outline"
                      onClick={() => onComplete(f)}
                      aria-label={`${t('followUps.complete')}: ${f.title}`}
                    >
                      {t('followUps.complete')}
                    </Button>
                  ) : null}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /follow-ups — 自分のフォローアップ, 期限切れ, チーム別 (a supporter's visits), すべての未完了. */
export default function FollowUpsPage() {
  const { t } = useTranslation('caravan');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'mine';
  const member = params.get('member') ?? '';
  const { canCompleteFollowUps, canPlan } = useCaravanPermissions();
  const supporters = useSupporters({}, canPlan);
  const [completing, setCompleting] = useState<FollowUpDto | null>(null);
  const userId = useSession().data?.user.id;
  const linked = supporters.data?.items.some((s) => s.userId === userId) ?? true;

  const query =
    tab === 'mine'
      ? { mine: 'true' as const, status: 'open' as const }
      : tab === 'overdue'
        ? { overdue: 'true' as const }
        : tab === 'team'
          ? { teamMemberId: member || undefined, status: 'open' as const }
          : { status: 'open' as const };
  const followUps = useFollowUps(query, tab !== 'team' || Boolean(member));

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('followUps.title')} />
      <Tabs value={tab} onChange={(v) => set({ tab: v })} keepMounted={false}>
        <Tabs.List>
          {TABS.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`followUps.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((key) => (
          <Tabs.Panel key={key} value={key} pt="md">
            <Stack gap="sm">
              {key === 'team' ? (
                <Select
                  label={t('followUps.member')}
                  description={t('followUps.memberHint')}
                  placeholder={t('followUps.memberPlaceholder')}
                  searchable
                  data={(supporters.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name}（${t(`supporterKind.${s.kind}`)}）`,
                  }))}
                  value={member || null}
                  onChange={(v) => set({ member: v })}
                  maw={360}
                />
              ) : null}
              {key === 'mine' && !linked ? (
                <Text size="sm">{t('followUps.noSupporter')}</Text>
              ) : null}
              {(key === 'team' && !member) ||
              (key === 'mine' && !linked) ? null : followUps.isPending ? (
                <Loading />
              ) : followUps.isError ? (
                <ErrorState error={followUps.error} onRetry={() => void followUps.refetch()} />
              ) : (
                <FollowUpTable
                  items={followUps.data.items}
                  canComplete={canCompleteFollowUps}
                  onComplete={setCompleting}
                />
              )}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      <CompleteFollowUpModal followUp={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}
