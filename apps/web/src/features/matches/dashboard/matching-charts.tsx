import '@mantine/charts/styles.css';
import { BarChart, CompositeChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { MatchSummaryDto } from '../../../api/matches';
import { formatFiscalYear } from '../../../lib/format';
import { kawasakiReferenceLines } from './reference-lines';

/**
 * The dashboard's charts, in their own chunk (recharts is large). Each is an image whose name
 * says what it shows; the figures are in the tables beside them.
 */

export function FunnelChart({ summary, label }: { summary: MatchSummaryDto; label: string }) {
  const { t } = useTranslation('matches');
  const data = summary.funnel.map((f) => ({
    stage: t(`stage.${f.stage}`),
    [t('dashboard.current')]: f.current,
    [t('dashboard.reached')]: f.reached,
  }));
  return (
    <BarChart
      h={Math.max(240, data.length * 36)}
      data={data}
      dataKey="stage"
      orientation="vertical"
      withLegend
      yAxisProps={{ width: 96 }}
      xAxisProps={{ allowDecimals: false }}
      series={[
        { name: t('dashboard.reached'), color: 'blue.8' },
        { name: t('dashboard.current'), color: 'teal.8' },
      ]}
      role="img"
      aria-label={label}
    />
  );
}

/** 成約/製品化 per fiscal year and cumulative, with Kawasaki's figures as labelled reference lines. */
export function FiscalYearChart({ summary, label }: { summary: MatchSummaryDto; label: string }) {
  const { t, i18n } = useTranslation('matches');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const data = summary.byFiscalYear.map((y) => ({
    year: formatFiscalYear(y.fy, language),
    [t('dashboard.contracted')]: y.contracted,
    [t('dashboard.commercialized')]: y.commercialized,
    [t('dashboard.cumulativeContracted')]: y.cumulativeContracted,
    [t('dashboard.cumulativeCommercialized')]: y.cumulativeCommercialized,
  }));
  return (
    <CompositeChart
      h={260}
      yAxisProps={{ allowDecimals: false }}
      data={data}
      dataKey="year"
      withLegend
      referenceLines={kawasakiReferenceLines(summary.reference, (figure, count) =>
        t(`dashboard.referenceLine.${figure}`, { count }),
      )}
      series={[
        { name: t('dashboard.contracted'), color: 'blue.8', type: 'bar' },
        { name: t('dashboard.commercialized'), color: 'teal.8', type: 'bar' },
        { name: t('dashboard.cumulativeContracted'), color: 'indigo.9', type: 'line' },
        { name: t('dashboard.cumulativeCommercialized'), color: 'green.9', type: 'line' },
      ]}
      role="img"
      aria-label={label}
    />
  );
}

export function ReferenceChart({
  ours,
  reference,
  label,
}: {
  ours: { contracted: number; commercialized: number };
  reference: { contracted: number; commercialized: number };
  label: string;
}) {
  const { t } = useTranslation('matches');
  const data = [
    {
      what: t('dashboard.contracted'),
      [t('dashboard.ours')]: ours.contracted,
      [t('dashboard.kawasakiFigures')]: reference.contracted,
    },
    {
      what: t('dashboard.commercialized'),
      [t('dashboard.ours')]: ours.commercialized,
      [t('dashboard.kawasakiFigures')]: reference.commercialized,
    },
  ];
  return (
    <BarChart
      h={220}
      yAxisProps={{ allowDecimals: false }}
      data={data}
      dataKey="what"
      withLegend
      series={[
        { name: t('dashboard.ours'), color: 'blue.8' },
        { name: t('dashboard.kawasakiFigures'), color: 'gray.7' },
      ]}
      role="img"
      aria-label={label}
    />
  );
}
