import {
  Box,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconLayoutKanban } from '@tabler/icons-react';
import { lazy, type ReactNode, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MatchSummaryDto, useMatchSummary } from '../../api/matches';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatFiscalYear, formatNumber } from '../../lib/format';
import { useMatchingPermissions } from '../listings/use-matching-permissions';
import { LazyFiscalYearChart, LazyFunnelChart, LazyReferenceChart } from './dashboard/lazy-charts';

// Carries the prefecture and municipality lists: loaded only for those who see candidates.
const PartnerRegionsSection = lazy(() => import('./settings/partner-regions-section'));

/** A chart with a name that says what it shows, and its figures in a table below it. */
function ChartSection({
  title,
  note,
  chart,
  caption,
  table,
}: {
  title: string;
  note?: string;
  chart: ReactNode;
  /** What the chart draws beyond its legend (e.g. reference lines). */
  caption?: string | undefined;
  table: ReactNode;
}) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {note ? (
        <Text size="sm" mb="sm">
          {note}
        </Text>
      ) : null}
      <Box component="figure" m={0} mb="sm">
        <Suspense fallback={<Loading />}>{chart}</Suspense>
        {caption ? (
          <Text component="figcaption" size="xs" c="dimmed" mt={4}>
            {caption}
          </Text>
        ) : null}
      </Box>
      {table}
    </Paper>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text fw={700} fz={24} mt={4}>
        {value}
      </Text>
      {note ? <Text size="sm">{note}</Text> : null}
    </Paper>
  );
}

/** '2025-03-31' → 2025年3月末 (en: end of March 2025). */
function useAsOf() {
  const { t } = useTranslation('matches');
  return (ymd: string) => {
    const [y, m] = ymd.split('-').map(Number) as [number, number];
    return t('dashboard.asOf', { year: y, month: m });
  };
}

export function MatchingDashboard({ summary }: { summary: MatchSummaryDto }) {
  const { t, i18n } = useTranslation('matches');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const sep = t('common.listSeparator');
  const asOf = useAsOf();
  const last = summary.byFiscalYear[summary.byFiscalYear.length - 1];
  const ours = {
    contracted: last?.cumulativeContracted ?? 0,
    commercialized: last?.cumulativeCommercialized ?? 0,
  };
  const reference = summary.reference;
  const active = summary.funnel.reduce((n, f) => n + f.current, 0);
  const count = (n: number) => t('dashboard.count', { count: n, formatted: formatNumber(n) });

  const funnelLabel = t('dashboard.funnelSummary', {
    items: summary.funnel
      .map((f) =>
        t('dashboard.funnelItem', {
          stage: t(`stage.${f.stage}`),
          current: f.current,
          reached: f.reached,
        }),
      )
      .join(sep),
  });
  const yearsReference = t('dashboard.yearsReference', {
    contracted: reference.contracted,
    commercialized: reference.commercialized,
    asOf: asOf(reference.asOf),
  });
  const yearsLabel = [
    t('dashboard.yearsSummary', {
      items: summary.byFiscalYear
        .map((y) =>
          t('dashboard.yearItem', {
            year: formatFiscalYear(y.fy, language),
            contracted: y.contracted,
            commercialized: y.commercialized,
          }),
        )
        .join(sep),
    }),
    yearsReference,
  ].join(sep);
  const referenceLabel = t('dashboard.referenceSummary', {
    contracted: ours.contracted,
    commercialized: ours.commercialized,
    refContracted: reference.contracted,
    refCommercialized: reference.commercialized,
    asOf: asOf(reference.asOf),
  });

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Stat
          label={t('dashboard.totalContracted')}
          value={count(ours.contracted)}
          note={t('dashboard.vsKawasaki', {
            count: reference.contracted,
            asOf: asOf(reference.asOf),
          })}
        />
        <Stat
          label={t('dashboard.totalCommercialized')}
          value={count(ours.commercialized)}
          note={t('dashboard.vsKawasaki', {
            count: reference.commercialized,
            asOf: asOf(reference.asOf),
          })}
        />
        <Stat label={t('dashboard.active')} value={count(active)} />
        <Stat label={t('dashboard.droppedCount')} value={count(summary.dropped)} />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChartSection
            title={t('dashboard.funnel')}
            note={t('dashboard.funnelNote')}
            chart={<LazyFunnelChart summary={summary} label={funnelLabel} />}
            table={
              <Table withTableBorder striped fz="sm">
                <Table.Caption>{t('dashboard.funnelCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('dashboard.stage')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('dashboard.current')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('dashboard.reached')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.funnel.map((f) => (
                    <Table.Tr key={f.stage}>
                      <Table.Th scope="row" fw={400}>
                        {t(`stage.${f.stage}`)}
                      </Table.Th>
                      <Table.Td ta="right">{formatNumber(f.current)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(f.reached)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Th scope="row" fw={400}>
                      {t('dropped')}
                    </Table.Th>
                    <Table.Td ta="right">{formatNumber(summary.dropped)}</Table.Td>
                    <Table.Td ta="right">—</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            }
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <ChartSection
              title={t('dashboard.byYear')}
              note={t('dashboard.byYearNote')}
              chart={
                summary.byFiscalYear.length === 0 ? (
                  <Text size="sm">{t('dashboard.noYears')}</Text>
                ) : (
                  <LazyFiscalYearChart summary={summary} label={yearsLabel} />
                )
              }
              caption={summary.byFiscalYear.length === 0 ? undefined : yearsReference}
              table={
                summary.byFiscalYear.length === 0 ? null : (
                  <Table.ScrollContainer minWidth={480}>
                    <Table withTableBorder striped fz="sm">
                      <Table.Caption>{t('dashboard.byYearCaption')}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('dashboard.fiscalYear')}</Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('dashboard.contracted')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('dashboard.commercialized')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('dashboard.cumulativeContracted')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('dashboard.cumulativeCommercialized')}
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {summary.byFiscalYear.map((y) => (
                          <Table.Tr key={y.fy}>
                            <Table.Th scope="row" fw={400}>
                              {formatFiscalYear(y.fy, language)}
                            </Table.Th>
                            <Table.Td ta="right">{formatNumber(y.contracted)}</Table.Td>
                            <Table.Td ta="right">{formatNumber(y.commercialized)}</Table.Td>
                            <Table.Td ta="right">{formatNumber(y.cumulativeContracted)}</Table.Td>
                            <Table.Td ta="right">
                              {formatNumber(y.cumulativeCommercialized)}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )
              }
            />
            <ChartSection
              title={t('dashboard.reference')}
              note={t('dashboard.referenceNote', { asOf: asOf(reference.asOf) })}
              chart={
                <LazyReferenceChart ours={ours} reference={reference} label={referenceLabel} />
              }
              table={
                <Table withTableBorder striped fz="sm">
                  <Table.Caption>{t('dashboard.referenceCaption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('dashboard.what')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('dashboard.ours')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('dashboard.kawasakiAsOf', { asOf: asOf(reference.asOf) })}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th scope="row" fw={400}>
                        {t('dashboard.contracted')}
                      </Table.Th>
                      <Table.Td ta="right">{formatNumber(ours.contracted)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(reference.contracted)}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th scope="row" fw={400}>
                        {t('dashboard.commercialized')}
                      </Table.Th>
                      <Table.Td ta="right">{formatNumber(ours.commercialized)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(reference.commercialized)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              }
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/**
 * /matching/dashboard — the licence pipeline at a glance, beside Kawasaki's own results, and the
 * organisation's partner regions (連携地域) for the candidates' ranking.
 */
export default function MatchingDashboardPage() {
  const { t } = useTranslation('matches');
  const { canReadCandidates, canConfigureMatching } = useMatchingPermissions();
  const summary = useMatchSummary();
  const data = summary.data;
  const empty = data ? data.funnel.every((f) => f.reached === 0) && data.dropped === 0 : false;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('dashboard.title')}
        actions={
          <Group gap="sm">
            <Button
              component={Link}
              to="/matches"
              variant="default"
              leftSection={<IconLayoutKanban size={16} aria-hidden />}
            >
              {t('dashboard.toBoard')}
            </Button>
          </Group>
        }
      />
      {summary.isPending ? <Loading /> : null}
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : null}
      {empty ? (
        <EmptyState
          title={t('dashboard.emptyTitle')}
          description={t('dashboard.emptyBody')}
          action={
            <Button component={Link} to="/listings" variant="default">
              {t('board.toListings')}
            </Button>
          }
        />
      ) : null}
      {summary.data ? <MatchingDashboard summary={summary.data} /> : null}
      {canReadCandidates ? (
        <Suspense fallback={<Loading />}>
          <PartnerRegionsSection canEdit={canConfigureMatching} />
        </Suspense>
      ) : null}
    </Stack>
  );
}
