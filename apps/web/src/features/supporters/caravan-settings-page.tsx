import { Alert, Anchor, Group, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { useCaravanPermissions } from '../visits/use-caravan-permissions';
import { CategoriesEditor } from './categories-editor';
import { VisitTargetForm } from './visit-target-form';

/**
 * /supporters/settings — キャラバン設定 (admins): the issue-category taxonomy and the annual
 * visit target per fiscal year. Reached from the supporters page.
 */
export default function CaravanSettingsPage() {
  const { t } = useTranslation('caravan');
  const { canConfigure } = useCaravanPermissions();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/supporters" size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {t('settings.back')}
        </Group>
      </Anchor>
      <PageHeader title={t('settings.title')} />
      {canConfigure ? (
        <>
          <VisitTargetForm />
          <CategoriesEditor />
        </>
      ) : (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('common:states.forbidden')}
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          {t('settings.adminOnly')}
        </Alert>
      )}
    </Stack>
  );
}
