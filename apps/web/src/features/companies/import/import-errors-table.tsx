import { BANSO_CSV_COLUMNS } from '@banso/shared';
import { Alert, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunResult } from './import-api';

const TITLES = new Map<string, string>(BANSO_CSV_COLUMNS.map((c) => [c.key, c.title]));

/** An import's counts as a short list of labelled numbers. */
export function ImportCounts({
  result,
}: {
  result: Pick<RunResult, 'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'skipped'>;
}) {
  const { t, i18n } = useTranslation('companyImport');
  const number = new Intl.NumberFormat(i18n.language);
  const items = ['rowsRead', 'inserted', 'updated', 'unchanged', 'skipped'] as const;
  return (
    <Table withTableBorder w="auto" maw={420} fz="sm">
      <Table.Tbody>
        {items.map((key) => (
          <Table.Tr key={key}>
            <Table.Th scope="row">{t(`check.counts.${key}`)}</Table.Th>
            <Table.Td ta="right" data-testid={`count-${key}`}>
              {number.format(result[key])}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The row errors of a check or an import, by line number and field, in the API's language. */
export function ImportErrorsTable({ result }: { result: RunResult }) {
  const { t, i18n } = useTranslation('companyImport');
  const number = new Intl.NumberFormat(i18n.language);
  if (result.errorCount === 0) {
    return (
      <Alert color="teal" variant="light" role="status">
        {t('check.noErrors')}
      </Alert>
    );
  }
  const fieldName = (field: string | undefined) => {
    if (!field || field === '(row)') return t('check.wholeRow');
    if (field === '(file)') return t('check.wholeFile');
    return TITLES.get(field) ?? field;
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('check.errorsTitle', { count: result.errorCount })}
      </Title>
      {result.errors.length < result.errorCount ? (
        <Text size="sm">
          {t('check.errorsShown', {
            shown: number.format(result.errors.length),
            count: number.format(result.errorCount),
          })}
        </Text>
      ) : null}
      <Table.ScrollContainer
        minWidth={520}
        mah={420}
        scrollAreaProps={{
          viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('check.errorsCaption') },
        }}
      >
        <Table striped withTableBorder fz="sm" stickyHeader aria-label={t('check.errorsCaption')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={80}>
                {t('check.line')}
              </Table.Th>
              <Table.Th scope="col" w={180}>
                {t('check.field')}
              </Table.Th>
              <Table.Th scope="col">{t('check.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line can have several errors
              <Table.Tr key={i}>
                <Table.Td>{number.format(e.line)}</Table.Td>
                <Table.Td>{fieldName(e.field)}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
