import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Asks before an in-app navigation leaves a form with unsaved changes (the browser's own
 * prompt covers reloads and closing the tab). `when` is read at the moment of navigating.
 */
export function UnsavedChangesGuard({ when }: { when: () => boolean }) {
  const { t } = useTranslation('companyForm');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      currentLocation.pathname !== nextLocation.pathname && when(),
  );
  const open = blocker.state === 'blocked';
  return (
    <Modal
      opened={open}
      onClose={() => blocker.reset?.()}
      title={t('messages.unsavedTitle')}
      centered
    >
      <Text size="sm">{t('messages.unsavedBody')}</Text>
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          {t('actions.stay')}
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          {t('actions.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
