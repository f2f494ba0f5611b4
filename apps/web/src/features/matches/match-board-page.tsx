import { MATCH_STAGES, type MatchStage } from '@banso/shared';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowRight, IconChartFunnel, IconX } from '@tabler/icons-react';
import { type DragEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MatchDto, useMatches } from '../../api/matches';
import { useFormatters } from '../../app/preferences';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useMatchingPermissions } from '../listings/use-matching-permissions';
import { DropModal } from './drop-modal';
import { daysAtStage, stageDayOf, stageIndex, todayYmd } from './match-format';
import { StageMoveModal } from './stage-move-modal';

type Column = MatchStage | 'dropped';
const COLUMNS: readonly Column[] = [...MATCH_STAGES, 'dropped'];
const COLUMN_WIDTH = 248;
const DRAG_TYPE = 'application/x-banso-match';

type Action =
  | { kind: 'move'; match: MatchDto; stage?: MatchStage }
  | { kind: 'drop'; match: MatchDto };

/** Free text over the listing, the company and the coordinator (width- and case-insensitive). */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * /matches — マッチング案件 as a kanban: one column per stage (候補 → … → 製品化) and 不成立.
 * Moving forward asks for the day; it is a button on every card (次のステージへ) with a date
 * field, so the board works with the keyboard. Dragging a card onto a later column opens the
 * same dialog with that stage chosen.
 */
export default function MatchBoardPage() {
  const { t } = useTranslation('matches');
  const matches = useMatches();
  const { canWriteMatches } = useMatchingPermissions();
  const [action, setAction] = useState<Action | null>(null);
  const [q, setQ] = useState('');
  const today = todayYmd();

  const byColumn = useMemo(() => {
    const out = new Map<Column, MatchDto[]>(COLUMNS.map((c) => [c, []]));
    const needle = fold(q.trim());
    for (const m of matches.data?.items ?? []) {
      if (
        needle &&
        !fold(`${m.listingTitle} ${m.companyName} ${m.coordinatorName ?? ''}`).includes(needle)
      )
        continue;
      out.get(m.status === 'dropped' ? 'dropped' : m.stage)?.push(m);
    }
    return out;
  }, [matches.data, q]);

  const all = matches.data?.items ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('board.title')}
        actions={
          <Button
            component={Link}
            to="/matching/dashboard"
            variant="default"
            leftSection={<IconChartFunnel size={16} aria-hidden />}
          >
            {t('board.toDashboard')}
          </Button>
        }
      />
      {matches.isPending ? <Loading /> : null}
      {matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : null}
      {matches.data && all.length === 0 ? (
        <EmptyState
          title={t('board.emptyTitle')}
          description={t('board.emptyBody')}
          action={
            <Button component={Link} to="/listings" variant="default">
              {t('board.toListings')}
            </Button>
          }
        />
      ) : null}
      {matches.data && all.length > 0 ? (
        <>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <TextInput
              label={t('board.filter')}
              placeholder={t('board.filterPlaceholder')}
              type="search"
              value={q}
              onChange={(event) => setQ(event.currentTarget.value)}
              w={320}
            />
            <Text size="sm" role="status">
              {t('board.count', { count: all.length })}
            </Text>
          </Group>
          {/* The board scrolls sideways inside its own region (focusable for the keyboard); its
              width must not widen the page, hence inline-size containment. */}
          <ScrollArea
            type="auto"
            scrollbars="x"
            offsetScrollbars="x"
            style={{ contain: 'inline-size' }}
            viewportProps={{
              tabIndex: 0,
              role: 'region',
              'aria-label': t('board.regionLabel'),
            }}
          >
            <Group
              align="stretch"
              gap="sm"
              wrap="nowrap"
              style={{ minWidth: COLUMNS.length * (COLUMN_WIDTH + 12) }}
            >
              {COLUMNS.map((column) => (
                <BoardColumn
                  key={column}
                  column={column}
                  items={byColumn.get(column) ?? []}
                  today={today}
                  canWrite={canWriteMatches}
                  onAction={setAction}
                />
              ))}
            </Group>
          </ScrollArea>
        </>
      ) : null}
      {action?.kind === 'move' ? (
        <StageMoveModal
          match={action.match}
          initialStage={action.stage}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'drop' ? (
        <DropModal match={action.match} onClose={() => setAction(null)} />
      ) : null}
    </Stack>
  );
}

function BoardColumn({
  column,
  items,
  today,
  canWrite,
  onAction,
}: {
  column: Column;
  items: MatchDto[];
  today: string;
  canWrite: boolean;
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation('matches');
  const titleId = useId();
  const [over, setOver] = useState(false);
  const title = column === 'dropped' ? t('dropped') : t(`stage.${column}`);

  /** A card may be dropped on a later stage, or on 不成立 while active. */
  const accepts = (m: MatchDto) =>
    m.status === 'active' && (column === 'dropped' || stageIndex(column) > stageIndex(m.stage));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    const match = dragged.get(id);
    if (!match || !accepts(match)) return;
    onAction(
      column === 'dropped' ? { kind: 'drop', match } : { kind: 'move', match, stage: column },
    );
  };

  return (
    <Paper
      withBorder
      p="xs"
      w={COLUMN_WIDTH}
      component="section"
      aria-labelledby={titleId}
      bg={over ? 'blue.0' : 'gray.0'}
      style={{ flexShrink: 0 }}
      onDragOver={(event: DragEvent) => {
        if (!canWrite || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Title order={2} size="h5" id={titleId}>
          {title}
          <VisuallyHidden>{t('board.columnCount', { count: items.length })}</VisuallyHidden>
        </Title>
        <Badge variant="filled" color={column === 'dropped' ? 'gray.8' : 'blue.8'} aria-hidden>
          {items.length}
        </Badge>
      </Group>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((m) => (
          <MatchCard key={m.id} match={m} today={today} canWrite={canWrite} onAction={onAction} />
        ))}
      </Stack>
    </Paper>
  );
}

/** The cards being dragged, by id (dataTransfer carries only the id). */
const dragged = new Map<string, MatchDto>();

function MatchCard({
  match: m,
  today,
  canWrite,
  onAction,
}: {
  match: MatchDto;
  today: string;
  canWrite: boolean;
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation('matches');
  const format = useFormatters();
  const titleId = useId();
  const days = daysAtStage(m, today);
  const active = m.status === 'active';
  const last = m.stage === MATCH_STAGES[MATCH_STAGES.length - 1];
  const pair = t('move.pair', { listing: m.listingTitle, company: m.companyName });
  return (
    <Paper
      component="li"
      withBorder
      p="xs"
      aria-labelledby={titleId}
      draggable={canWrite && active}
      onDragStart={(event: DragEvent) => {
        dragged.set(m.id, m);
        event.dataTransfer.setData(DRAG_TYPE, m.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragEnd={() => dragged.delete(m.id)}
    >
      <Anchor
        component={Link}
        to={`/matches/${m.id}`}
        fw={700}
        size="sm"
        id={titleId}
        style={{ overflowWrap: 'anywhere' }}
      >
        {m.listingTitle}
      </Anchor>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {m.companyName}
      </Text>
      <Text size="xs" mt={4}>
        {t('board.coordinator', { name: m.coordinatorName ?? t('board.noCoordinator') })}
      </Text>
      <Text size="xs">
        {active
          ? t('board.days', { date: format.date(stageDayOf(m)), days: days ?? 0 })
          : t('board.droppedOn', { date: format.date(m.droppedOn) })}
      </Text>
      {!active && m.dropReason ? (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {t('board.dropReason', { reason: m.dropReason })}
        </Text>
      ) : null}
      {canWrite && active ? (
        <Group gap={4} mt="xs" wrap="wrap">
          {last ? null : (
            <Button
              size="compact-xs"
              rightSection={<IconArrowRight size={12} aria-hidden />}
              aria-label={t('board.nextLabel', { pair })}
              onClick={() => onAction({ kind: 'move', match: m })}
            >
              {t('board.next')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconX size={12} aria-hidden />}
            aria-label={t('board.dropLabel', { pair })}
            onClick={() => onAction({ kind: 'drop', match: m })}
          >
            {t('board.drop')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
