import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type ColumnKey, OPTIONAL_COLUMNS } from './columns';

/** 「表示する列」: a button opening a labelled group of checkboxes, one per optional column. */
export function ColumnMenu({
  columns,
  onChange,
}: {
  columns: readonly ColumnKey[];
  onChange: (next: string[]) => void;
}) {
  const { t } = useTranslation('companies');
  return (
    <Popover position="bottom-end" shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
          {t('list.columns.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={t('list.columns.legend')}
          description={t('list.columns.alwaysShown')}
          value={[...columns]}
          onChange={onChange}
        >
          <Stack gap={6} mt="xs">
            {OPTIONAL_COLUMNS.map((key) => (
              <Checkbox key={key} value={key} label={t(`list.column.${key}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
