import { BANSO_CSV_COLUMNS } from '@banso/shared';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BansoField } from './csv-preview';

const NONE = '__none__';

export type ColumnMappingState = Partial<Record<BansoField, string | null>>;

/** The Banso fields a mapping offers (the ID and the closure fields come only from Banso files). */
export const MAPPABLE_COLUMNS = BANSO_CSV_COLUMNS.filter(
  (c) => !['id', 'status', 'closedOn', 'closeReason', 'successorCorporateNumber'].includes(c.key),
);

/** Step 2 (other files only): which column of the file feeds each Banso field. */
export function MappingStep({
  header,
  mapping,
  onChange,
  onBack,
  onNext,
}: {
  header: readonly string[];
  mapping: ColumnMappingState;
  onChange: (mapping: ColumnMappingState) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation('companyImport');
  const columns = [...new Set(header.map((h) => h.trim()).filter((h) => h !== ''))];
  const data = [
    { value: NONE, label: t('mapping.none') },
    ...columns.filter((c) => c !== NONE).map((c) => ({ value: c, label: c })),
  ];
  const nameMissing = !mapping.name;

  return (
    <Stack>
      <Text>{t('mapping.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
        {MAPPABLE_COLUMNS.map((column) => (
          <NativeSelect
            key={column.key}
            label={column.title}
            required={column.key === 'name'}
            data={data}
            value={mapping[column.key] ?? NONE}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange({ ...mapping, [column.key]: value !== NONE ? value : null });
            }}
            error={column.key === 'name' && nameMissing ? t('mapping.nameMissing') : undefined}
          />
        ))}
      </SimpleGrid>
      {nameMissing ? (
        <Alert color="red" variant="light" role="alert">
          {t('mapping.nameMissing')}
        </Alert>
      ) : null}
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('common:actions.back')}
        </Button>
        <Button onClick={onNext} disabled={nameMissing}>
          {t('mapping.next')}
        </Button>
      </Group>
    </Stack>
  );
}
