import { localDateOf } from '@banso/shared';
import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type PlannerDto, type PlannerParams, usePlanner, useSupporters } from '../../api/caravan';
import { useFormatters } from '../../app/preferences';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { CompanyFlagButton } from '../visits/company-flag-button';
import { TeamProposalButton } from '../visits/team-proposal';
import { useCaravanPermissions } from '../visits/use-caravan-permissions';
import { reasonText } from './planner-reasons';
import { ProgressPanel } from './progress-panel';

type Item = PlannerDto['items'][number];

function ReasonList({ item }: { item: Item }) {
  const { t } = useTranslation('caravan');
  return (
    <Group gap={4} wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {item.reasons.map((r) => (
        <li key={r.code}>
          <Badge
            variant={r.code === 'flagged' || r.code === 'overdue_follow_ups' ? 'filled' : 'light'}
            color={
              r.code === 'overdue_follow_ups' ? 'red.8' : r.code === 'flagged' ? 'blue.8' : 'gray'
            }
            c={r.code === 'overdue_follow_ups' || r.code === 'flagged' ? undefined : 'dark.7'}
            tt="none"
            style={{ height: 'auto', whiteSpace: 'normal' }}
          >
            {reasonText(r, t)}
          </Badge>
        </li>
      ))}
    </Group>
  );
}

export function PlannerTable({
  items,
  rankOf,
  canWrite,
}: {
  items: readonly Item[];
  rankOf: (id: string) => number;
  canWrite: boolean;
}) {
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  const navigate = useNavigate();
  const supporters = useSupporters({ active: 'true' }, canWrite);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>{t('planner.rank')}</Table.Th>
            <Table.Th>{t('common.company')}</Table.Th>
            <Table.Th>{t('planner.reasons')}</Table.Th>
            <Table.Th w={120}>{t('planner.lastContact')}</Table.Th>
            {canWrite ? <Table.Th w={200}>{t('followUps.columns.action')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {rankOf(item.id)}
                </Text>
                <Text size="xs">
                  {t('planner.score')} {item.score}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${item.id}`} size="sm" fw={600}>
                  {item.name}
                </Anchor>
                <Text size="xs">{item.municipalityName ?? t('planner.unknownArea')}</Text>
              </Table.Td>
              <Table.Td>
                <ReasonList item={item} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.lastContactOn ? format.date(item.lastContactOn) : '—'}</Text>
              </Table.Td>
              {canWrite ? (
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Button
                      size="xs"
                      component={Link}
                      to={`/visits/new?companyId=${item.id}`}
                      leftSection={<IconCalendarPlus size={14} aria-hidden />}
                      aria-label={`${t('planner.plan')}: ${item.name}`}
                    >
                      {t('planner.plan')}
                    </Button>
                    <TeamProposalButton
                      companyId={item.id}
                      companyName={item.name}
                      supporters={supporters.data?.items ?? []}
                      label={t('planner.team')}
                      onUse={(team) =>
                        navigate(
                          `/visits/new?companyId=${item.id}&team=${team.map((m) => m.supporterId).join(',')}`,
                        )
                      }
                    />
                    <CompanyFlagButton
                      companyId={item.id}
                      companyName={item.name}
                      flagged={item.reasons.some((r) => r.code === 'flagged')}
                    />
                  </Stack>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const thisMonth = () => localDateOf(new Date()).slice(0, 7);

/** /planner — 訪問計画: who to visit in a month or quarter and why, and the pace to the target. */
export default function PlannerPage() {
  const { t } = useTranslation('caravan');
  const [params, setParams] = useSearchParams();
  const period = params.get('period') === 'quarter' ? 'quarter' : 'month';
  const month = /^\d{4}-\d{2}$/.test(params.get('from') ?? '')
    ? (params.get('from') as string)
    : thisMonth();
  const stale = Number(params.get('stale') ?? 12) || 12;
  const grouped = params.get('group') === '1';
  const { canWrite } = useCaravanPermissions();
  const query: PlannerParams = { period, from: `${month}-01`, staleAfterMonths: stale, limit: 50 };
  const planner = usePlanner(query);

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const data = planner.data;
  const rank = new Map(data?.items.map((item, i) => [item.id, i + 1]) ?? []);
  const rankOf = (id: string) => rank.get(id) ?? 0;
  const byId = new Map(data?.items.map((item) => [item.id, item]) ?? []);

  return (
    <Stack gap="md">
      <PageHeader title={t('planner.title')} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" verticalSpacing="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="planner-period-label">
              {t('planner.period')}
            </Text>
            <SegmentedControl
              aria-labelledby="planner-period-label"
              value={period}
              onChange={(v) => set('period', v === 'month' ? null : v)}
              data={[
                { value: 'month', label: t('planner.periods.month') },
                { value: 'quarter', label: t('planner.periods.quarter') },
              ]}
            />
          </Stack>
          <TextInput
            type="month"
            label={t('planner.from')}
            value={month}
            onChange={(e) => set('from', e.currentTarget.value || null)}
          />
          <NumberInput
            label={t('planner.staleAfter')}
            min={1}
            max={120}
            value={stale}
            onChange={(v) => set('stale', typeof v === 'number' && v !== 12 ? String(v) : null)}
          />
          <Switch
            mt={{ base: 0, md: 'xl' }}
            label={t('planner.groupByArea')}
            checked={grouped}
            onChange={(e) => set('group', e.currentTarget.checked ? '1' : null)}
          />
        </SimpleGrid>
      </Paper>
      {planner.isPending ? <Loading /> : null}
      {planner.isError ? (
        <ErrorState error={planner.error} onRetry={() => void planner.refetch()} />
      ) : null}
      {data ? (
        <>
          <ProgressPanel
            progress={data.progress}
            planned={{ planned: data.plannedInPeriod, suggested: data.suggestedCount }}
          />
          <Text size="sm">
            {t('planner.candidates', { count: data.candidates, shown: data.items.length })}
          </Text>
          {data.items.length === 0 ? (
            <Text>{t('planner.empty')}</Text>
          ) : grouped ? (
            data.groups.map((group) => (
              <Paper
                key={group.municipalityCode ?? 'none'}
                withBorder
                p="sm"
                component="section"
                aria-label={group.municipalityName ?? t('planner.unknownArea')}
              >
                <Title order={2} size="h5" mb="xs">
                  {group.municipalityName ?? t('planner.unknownArea')}（{group.companyIds.length}）
                </Title>
                <PlannerTable
                  items={group.companyIds.flatMap((id) => byId.get(id) ?? [])}
                  rankOf={rankOf}
                  canWrite={canWrite}
                />
              </Paper>
            ))
          ) : (
            <PlannerTable items={data.items} rankOf={rankOf} canWrite={canWrite} />
          )}
        </>
      ) : null}
    </Stack>
  );
}
