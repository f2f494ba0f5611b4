import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type CompanyDto, companyKeys, useArchiveCompany } from '../../../api/companies';
import { useErrorMessage } from '../../../components/error-state';

/**
 * アーカイブ (after a confirmation that says what it means) or 復元. Both name the version
 * the page shows; if someone changed the company meanwhile (409 stale_version) the user is
 * asked to reload instead of overwriting blindly.
 */
export function ArchiveControls({ company }: { company: CompanyDto }) {
  const { t } = useTranslation('companies');
  const client = useQueryClient();
  const mutation = useArchiveCompany(company.id);
  const errorMessage = useErrorMessage();
  const [opened, { open, close }] = useDisclosure(false);

  const messageOf = (error: unknown) =>
    error instanceof ApiError && error.code === 'stale_version'
      ? t('detail.archive.stale')
      : errorMessage(error);
  const reload = () => {
    mutation.reset();
    void client.invalidateQueries({ queryKey: companyKeys.detail(company.id) });
  };

  if (company.archivedAt) {
    return (
      <Button
        variant="default"
        leftSection={<IconArchiveOff size={16} aria-hidden />}
        loading={mutation.isPending}
        onClick={() =>
          mutation.mutate(
            { action: 'restore', version: company.version },
            {
              onSuccess: () =>
                notifications.show({ color: 'green', message: t('detail.archive.restored') }),
              onError: (error) =>
                notifications.show({ color: 'red', message: messageOf(error), autoClose: false }),
            },
          )
        }
      >
        {t('actions.restore')}
      </Button>
    );
  }

  const stale = mutation.error instanceof ApiError && mutation.error.code === 'stale_version';
  return (
    <>
      <Button
        variant="default"
        color="red"
        leftSection={<IconArchive size={16} aria-hidden />}
        onClick={() => {
          mutation.reset();
          open();
        }}
      >
        {t('actions.archive')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('detail.archive.title')}
        closeButtonProps={{ 'aria-label': t('actions.close', { ns: 'common' }) }}
        centered
      >
        <Stack gap="sm">
          <Text fw={600}>{company.name}</Text>
          <Text>{t('detail.archive.hidden')}</Text>
          <Text>{t('detail.archive.kept')}</Text>
          {mutation.isError ? (
            <Alert color="red" role="alert" title={messageOf(mutation.error)}>
              {stale ? (
                <Button variant="outline" color="red" size="xs" onClick={reload}>
                  {t('detail.archive.reload')}
                </Button>
              ) : null}
            </Alert>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('actions.cancel', { ns: 'common' })}
            </Button>
            <Button
              color="red"
              loading={mutation.isPending}
              onClick={() =>
                mutation.mutate(
                  { action: 'archive', version: company.version },
                  {
                    onSuccess: () => {
                      close();
                      notifications.show({ color: 'green', message: t('detail.archive.done') });
                    },
                  },
                )
              }
            >
              {t('detail.archive.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
