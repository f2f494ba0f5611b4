import '@mantine/charts/styles.css';
import { fiscalYearLabel } from '@banso/shared';
import { BarChart } from '@mantine/charts';
import { Box, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KpiDto, ProgramDetailDto } from '../../../api/programs';
import { formatFigure, unitOf } from '../program-format';

/**
 * Charts of a program, in their own chunk (recharts is large): cost and grant per year, and plan
 * vs actual per KPI. Each chart is an image with a name saying what it shows; the figures
 * themselves are in the tables beside them (the text alternative).
 */

export function BudgetChart({ program }: { program: ProgramDetailDto }) {
  const { t } = useTranslation('programs');
  const rows = [...program.years]
    .sort((a, b) => a.fy - b.fy)
    .filter((y) => y.costThousandYen !== null || y.grantThousandYen !== null);
  if (rows.length === 0) return null;
  const data = rows.map((y) => ({
    year: fiscalYearLabel(y.fy),
    [t('budget.cost')]: y.costThousandYen ?? 0,
    [t('budget.grant')]: y.grantThousandYen ?? 0,
  }));
  const summary = rows
    .map(
      (y) =>
        `${fiscalYearLabel(y.fy)} ${t('budget.cost')}${formatFigure(y.costThousandYen)}千円 ${t('budget.grant')}${formatFigure(y.grantThousandYen)}千円`,
    )
    .join('、');
  return (
    <Box component="figure" m={0}>
      <BarChart
        h={220}
        data={data}
        dataKey="year"
        withLegend
        valueFormatter={(v) => formatFigure(v)}
        series={[
          { name: t('budget.cost'), color: 'blue.8' },
          { name: t('budget.grant'), color: 'teal.8' },
        ]}
        role="img"
        aria-label={t('charts.budget', { summary })}
      />
      <Text component="figcaption" size="sm" mt={4}>
        {t('charts.budgetCaption')}
      </Text>
    </Box>
  );
}

function KpiChart({ kpi }: { kpi: KpiDto }) {
  const { t } = useTranslation('programs');
  const unit = unitOf(kpi);
  const years = kpi.years.filter((y) => y.plan !== null || y.actual !== null);
  const data = years.map((y) => ({
    year: fiscalYearLabel(y.fy),
    [t('kpi.plan')]: y.plan ?? 0,
    [t('kpi.actual')]: y.actual ?? 0,
  }));
  const summary = years
    .map(
      (y) =>
        `${fiscalYearLabel(y.fy)} ${t('kpi.plan')}${formatFigure(y.plan)}${unit} ${t('kpi.actual')}${formatFigure(y.actual)}${unit}`,
    )
    .join('、');
  return (
    <Box component="figure" m={0}>
      <Text component="figcaption" size="sm" fw={600} mb={4}>
        {unit ? `${kpi.name}（${unit}）` : kpi.name}
      </Text>
      <BarChart
        h={180}
        data={data}
        dataKey="year"
        withLegend
        valueFormatter={(v) => formatFigure(v)}
        series={[
          { name: t('kpi.plan'), color: 'gray.6' },
          { name: t('kpi.actual'), color: 'blue.8' },
        ]}
        role="img"
        aria-label={t('charts.kpi', { name: kpi.name, summary })}
      />
    </Box>
  );
}

export function KpiCharts({ kpis }: { kpis: KpiDto[] }) {
  const { t } = useTranslation('programs');
  const shown = kpis.filter((k) => k.years.some((y) => y.plan !== null || y.actual !== null));
  if (shown.length === 0) return null;
  return (
    <Box>
      <Text size="sm" mb="xs">
        {t('charts.kpiCaption')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="lg">
        {shown.map((k) => (
          <KpiChart key={k.id} kpi={k} />
        ))}
      </SimpleGrid>
    </Box>
  );
}
