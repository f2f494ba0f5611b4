import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHighlight, IconHourglass, IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type CandidateDto,
  isIndexBuilding,
  useDecide,
  useMatchingStatus,
} from '../../../api/matching';
import { useFormatters } from '../../../app/preferences';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState, useErrorMessage } from '../../../components/error-state';
import { Loading } from '../../../components/loading';
import { useMatchingPermissions } from '../use-matching-permissions';
import { Highlighted } from './highlight';
import { ReasonList } from './reason-list';
import { RejectModal } from './reject-modal';

/** One text of the listing or company the candidates are for, shown beside them. */
export interface SourceText {
  label: string;
  text: string;
}

export interface CandidatePanelProps {
  /** 候補企業 (companies for a listing) or 候補特許 (listings for a company). */
  direction: 'companies' | 'listings';
  subjectId: string;
  /** The texts the highlighted terms are marked in. */
  source: readonly SourceText[];
  candidates: UseQueryResult<{ items: CandidateDto[] }>;
  /** What to do when there are no candidates. */
  emptyBody: string;
  /** Filters above the list (the company's kind filter). */
  filters?: ReactNode;
}

/**
 * Ranked candidates with the reasons a coordinator can check, the shared terms marked in the
 * subject's own text beside them, and the decisions: 採用 (opens a 候補 match, linked) and 見送り
 * (with a required reason). A decision teaches the engine; the list is then fetched again and
 * shows the new ranking.
 */
export function CandidatePanel({
  direction,
  subjectId,
  source,
  candidates,
  emptyBody,
  filters,
}: CandidatePanelProps) {
  const { t } = useTranslation('listings');
  const { canDecide } = useMatchingPermissions();
  const errorMessage = useErrorMessage();
  const decide = useDecide();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<CandidateDto | null>(null);
  const [accepted, setAccepted] = useState<{ label: string; matchId: string | null } | null>(null);
  const sourceId = useId();

  const pairOf = (c: CandidateDto) =>
    direction === 'companies'
      ? { listingId: subjectId, companyId: c.id }
      : { listingId: c.id, companyId: subjectId };
  const linkOf = (c: CandidateDto) =>
    direction === 'companies' ? `/companies/${c.id}` : `/listings/${c.id}`;

  const items = candidates.data?.items ?? [];
  const selected = items.find((c) => c.id === selectedId) ?? items[0] ?? null;

  function accept(c: CandidateDto) {
    setAccepted(null);
    decide.mutate(
      { ...pairOf(c), verdict: 'accepted' },
      {
        onSuccess: (result) => setAccepted({ label: c.label, matchId: result.matchId }),
        onError: (error) =>
          notifications.show({ color: 'red', message: errorMessage(error), autoClose: false }),
      },
    );
  }

  let list: ReactNode;
  if (candidates.isPending) list = <Loading />;
  else if (candidates.isError && isIndexBuilding(candidates.error))
    list = <IndexBuilding onRetry={() => void candidates.refetch()} />;
  else if (candidates.isError)
    list = <ErrorState error={candidates.error} onRetry={() => void candidates.refetch()} />;
  else if (items.length === 0)
    list = <EmptyState title={t('candidates.emptyTitle')} description={emptyBody} />;
  else
    list = (
      <Stack
        component="ol"
        gap="sm"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t(`candidates.listLabel.${direction}`)}
        aria-busy={candidates.isFetching}
      >
        {items.map((c, i) => (
          <CandidateCard
            key={c.id}
            rank={i + 1}
            candidate={c}
            href={linkOf(c)}
            selected={selected?.id === c.id}
            sourceId={sourceId}
            canDecide={canDecide}
            deciding={
              decide.isPending &&
              decide.variables?.verdict === 'accepted' &&
              decide.variables.listingId === pairOf(c).listingId &&
              decide.variables.companyId === pairOf(c).companyId
            }
            onSelect={() => setSelectedId(c.id)}
            onAccept={() => accept(c)}
            onReject={() => setRejecting(c)}
          />
        ))}
      </Stack>
    );

  return (
    <Stack gap="sm">
      {filters}
      {accepted ? (
        <Alert color="teal" variant="light" role="status" withCloseButton={false}>
          <Group gap="sm" wrap="wrap">
            <Text size="sm">{t('candidates.accepted', { label: accepted.label })}</Text>
            {accepted.matchId ? (
              <Anchor component={Link} to={`/matches/${accepted.matchId}`} size="sm" fw={700}>
                {t('candidates.openNewMatch')}
              </Anchor>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper
            withBorder
            p="md"
            component="section"
            aria-labelledby={`${sourceId}-title`}
            id={sourceId}
            style={{ position: 'sticky', top: 72 }}
          >
            <Title order={3} size="h5" id={`${sourceId}-title`}>
              {selected
                ? t('candidates.sourceTitle', { label: selected.label })
                : t('candidates.sourceTitleNone')}
            </Title>
            {selected && selected.highlight.length > 0 ? (
              <Text size="xs" mt={4}>
                {t('candidates.highlightTerms', {
                  terms: selected.highlight.join(t('common.listSeparator')),
                })}
              </Text>
            ) : null}
            <Stack gap="xs" component="dl" mt="sm" mb={0} mx={0}>
              {source.filter((s) => s.text.trim() !== '').length === 0 ? (
                <Text size="sm">{t('candidates.noText')}</Text>
              ) : (
                source
                  .filter((s) => s.text.trim() !== '')
                  .map((s) => (
                    <Box key={s.label}>
                      <Text component="dt" size="sm" fw={700}>
                        {s.label}
                      </Text>
                      <Text
                        component="dd"
                        size="sm"
                        m={0}
                        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                      >
                        <Highlighted text={s.text} terms={selected?.highlight ?? []} />
                      </Text>
                    </Box>
                  ))
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>{list}</Grid.Col>
      </Grid>
      {rejecting ? (
        <RejectModal
          candidate={rejecting}
          pair={pairOf(rejecting)}
          decide={decide}
          onClose={() => setRejecting(null)}
        />
      ) : null}
    </Stack>
  );
}

function CandidateCard({
  rank,
  candidate: c,
  href,
  selected,
  sourceId,
  canDecide,
  deciding,
  onSelect,
  onAccept,
  onReject,
}: {
  rank: number;
  candidate: CandidateDto;
  href: string;
  selected: boolean;
  sourceId: string;
  canDecide: boolean;
  deciding: boolean;
  onSelect: () => void;
  onAccept: () => void;
  onReject: () => void;
}) {
  const { t } = useTranslation('listings');
  const format = useFormatters();
  const titleId = useId();
  const score = Math.round(c.score * 100) / 100;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      aria-labelledby={titleId}
      style={selected ? { borderColor: 'var(--mantine-color-blue-8)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="xs" align="baseline" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={700} size="sm" style={{ flexShrink: 0 }}>
            {t('candidates.rank', { rank })}
          </Text>
          <Anchor
            component={Link}
            to={href}
            fw={700}
            id={titleId}
            style={{ overflowWrap: 'anywhere' }}
          >
            {c.label}
          </Anchor>
        </Group>
        <Text size="sm" style={{ flexShrink: 0 }}>
          {t('candidates.score', { score })}
        </Text>
      </Group>
      {c.detail ? <Text size="sm">{c.detail}</Text> : null}
      <Text size="sm" mt={6} style={{ overflowWrap: 'anywhere' }}>
        <Highlighted text={c.summary} terms={c.highlight} />
      </Text>
      <Box mt={6}>
        <ReasonList reasons={c.reasons} />
      </Box>
      {c.decision ? (
        <Group gap="xs" mt={6} wrap="wrap">
          <Badge
            variant="outline"
            color={c.decision.verdict === 'accepted' ? 'teal.9' : 'red.9'}
            tt="none"
          >
            {t(`candidates.decision.${c.decision.verdict}`)}
          </Badge>
          <Text size="sm">
            {t('candidates.decidedOn', { date: format.date(c.decision.at) })}
            {c.decision.reason ? `: ${c.decision.reason}` : ''}
          </Text>
        </Group>
      ) : null}
      <Group gap="xs" mt="sm" wrap="wrap">
        <Button
          size="xs"
          variant={selected ? 'light' : 'default'}
          leftSection={<IconHighlight size={14} aria-hidden />}
          aria-pressed={selected}
          aria-controls={sourceId}
          aria-label={t('candidates.highlightLabel', { label: c.label })}
          onClick={onSelect}
        >
          {t('candidates.highlight')}
        </Button>
        {c.matchId ? (
          <Button size="xs" variant="light" component={Link} to={`/matches/${c.matchId}`}>
            {t('candidates.openMatch')}
          </Button>
        ) : canDecide ? (
          <Button
            size="xs"
            leftSection={<IconThumbUp size={14} aria-hidden />}
            aria-label={t('candidates.acceptLabel', { label: c.label })}
            loading={deciding}
            onClick={onAccept}
          >
            {t('candidates.accept')}
          </Button>
        ) : null}
        {canDecide && !c.matchId && c.decision?.verdict !== 'rejected' ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconThumbDown size={14} aria-hidden />}
            aria-label={t('candidates.rejectLabel', { label: c.label })}
            onClick={onReject}
          >
            {t('candidates.reject')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

/** 503 while the index is being built: what is happening, its progress, and a retry. */
function IndexBuilding({ onRetry }: { onRetry: () => void }) {
  const { t, i18n } = useTranslation('listings');
  const status = useMatchingStatus(true);
  const number = new Intl.NumberFormat(i18n.language);
  const s = status.data;
  const percent = s && s.total > 0 ? Math.round((s.done / s.total) * 100) : null;
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconHourglass aria-hidden />}
      title={t('candidates.building')}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{t('candidates.buildingBody')}</Text>
        {s && percent !== null ? (
          <>
            <Progress value={percent} aria-label={t('candidates.buildingProgressLabel')} />
            <Text size="sm">
              {t('candidates.buildingProgress', {
                done: number.format(s.done),
                total: number.format(s.total),
              })}
            </Text>
          </>
        ) : null}
        <Group>
          <Button variant="outline" size="xs" onClick={onRetry}>
            {t('candidates.retryNow')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
