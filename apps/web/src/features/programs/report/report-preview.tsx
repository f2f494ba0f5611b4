import { Box, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from '../detail/kpi-table.module.css';
import { Bullets, ItemGroups } from '../detail/program-sections';
import type { KpiReportDto } from '../kpis/kpi-api';

type ReportProgramDto = KpiReportDto['programs'][number];

/**
 * The report on screen, rendered from the model the server prints the PDF and Excel files from
 * (GET /api/v1/reports/kpi/model), texts included — budget lines, KPI cells with units and marks,
 * notes — so the preview cannot drift from the files. Per program: title and scheme,
 * description bullets, period, background, the year's and the next year's budget line with the
 * numbered activities, the KPI table up to the year, its notes, and 総括と今後の取組.
 */
export function ReportPreview({ report }: { report: KpiReportDto }) {
  const { t } = useTranslation('programs');
  return (
    <Box component="article" aria-label={t('report.previewLabel')}>
      <Title order={2} size="h3" mb="md">
        {report.title}
      </Title>
      <Stack gap="lg">
        {report.programs.map((p) => (
          <ProgramReport key={p.id} program={p} />
        ))}
      </Stack>
    </Box>
  );
}

function ProgramReport({ program: p }: { program: ReportProgramDto }) {
  return (
    <Paper withBorder p="lg" radius="sm" component="section" aria-label={p.title}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {p.title}
        </Title>
        {p.description.length > 0 ? <Bullets items={p.description} /> : null}
        <Text>{p.period}</Text>
        {p.background.length > 0 ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              事業背景など
            </Title>
            <ItemGroups groups={p.background} />
          </Stack>
        ) : null}
        {p.budgetYears.map((y) => (
          <Stack key={y.fy} gap="xs">
            <Title order={4} size="h5">
              {y.heading}
            </Title>
            {y.intro ? <Text>{y.intro}</Text> : null}
            <ItemGroups groups={y.activities} />
          </Stack>
        ))}
        {p.kpis.length > 0 ? (
          <Stack gap={4}>
            <Title order={4} size="h5">
              {p.kpiTitle}
            </Title>
            <ReportKpiTable program={p} />
            {p.tableNotes.map((note) => (
              <Text key={note} size="sm">
                {note}
              </Text>
            ))}
            {p.achievementNote ? <Text size="sm">{p.achievementNote}</Text> : null}
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

/** The KPI table as printed: 指標（単位）, 事業開始前の現状値, 計画/実績 per year; achieved actuals bold. */
function ReportKpiTable({ program: p }: { program: ReportProgramDto }) {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders className={classes.table} verticalSpacing={6}>
        <Table.Caption className={classes.srOnly}>{p.kpiTitle}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={2} scope="col" className={classes.nameHead}>
              指標
            </Table.Th>
            {p.hasBaseline ? (
              <Table.Th rowSpan={2} scope="col" className={classes.num}>
                事業開始前の現状値
              </Table.Th>
            ) : null}
            {p.kpiYearLabels.map((label) => (
              <Table.Th key={label} colSpan={2} scope="colgroup" ta="center">
                {label}
              </Table.Th>
            ))}
          </Table.Tr>
          <Table.Tr>
            {p.kpiYears.flatMap((fy) => [
              <Table.Th key={`${fy}-p`} scope="col" ta="center">
                計画
              </Table.Th>,
              <Table.Th key={`${fy}-a`} scope="col" ta="center">
                実績
              </Table.Th>,
            ])}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.kpis.map((k) => (
            <Table.Tr key={k.label}>
              <Table.Th scope="row" fw={500}>
                {k.label}
              </Table.Th>
              {p.hasBaseline ? <Table.Td className={classes.num}>{k.baselineText}</Table.Td> : null}
              {k.cells.flatMap((c, i) => [
                <Table.Td key={`${p.kpiYears[i]}-p`} className={classes.num}>
                  {c.planText}
                </Table.Td>,
                <Table.Td
                  key={`${p.kpiYears[i]}-a`}
                  className={classes.num}
                  fw={c.achieved ? 700 : undefined}
                >
                  {c.actualText}
                </Table.Td>,
              ])}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
