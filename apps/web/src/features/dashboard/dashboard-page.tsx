import '@mantine/charts/styles.css';
import { COUNTED_VISIT_KINDS } from '@banso/shared';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DashboardDto, useCaravanDashboard } from '../../api/caravan';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ProgressPanel } from '../planner/progress-panel';

function Stat({
  label,
  value,
  note,
  children,
}: {
  label: string;
  value: string;
  note?: string;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text fw={700} fz={24} mt={4}>
        {value}
      </Text>
      {note ? <Text size="sm">{note}</Text> : null}
      {children}
    </Paper>
  );
}

/** A chart as an image with a summary for screen readers, and its figures in a table below. */
function ChartFigure({
  id,
  title,
  summary,
  chart,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation('caravan');
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Box component="figure" m={0} role="img" aria-label={summary}>
        {chart}
      </Box>
      <details style={{ marginTop: 8 }}>
        <summary>
          <Text component="span" size="sm">
            {t('dashboard.tableCaption', { title })}
          </Text>
        </summary>
        {table}
      </details>
    </Paper>
  );
}

function monthLabel(month: string) {
  return `${Number(month.slice(5, 7))}月`;
}

export function DashboardView({ data }: { data: DashboardDto }) {
  const { t } = useTranslation('caravan');
  const sep = t('common.listSeparator');
  const percent = Math.round(data.coverage * 1000) / 10;
  const byMonth = data.visitsByMonth.map((m) => ({
    month: monthLabel(m.month),
    [t('dashboard.visitsSeries')]: m.visits,
  }));
  const byCategory = data.visitsByCategory.map((c) => ({
    category: c.category,
    [t('dashboard.byCategoryOwner')]: c.raisedByOwner,
    [t('dashboard.byCategorySupporter')]: c.raisedBySupporter,
  }));
  return (
    <Stack gap="md">
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ProgressPanel progress={data.progress} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <Stat
              label={t('dashboard.companies')}
              value={t('dashboard.companiesValue', { count: data.distinctCompanies })}
            />
            <Stat
              label={t('dashboard.coverage')}
              value={`${percent}%`}
              note={t('dashboard.coverageValue', { registered: data.registeredCompanies })}
            >
              <Progress
                mt="xs"
                value={Math.min(100, percent)}
                color="blue.8"
                aria-label={t('dashboard.coverage')}
              />
            </Stat>
            <Stat
              label={t('dashboard.relationship')}
              value={
                data.averageRelationshipYears === null
                  ? '—'
                  : t('dashboard.relationshipValue', {
                      years: data.averageRelationshipYears.toFixed(1),
                    })
              }
            />
            <Stat
              label={t('dashboard.overdue')}
              value={t('dashboard.overdueCount', { count: data.followUpsOverdue })}
              note={t('dashboard.overdueValue', { open: data.followUpsOpen })}
            >
              <Anchor component={Link} to="/follow-ups?tab=overdue" size="sm">
                {t('dashboard.showFollowUps')}
              </Anchor>
            </Stat>
          </SimpleGrid>
          <Text size="sm" mt="sm" data-testid="dashboard-counting">
            {t('dashboard.countingNote', {
              kinds: COUNTED_VISIT_KINDS.map((k) => t(`visitKind.${k}`)).join(sep),
            })}
          </Text>
        </Grid.Col>
      </Grid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChartFigure
            id="dashboard-by-month"
            title={t('dashboard.byMonth')}
            summary={data.visitsByMonth.map((m) => `${monthLabel(m.month)} ${m.visits}`).join(sep)}
            chart={
              byMonth.length === 0 ? (
                <Text size="sm">{t('dashboard.noData')}</Text>
              ) : (
                <BarChart
                  h={240}
                  data={byMonth}
                  dataKey="month"
                  series={[{ name: t('dashboard.visitsSeries'), color: 'blue.8' }]}
                />
              )
            }
            table={
              <Table mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.month')}</Table.Th>
                    <Table.Th>{t('dashboard.visitsSeries')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.visitsByMonth.map((m) => (
                    <Table.Tr key={m.month}>
                      <Table.Td>{m.month}</Table.Td>
                      <Table.Td>{m.visits}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            }
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChartFigure
            id="dashboard-by-category"
            title={t('dashboard.byCategory')}
            summary={data.visitsByCategory.map((c) => `${c.category} ${c.visits}`).join(sep)}
            chart={
              byCategory.length === 0 ? (
                <Text size="sm">{t('dashboard.noData')}</Text>
              ) : (
                <BarChart
                  h={Math.max(200, byCategory.length * 32)}
                  data={byCategory}
                  dataKey="category"
                  orientation="vertical"
                  type="stacked"
                  withLegend
                  yAxisProps={{ width: 90 }}
                  series={[
                    { name: t('dashboard.byCategoryOwner'), color: 'teal.8' },
                    { name: t('dashboard.byCategorySupporter'), color: 'blue.8' },
                  ]}
                />
              )
            }
            table={
              <Table mt="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.category')}</Table.Th>
                    <Table.Th>{t('dashboard.visitsSeries')}</Table.Th>
                    <Table.Th>{t('dashboard.byCategoryOwner')}</Table.Th>
                    <Table.Th>{t('dashboard.byCategorySupporter')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.visitsByCategory.map((c) => (
                    <Table.Tr key={c.category}>
                      <Table.Td>{c.category}</Table.Td>
                      <Table.Td>{c.visits}</Table.Td>
                      <Table.Td>{c.raisedByOwner}</Table.Td>
                      <Table.Td>{c.raisedBySupporter}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            }
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** / and /dashboard — the caravan at a glance for this fiscal year. */
export default function DashboardPage() {
  const { t } = useTranslation('caravan');
  const dashboard = useCaravanDashboard();
  return (
    <Stack gap="md">
      <PageHeader
        title={t('dashboard.title')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/planner" variant="default">
              {t('dashboard.openPlanner')}
            </Button>
          </Group>
        }
      />
      {dashboard.isPending ? <Loading /> : null}
      {dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      {dashboard.data ? <DashboardView data={dashboard.data} /> : null}
    </Stack>
  );
}
