import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../api/session';
import { exportUrl } from './import-api';

/** Roles that may export (the API's `companies:export`). */
const EXPORTERS = new Set(['admin', 'staff', 'coordinator']);

/**
 * 「CSV 書き出し」: a menu of the two encodings; each item is a plain download link (the session
 * cookie goes with it, the server names the file). Shown only to roles that may export.
 */
export function ExportButton() {
  const { t } = useTranslation('companyImport');
  const role = useSession().data?.user.role;
  if (!role || !EXPORTERS.has(role)) return null;
  const started = () =>
    notifications.show({ id: 'company-export', message: t('export.started'), autoClose: 10_000 });
  return (
    <Menu position="bottom-end" width={320} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.allCompanies')}</Menu.Label>
        <Menu.Item component="a" href={exportUrl('utf-8')} download onClick={started}>
          {t('export.utf8')}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl('shift_jis')} download onClick={started}>
          <Text size="sm">{t('export.sjis')}</Text>
          <Text size="xs" mt={2}>
            {t('export.sjisNote')}
          </Text>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
