import { fiscalYearLabel } from '@banso/shared';
import { Box, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgramDetailDto } from '../../../api/programs';
import { KpiTable } from '../detail/kpi-table';
import { Bullets, ItemGroups, YearActivities } from '../detail/program-sections';
import { kpiTableYears } from '../program-format';

/** 「（事業期間：令和3年度～令和5年度）」 as the report prints it. */
export const reportPeriod = (fromFy: number, toFy: number) =>
  `（事業期間：${fiscalYearLabel(fromFy)}～${fiscalYearLabel(toFy)}）`;

/** 「川崎型中小企業福祉産業創出事業（地方創生推進交付金対象事業）」 */
export const reportProgramTitle = (p: Pick<ProgramDetailDto, 'name' | 'scheme'>) =>
  p.scheme ? `${p.name}（${p.scheme}対象事業）` : p.name;

/**
 * The report on screen, laid out like the PDF (and the seed document): per program its title and
 * scheme, description bullets, period, background, the year's and the next year's budget line
 * with the numbered activities, the KPI table up to the year, and 総括と今後の取組.
 */
export function ReportPreview({ fy, programs }: { fy: number; programs: ProgramDetailDto[] }) {
  const { t } = useTranslation('programs');
  const title = `${fiscalYearLabel(fy)} 事業・重要業績評価指標（KPI）の効果検証`;
  return (
    <Box component="article" aria-label={t('report.previewLabel')}>
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      <Stack gap="lg">
        {programs.map((p) => (
          <ProgramReport key={p.id} program={p} fy={fy} />
        ))}
      </Stack>
    </Box>
  );
}

function ProgramReport({ program: p, fy }: { program: ProgramDetailDto; fy: number }) {
  const { t } = useTranslation('programs');
  const budgetYears = [...p.years]
    .filter((y) => y.fy === fy || y.fy === fy + 1)
    .sort((a, b) => a.fy - b.fy);
  const years = kpiTableYears(p.kpis, fy);
  let evaluated = 0;
  let achieved = 0;
  for (const k of p.kpis) {
    const y = k.years.find((v) => v.fy === fy);
    if (y && y.achieved !== null) {
      evaluated += 1;
      if (y.achieved) achieved += 1;
    }
  }
  const kpiTitle = `本事業における${fiscalYearLabel(fy)}重要業績評価指標（KPI）`;
  return (
    <Paper withBorder p="lg" radius="sm" component="section" aria-label={reportProgramTitle(p)}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {reportProgramTitle(p)}
        </Title>
        {p.description.length > 0 ? <Bullets items={p.description} /> : null}
        <Text>{reportPeriod(p.fromFy, p.toFy)}</Text>
        {p.background.length > 0 ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              事業背景など
            </Title>
            <ItemGroups groups={p.background} />
          </Stack>
        ) : null}
        {budgetYears.map((y) => (
          <YearActivities key={y.fy} year={y} order={4} />
        ))}
        {p.kpis.length > 0 && years.length > 0 ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              {kpiTitle}
            </Title>
            <KpiTable kpis={p.kpis} years={years} caption={kpiTitle} captionHidden />
            {evaluated > 0 ? (
              <Text size="sm">{t('report.achievement', { evaluated, achieved })}</Text>
            ) : null}
          </Stack>
        ) : null}
        {p.summary.length > 0 ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              総括と今後の取組
            </Title>
            <Bullets items={p.summary} />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
