import { fiscalYearLabel } from '@banso/shared';
import {
  Badge,
  Group,
  ScrollArea,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KpiDto } from '../../../api/programs';
import { formatFigure, unitOf, withUnit } from '../program-format';
import classes from './kpi-table.module.css';

export interface KpiTableProps {
  kpis: KpiDto[];
  /** The fiscal years shown, oldest first (計画/実績 per year). */
  years: number[];
  caption: string;
  /** The caption only for screen readers (a heading above already says it). */
  captionHidden?: boolean;
  /** Opens the records behind a computed actual; without it the mark is plain text. */
  onDrillDown?: (kpi: KpiDto, fy: number) => void;
}

/**
 * The KPI table as the grant report prints it: 指標（単位）, 事業開始前の現状値 when any KPI has
 * one, then 計画 and 実績 per fiscal year, figures with their unit (568歳). Each actual shows its
 * achievement (% and ✓), and whether it was counted from Banso's records (自動集計, opens the
 * records) or typed over a computed value (手入力で上書き). Notes below: the counting basis of
 * calendar-year KPIs and each KPI's notes.
 */
export function KpiTable({ kpis, years, caption, captionHidden, onDrillDown }: KpiTableProps) {
  const { t } = useTranslation('programs');
  const hasBaseline = kpis.some((k) => k.baseline !== null);
  const calendar = kpis.filter((k) => k.basis === 'calendar');
  const notes: string[] = [];
  if (calendar.length > 0)
    notes.push(
      calendar.length === kpis.length
        ? t('kpi.calendarAll')
        : t('kpi.calendarSome', { names: calendar.map((k) => k.name).join('、') }),
    );
  for (const k of kpis) if (k.notes) notes.push(t('kpi.note', { name: k.name, note: k.notes }));

  return (
    <Stack gap={4}>
      <ScrollArea type="auto" offsetScrollbars>
        <Table withTableBorder withColumnBorders className={classes.table} verticalSpacing={6}>
          <Table.Caption className={captionHidden ? classes.srOnly : classes.caption}>
            {caption}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col" className={classes.nameHead}>
                {t('kpi.indicator')}
              </Table.Th>
              {hasBaseline ? (
                <Table.Th rowSpan={2} scope="col" className={classes.num}>
                  {t('kpi.baseline')}
                </Table.Th>
              ) : null}
              {years.map((fy) => (
                <Table.Th key={fy} colSpan={2} scope="colgroup" ta="center">
                  {fiscalYearLabel(fy)}
                  <Text span size="xs" fw={400} display="block">
                    ({fy})
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
            <Table.Tr>
              {years.flatMap((fy) => [
                <Table.Th key={`${fy}-p`} scope="col" ta="center">
                  {t('kpi.plan')}
                </Table.Th>,
                <Table.Th key={`${fy}-a`} scope="col" ta="center">
                  {t('kpi.actual')}
                </Table.Th>,
              ])}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kpis.map((k) => {
              const unit = unitOf(k);
              return (
                <Table.Tr key={k.id}>
                  <Table.Th scope="row" fw={500}>
                    {unit ? `${k.name}（${unit}）` : k.name}
                    {k.direction === 'decrease' ? (
                      <Text span size="xs" ml={6}>
                        {t('kpi.decrease')}
                      </Text>
                    ) : null}
                  </Table.Th>
                  {hasBaseline ? (
                    <Table.Td className={classes.num}>{withUnit(k.baseline, unit)}</Table.Td>
                  ) : null}
                  {years.flatMap((fy) => {
                    const y = k.years.find((v) => v.fy === fy);
                    return [
                      <Table.Td key={`${fy}-p`} className={classes.num}>
                        {withUnit(y?.plan, unit)}
                      </Table.Td>,
                      <Table.Td key={`${fy}-a`} className={classes.num}>
                        <Stack gap={2} align="flex-end">
                          <Text span inherit fw={y?.achieved ? 700 : undefined}>
                            {withUnit(y?.actual, unit)}
                          </Text>
                          {y && y.achievementRate !== null ? (
                            <Text span size="xs">
                              {t('kpi.rate', { rate: formatFigure(y.achievementRate) })}
                              {y.achieved ? (
                                <span className={classes.achieved}>
                                  {' ✓'}
                                  <span className={classes.srOnly}>{t('kpi.achieved')}</span>
                                </span>
                              ) : (
                                <span className={classes.srOnly}>{t('kpi.notAchieved')}</span>
                              )}
                            </Text>
                          ) : null}
                          {y?.actualSource === 'computed' ? (
                            onDrillDown ? (
                              <UnstyledButton
                                className={classes.markButton}
                                onClick={() => onDrillDown(k, fy)}
                                aria-label={t('kpi.drillDownLabel', {
                                  name: k.name,
                                  year: fiscalYearLabel(fy),
                                })}
                              >
                                <Badge size="xs" variant="outline" color="teal.9" tt="none">
                                  {t('kpi.computed')}
                                </Badge>
                              </UnstyledButton>
                            ) : (
                              <Badge size="xs" variant="outline" color="teal.9" tt="none">
                                {t('kpi.computed')}
                              </Badge>
                            )
                          ) : null}
                          {y?.overridden ? (
                            <Tooltip
                              label={t('kpi.computedWas', {
                                value: withUnit(y.computedActual, unit),
                              })}
                            >
                              <Badge
                                size="xs"
                                variant="light"
                                color="orange"
                                c="orange.9"
                                tt="none"
                                tabIndex={0}
                                aria-label={`${t('kpi.overridden')} ${t('kpi.computedWas', {
                                  value: withUnit(y.computedActual, unit),
                                })}`}
                              >
                                {t('kpi.overridden')}
                              </Badge>
                            </Tooltip>
                          ) : null}
                        </Stack>
                      </Table.Td>,
                    ];
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {notes.length > 0 ? (
        <Group gap={4}>
          {notes.map((n) => (
            <Text key={n} size="sm" w="100%">
              {n}
            </Text>
          ))}
        </Group>
      ) : null}
    </Stack>
  );
}
