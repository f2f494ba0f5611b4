import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlag } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlagCompany } from '../../api/caravan';
import { useErrorMessage } from '../../components/error-state';

/**
 * 訪問を要望 / 要望を取り消す: a supporter flags a company for the planner ("visit soon", with an
 * optional note), or withdraws the flag. Used in the planner's rows and on the company page.
 * Without `companyName` the texts say 「この企業」 (the company page shows its name already).
 */
export function CompanyFlagButton({
  companyId,
  companyName,
  flagged,
}: {
  companyId: string;
  companyName?: string;
  flagged: boolean;
}) {
  const { t } = useTranslation('caravan');
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const flag = useFlagCompany(companyId);
  const errorMessage = useErrorMessage();
  const named = (label: string) => (companyName ? `${label}: ${companyName}` : undefined);

  async function run(body: { note?: string | null } | null) {
    try {
      await flag.mutateAsync(body);
      if (body)
        notifications.show({
          color: 'green',
          message: companyName
            ? t('planner.flagged', { name: companyName })
            : t('planner.flaggedThis'),
        });
      setOpened(false);
      setNote('');
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  if (flagged) {
    return (
      <Button
        size="xs"
        variant="default"
        loading={flag.isPending}
        onClick={() => void run(null)}
        aria-label={named(t('planner.unflag'))}
      >
        {t('planner.unflag')}
      </Button>
    );
  }
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFlag size={14} aria-hidden />}
        onClick={() => setOpened(true)}
        aria-label={named(t('planner.flag'))}
      >
        {t('planner.flag')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={
          companyName ? t('planner.flagTitle', { name: companyName }) : t('planner.flagTitleThis')
        }
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        <Stack>
          <Textarea
            label={t('planner.flagNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={flag.isPending} onClick={() => void run({ note: note || null })}>
              {t('planner.flag')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
