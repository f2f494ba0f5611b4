import { MATCH_STAGES } from '@banso/shared';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  DataList,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCheck, IconX } from '@tabler/icons-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type MatchDto, useMatch } from '../../api/matches';
import { useFormatters } from '../../app/preferences';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useMatchingPermissions } from '../listings/use-matching-permissions';
import { MatchEditForm } from './detail/match-edit-form';
import { DropModal } from './drop-modal';
import { stageIndex } from './match-format';
import { StageMoveModal } from './stage-move-modal';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** /matches/:id — one マッチング案件: where it stands, its stages and days, and its details. */
export default function MatchDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('matches');
  const match = useMatch(id);
  const { canWriteMatches } = useMatchingPermissions();
  const format = useFormatters();
  const [action, setAction] = useState<'move' | 'drop' | null>(null);

  const back = (
    <Anchor component={Link} to="/matches" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('detail.backToBoard')}
      </Group>
    </Anchor>
  );

  if (match.isPending) return <Loading />;
  if (match.isError) {
    const notFound = match.error instanceof ApiError && match.error.status === 404;
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('detail.title')} />
        <ErrorState
          error={match.error}
          onRetry={notFound ? undefined : () => void match.refetch()}
        />
      </Stack>
    );
  }

  const m = match.data;
  const active = m.status === 'active';
  const last = m.stage === MATCH_STAGES[MATCH_STAGES.length - 1];
  return (
    <Stack gap="md">
      {back}
      <Box>
        <PageHeader
          title={t('detail.heading', { listing: m.listingTitle, company: m.companyName })}
          actions={
            canWriteMatches && active ? (
              <>
                {last ? null : (
                  <Button
                    rightSection={<IconArrowRight size={16} aria-hidden />}
                    onClick={() => setAction('move')}
                  >
                    {t('board.next')}
                  </Button>
                )}
                <Button
                  variant="default"
                  leftSection={<IconX size={16} aria-hidden />}
                  onClick={() => setAction('drop')}
                >
                  {t('board.drop')}
                </Button>
              </>
            ) : undefined
          }
        />
        <Group gap="xs" mt={-8} wrap="wrap">
          {active ? (
            <Badge variant="light" color="blue" c="blue.9" tt="none">
              {t(`stage.${m.stage}`)}
            </Badge>
          ) : (
            <Badge variant="outline" color="red.9" tt="none">
              {t('dropped')}
            </Badge>
          )}
          <Text size="sm">
            <Anchor component={Link} to={`/listings/${m.listingId}`}>
              {m.listingTitle}
            </Anchor>
            {m.holderName ? `（${m.holderName}）` : ''}
          </Text>
          <Text size="sm">
            <Anchor component={Link} to={`/companies/${m.companyId}`}>
              {m.companyName}
            </Anchor>
          </Text>
        </Group>
      </Box>
      {!active ? (
        <Alert color="gray" variant="light" title={t('detail.droppedTitle')}>
          <Text size="sm">
            {t('detail.droppedBody', {
              date: format.date(m.droppedOn),
              reason: m.dropReason ?? '—',
            })}
          </Text>
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <StageTimeline match={m} />
            <Summary match={m} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {canWriteMatches && active ? (
            <Section title={t('edit.title')}>
              <MatchEditForm key={m.version} match={m} />
            </Section>
          ) : (
            <Details match={m} />
          )}
        </Grid.Col>
      </Grid>
      {action === 'move' ? <StageMoveModal match={m} onClose={() => setAction(null)} /> : null}
      {action === 'drop' ? <DropModal match={m} onClose={() => setAction(null)} /> : null}
    </Stack>
  );
}

/** Every stage in order: reached (with its day), current, or still ahead. */
function StageTimeline({ match: m }: { match: MatchDto }) {
  const { t } = useTranslation('matches');
  const format = useFormatters();
  return (
    <Section title={t('detail.stages')}>
      <Stack component="ol" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
        {MATCH_STAGES.map((s) => {
          const reached = stageIndex(s) <= stageIndex(m.stage);
          const current = s === m.stage && m.status === 'active';
          const day = m.stageDates[s];
          return (
            <Group
              key={s}
              component="li"
              gap="xs"
              wrap="nowrap"
              aria-current={current ? 'step' : undefined}
            >
              {reached ? (
                <IconCheck size={16} aria-hidden color="var(--mantine-color-teal-9)" />
              ) : (
                <Box w={16} aria-hidden />
              )}
              <Text size="sm" fw={current ? 700 : 400} w={96} style={{ flexShrink: 0 }}>
                {t(`stage.${s}`)}
              </Text>
              <Text size="sm">
                {day ? format.date(day) : reached ? t('detail.noDay') : t('detail.ahead')}
              </Text>
              {current ? (
                <Badge size="xs" variant="filled" color="blue.8">
                  {t('detail.current')}
                </Badge>
              ) : null}
            </Group>
          );
        })}
        {m.status === 'dropped' ? (
          <Group component="li" gap="xs" wrap="nowrap">
            <IconX size={16} aria-hidden color="var(--mantine-color-red-9)" />
            <Text size="sm" fw={700} w={96} style={{ flexShrink: 0 }}>
              {t('dropped')}
            </Text>
            <Text size="sm">{format.date(m.droppedOn)}</Text>
          </Group>
        ) : null}
      </Stack>
    </Section>
  );
}

function Summary({ match: m }: { match: MatchDto }) {
  const { t } = useTranslation('matches');
  const format = useFormatters();
  return (
    <Section title={t('detail.record')}>
      <DataList labelWidth="8rem" gap="xs" withDivider>
        <Item label={t('fields.createdAt')}>{format.dateTime(m.createdAt)}</Item>
        <Item label={t('fields.updatedAt')}>{format.dateTime(m.updatedAt)}</Item>
        <Item label={t('fields.proposal')}>
          {m.proposal ? m.proposal.summary : t('detail.noProposal')}
        </Item>
      </DataList>
    </Section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel fw={600}>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

/** The details, read only (viewers, partners, dropped matches). */
function Details({ match: m }: { match: MatchDto }) {
  const { t } = useTranslation('matches');
  const format = useFormatters();
  const text = (v: string | null) => v || '—';
  return (
    <Section title={t('detail.details')}>
      <DataList labelWidth="10rem" gap="xs" withDivider>
        <Item label={t('fields.origin')}>{t(`origin.${m.origin}`)}</Item>
        <Item label={t('fields.partnerRegion')}>{text(m.partnerRegion)}</Item>
        <Item label={t('fields.coordinator')}>{text(m.coordinatorName)}</Item>
        <Item label={t('fields.program')}>{text(m.programName)}</Item>
        <Item label={t('fields.licenseType')}>
          {m.license.type ? t(`licenseType.${m.license.type}`) : '—'}
        </Item>
        <Item label={t('fields.royaltyType')}>
          {m.license.royaltyType ? t(`royaltyType.${m.license.royaltyType}`) : '—'}
        </Item>
        <Item label={t('fields.licenseField')}>{text(m.license.field)}</Item>
        <Item label={t('fields.licenseTerritory')}>{text(m.license.territory)}</Item>
        <Item label={t('fields.licenseTerm')}>{text(m.license.term)}</Item>
        <Item label={t('fields.licenseNotes')}>{text(m.license.notes)}</Item>
        <Item label={t('fields.productName')}>{text(m.productName)}</Item>
        <Item label={t('fields.launchedOn')}>{format.date(m.launchedOn)}</Item>
        <Item label={t('fields.notes')}>{text(m.notes)}</Item>
      </DataList>
    </Section>
  );
}
