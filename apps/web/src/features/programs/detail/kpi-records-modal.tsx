import { fiscalYearLabel, type MetricDefinition } from '@banso/shared';
import { Anchor, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type KpiDto, useKpiRecords } from '../../../api/programs';
import { useFormatters } from '../../../app/preferences';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/loading';
import { formatFigure, unitOf, withUnit } from '../program-format';

/** What a metric counts, in words: 企業の登録の件数, 訪問した企業の数, 完了したフォローアップの件数. */
export function describeMetric(m: MetricDefinition, t: TFunction<'programs'>): string {
  switch (m.entity) {
    case 'companies':
      return m.aggregate === 'sum' && m.field
        ? t('metric.companiesSum', { field: t(`metric.field.${m.field}`) })
        : t('metric.companiesCount');
    case 'visits':
      return m.count === 'companies' ? t('metric.visitedCompanies') : t('metric.visits');
    case 'follow_ups':
      return m.event === 'completed'
        ? t('metric.followUpsCompleted')
        : t('metric.followUpsCreated');
    case 'matches':
      return t('metric.matches', { stage: t(`metricEditor.stages.${m.event}`) });
  }
}

/** Where a record behind a value is shown, if it has a page. */
const RECORD_PAGES: Partial<Record<string, string>> = {
  company: 'companies',
  visit: 'visits',
  match: 'matches',
};

/** The records behind a computed actual (drill-down): period, definition, value and the list. */
export function KpiRecordsModal({
  target,
  onClose,
}: {
  target: { kpi: KpiDto; fy: number } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('programs');
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={
        target
          ? t('records.title', { name: target.kpi.name, year: fiscalYearLabel(target.fy) })
          : ''
      }
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {target ? <RecordsBody kpi={target.kpi} fy={target.fy} /> : null}
    </Modal>
  );
}

function RecordsBody({ kpi, fy }: { kpi: KpiDto; fy: number }) {
  const { t } = useTranslation('programs');
  const format = useFormatters();
  const records = useKpiRecords(kpi.id, fy, true);
  if (records.isPending) return <Loading />;
  if (records.isError)
    return <ErrorState error={records.error} onRetry={() => void records.refetch()} />;
  const r = records.data;
  const unit = unitOf(kpi);
  const m = r.metric;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('records.period', {
          basis: t(`basis.${r.basis}`),
          from: format.date(r.period.from),
          to: format.date(r.period.to),
        })}
      </Text>
      <Text size="sm">{t('records.definition', { what: describeMetric(m, t) })}</Text>
      <Text fw={700}>
        {t('records.value', { value: withUnit(r.value, unit), total: formatFigure(r.total) })}
      </Text>
      {r.items.length === 0 ? (
        <Text size="sm">{t('records.none')}</Text>
      ) : (
        <ScrollArea.Autosize mah={420} type="auto">
          <Table striped withTableBorder>
            <Table.Caption>{t('records.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('records.label')}</Table.Th>
                <Table.Th scope="col">{t('records.at')}</Table.Th>
                {m.aggregate === 'sum' ? (
                  <Table.Th scope="col" ta="right">
                    {t('records.amount')}
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {RECORD_PAGES[item.entity] ? (
                      <Anchor component={Link} to={`/${RECORD_PAGES[item.entity]}/${item.id}`}>
                        {item.label}
                      </Anchor>
                    ) : (
                      item.label
                    )}
                  </Table.Td>
                  <Table.Td>{format.date(item.at)}</Table.Td>
                  {m.aggregate === 'sum' ? (
                    <Table.Td ta="right">{formatFigure(item.value)}</Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {r.total > r.items.length ? (
        <Text size="sm">{t('records.truncated', { shown: r.items.length, total: r.total })}</Text>
      ) : null}
    </Stack>
  );
}
