import '@mantine/charts/styles.css';
import { fiscalYearLabel } from '@banso/shared';
import { BarChart } from '@mantine/charts';
import { Box, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KpiDto, ProgramDetailDto } from '../../../api/programs';
import { formatFigure, unitOf, withUnit } from '../program-format';

/**
 * Charts of a program, in their own chunk (recharts is large): cost and grant per year, and plan
 * vs actual per KPI. Each chart is an image with a name saying what it shows; the figures
 * themselves are in the tables beside them (the text alternative).
 */

type ChartRow = Record<string, string | number | null>;

/** The budget years with a figure, oldest first; a missing figure is null (no bar), not 0. */
export function budgetChartData(
  years: ProgramDetailDto['years'],
  labels: { cost: string; grant: string },
): ChartRow[] {
  return [...years]
    .sort((a, b) => a.fy - b.fy)
    .filter((y) => y.costThousandYen !== null || y.grantThousandYen !== null)
    .map((y) => ({
      year: fiscalYearLabel(y.fy),
      [labels.cost]: y.costThousandYen,
      [labels.grant]: y.grantThousandYen,
    }));
}

/** A KPI's years with a plan or an actual; a missing one is null (a gap), never drawn as 0. */
export function kpiChartData(kpi: KpiDto, labels: { plan: string; actual: string }): ChartRow[] {
  return kpi.years
    .filter((y) => y.plan !== null || y.actual !== null)
    .map((y) => ({
      year: fiscalYearLabel(y.fy),
      [labels.plan]: y.plan,
      [labels.actual]: y.actual,
    }));
}

export function BudgetChart({ program }: { program: ProgramDetailDto }) {
  const { t } = useTranslation('programs');
  const rows = [...program.years]
    .sort((a, b) => a.fy - b.fy)
    .filter((y) => y.costThousandYen !== null || y.grantThousandYen !== null);
  if (rows.length === 0) return null;
  const data = budgetChartData(program.years, {
    cost: t('budget.cost'),
    grant: t('budget.grant'),
  });
  const summary = rows
    .map(
      (y) =>
        `${fiscalYearLabel(y.fy)} ${t('budget.cost')}${withUnit(y.costThousandYen, '千円')} ${t('budget.grant')}${withUnit(y.grantThousandYen, '千円')}`,
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
  const data = kpiChartData(kpi, { plan: t('kpi.plan'), actual: t('kpi.actual') });
  const summary = years
    .map(
      (y) =>
        `${fiscalYearLabel(y.fy)} ${t('kpi.plan')}${withUnit(y.plan, unit)} ${t('kpi.actual')}${withUnit(y.actual, unit)}`,
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
