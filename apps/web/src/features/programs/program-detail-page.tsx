import { fiscalYearLabel } from '@banso/shared';
import { Anchor, Badge, Box, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconFileReport, IconTable } from '@tabler/icons-react';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type KpiDto, type ProgramDetailDto, useProgram } from '../../api/programs';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { LazyBudgetChart, LazyKpiCharts } from './charts/lazy-charts';
import { KpiRecordsModal } from './detail/kpi-records-modal';
import { KpiTable } from './detail/kpi-table';
import { Bullets, ItemGroups, YearActivities } from './detail/program-sections';
import { KpiManager } from './kpis/kpi-manager';
import {
  costLabelOf,
  fyText,
  kpiTableYears,
  periodText,
  periodYears,
  withUnit,
} from './program-format';
import { useCanEditPrograms } from './use-can-edit-programs';

/**
 * One program (事業): its description and background, budget per year (table and chart), main
 * activities per year, the KPI table with achievement and the records behind computed actuals,
 * KPI charts and 総括. Editors get the form and the spreadsheet-like grid.
 */
export default function ProgramDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('programs');
  const program = useProgram(id);

  const back = (
    <Anchor component={Link} to="/programs" className="no-print" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('actions.backToList')}
      </Group>
    </Anchor>
  );

  if (program.isPending) return <Loading />;
  if (program.isError) {
    const notFound = program.error instanceof ApiError && program.error.status === 404;
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={t('detail.title')} />
        <ErrorState
          error={program.error}
          onRetry={notFound ? undefined : () => void program.refetch()}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {back}
      <ProgramDetail program={program.data} />
    </Stack>
  );
}

function ProgramDetail({ program: p }: { program: ProgramDetailDto }) {
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const canEdit = useCanEditPrograms();
  const [drill, setDrill] = useState<{ kpi: KpiDto; fy: number } | null>(null);
  const years = kpiTableYears(p.kpis);
  const budgetRows = periodYears(p.fromFy, p.toFy).map(
    (fy) => p.years.find((y) => y.fy === fy) ?? null,
  );
  const activityYears = [...p.years]
    .sort((a, b) => a.fy - b.fy)
    .filter((y) => y.activities.length > 0 || y.intro || y.costThousandYen !== null);
  const evaluated = p.achievement.filter((a) => a.evaluated > 0);

  return (
    <>
      <div>
        <PageHeader
          title={p.name}
          actions={
            <Group gap="sm" className="no-print">
              {canEdit ? (
                <>
                  <Button
                    component={Link}
                    to={`/programs/${p.id}/edit`}
                    leftSection={<IconEdit size={16} aria-hidden />}
                  >
                    {t('actions.edit')}
                  </Button>
                  <Button
                    component={Link}
                    to={`/programs/${p.id}/values`}
                    variant="default"
                    leftSection={<IconTable size={16} aria-hidden />}
                  >
                    {t('actions.editValues')}
                  </Button>
                </>
              ) : null}
              <Button
                component={Link}
                to={`/programs/report?programs=${p.id}`}
                variant="default"
                leftSection={<IconFileReport size={16} aria-hidden />}
              >
                {t('actions.report')}
              </Button>
            </Group>
          }
        />
        <Group gap="xs" mt={-8} wrap="wrap">
          {p.scheme ? (
            <Badge variant="light" color="blue" c="blue.9" tt="none">
              {t('detail.schemeBadge', { scheme: p.scheme })}
            </Badge>
          ) : null}
          <Text size="sm">
            {t('fields.period')}: {periodText(p.fromFy, p.toFy, language)}
          </Text>
          {p.code ? (
            <Text size="sm">
              {t('fields.code')}: {p.code}
            </Text>
          ) : null}
          {p.archivedAt ? (
            <Badge variant="outline" color="gray.8" tt="none">
              {t('detail.archived')}
            </Badge>
          ) : null}
        </Group>
      </div>

      {p.description.length > 0 || p.background.length > 0 ? (
        <Section title={t('detail.overview')}>
          {p.description.length > 0 ? <Bullets items={p.description} /> : null}
          {p.background.length > 0 ? (
            <Stack gap="xs" mt="sm">
              <Title order={3} size="h5">
                {t('detail.background')}
              </Title>
              <ItemGroups groups={p.background} />
            </Stack>
          ) : null}
        </Section>
      ) : null}

      <Section title={t('detail.budget')}>
        <Table withTableBorder striped maw={720} verticalSpacing={6}>
          <Table.Caption>{t('budget.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('budget.year')}</Table.Th>
              <Table.Th scope="col">{t('budget.figure')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('budget.costThousand')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('budget.grantThousand')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {budgetRows.map((y, i) => {
              const fy = p.fromFy + i;
              return (
                <Table.Tr key={fy}>
                  <Table.Th scope="row" fw={500}>
                    {fyText(fy, language)}
                  </Table.Th>
                  <Table.Td>{y && y.costThousandYen !== null ? costLabelOf(y) : '—'}</Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {withUnit(y?.costThousandYen, '')}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {withUnit(y?.grantThousandYen, '')}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Box maw={720} mt="md">
          <Suspense fallback={<Loading />}>
            <LazyBudgetChart program={p} />
          </Suspense>
        </Box>
      </Section>

      {activityYears.length > 0 ? (
        <Section title={t('detail.activities')}>
          <Stack gap="lg">
            {activityYears.map((y) => (
              <YearActivities key={y.fy} year={y} />
            ))}
          </Stack>
        </Section>
      ) : null}

      <Section title={t('detail.kpis')}>
        {p.kpis.length === 0 ? (
          <Text>{canEdit ? t('detail.noKpisEditor') : t('detail.noKpis')}</Text>
        ) : (
          <Stack gap="md">
            {evaluated.length > 0 ? (
              <Group gap="xs">
                {evaluated.map((a) => (
                  <Badge key={a.fy} variant="outline" color="dark" tt="none" size="lg">
                    {t('detail.achievement', {
                      year: fiscalYearLabel(a.fy),
                      evaluated: a.evaluated,
                      achieved: a.achieved,
                    })}
                  </Badge>
                ))}
              </Group>
            ) : null}
            <KpiTable
              kpis={p.kpis}
              years={years.length > 0 ? years : periodYears(p.fromFy, p.toFy)}
              caption={t('kpi.caption', { name: p.name })}
              onDrillDown={(kpi, fy) => setDrill({ kpi, fy })}
            />
            <Suspense fallback={<Loading />}>
              <LazyKpiCharts kpis={p.kpis} />
            </Suspense>
          </Stack>
        )}
        {canEdit ? (
          <Box mt="lg" className="no-print">
            <KpiManager program={p} />
          </Box>
        ) : null}
      </Section>

      {p.summary.length > 0 ? (
        <Section title={t('detail.summary')}>
          <Bullets items={p.summary} />
        </Section>
      ) : null}
      <KpiRecordsModal target={drill} onClose={() => setDrill(null)} />
    </>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
