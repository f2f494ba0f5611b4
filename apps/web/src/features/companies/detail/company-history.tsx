import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditEntryDto, useCompanyHistory } from '../../../api/companies';
import { useFormatters } from '../../../app/preferences';
import { ErrorState } from '../../../components/error-state';
import { Loading } from '../../../components/loading';
import { changeRows, formatAuditValue, isCreation, type ValueFormatters } from './audit-values';

const PAGE = 10;
const KNOWN_ACTIONS = new Set(['create', 'update', 'archive', 'restore', 'import', 'delete']);

/** 変更履歴: who changed what and when, newest first, each field before → after. */
export function CompanyHistory({ companyId }: { companyId: string }) {
  const { t } = useTranslation('companies');
  const history = useCompanyHistory(companyId);
  const [shown, setShown] = useState(PAGE);
  const items = history.data?.items ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="company-history-title">
      <Title order={2} size="h4" id="company-history-title" mb="sm">
        {t('detail.history.title')}
      </Title>
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text>{t('detail.history.empty')}</Text>
      ) : (
        <Stack gap="md">
          <Stack component="ol" gap="md" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.slice(0, shown).map((entry) => (
              <HistoryEntry key={entry.id} entry={entry} />
            ))}
          </Stack>
          {items.length > shown ? (
            <Group className="no-print">
              <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
                {t('detail.history.showMore', { count: items.length - shown })}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Paper>
  );
}

function HistoryEntry({ entry }: { entry: AuditEntryDto }) {
  const { t, i18n } = useTranslation('companies');
  const format = useFormatters();
  const creation = isCreation(entry);
  const rows = changeRows(entry);
  const actionKey =
    entry.action === 'import' && creation
      ? 'importCreate'
      : KNOWN_ACTIONS.has(entry.action)
        ? entry.action
        : 'other';
  const formatters: ValueFormatters = {
    language: format.language,
    date: format.date,
    dateTime: format.dateTime,
    label: (key) => (i18n.exists(key, { ns: 'companies' }) ? t(key) : undefined),
  };
  const fieldLabel = (field: string) =>
    i18n.exists(`fields.${field}`, { ns: 'companies' }) ? t(`fields.${field}`) : field;
  const value = (field: string, v: unknown) => formatAuditValue(field, v, formatters);

  return (
    <li>
      <Group gap="xs" mb={4} wrap="wrap">
        <Badge variant="light" color="blue" c="blue.9" tt="none">
          {t(`detail.history.actions.${actionKey}`)}
        </Badge>
        <Text size="sm" fw={600} component="span">
          {entry.actorLabel}
        </Text>
        <Text size="sm" component="time" dateTime={entry.at}>
          {format.dateTime(entry.at)}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('detail.history.noFieldChanges')}</Text>
      ) : (
        <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={4} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="28%">
                {t('detail.history.field')}
              </Table.Th>
              {creation ? (
                <Table.Th scope="col">{t('detail.history.value')}</Table.Th>
              ) : (
                <>
                  <Table.Th scope="col">{t('detail.history.before')}</Table.Th>
                  <Table.Th scope="col">{t('detail.history.after')}</Table.Th>
                </>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.field}>
                <Table.Th scope="row" fw={500}>
                  {fieldLabel(row.field)}
                </Table.Th>
                {creation ? (
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {value(row.field, row.after)}
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {value(row.field, row.before)}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {value(row.field, row.after)}
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </li>
  );
}
