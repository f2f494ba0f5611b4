import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type ListingDto, listingKeys, useArchiveListing } from '../../../api/listings';
import { useErrorMessage } from '../../../components/error-state';

/**
 * アーカイブ or 復元, each after a confirmation that says what it means, naming the version the
 * page shows (409 stale_version: reload rather than overwrite).
 */
export function ListingArchiveButton({ listing }: { listing: ListingDto }) {
  const { t } = useTranslation('listings');
  const client = useQueryClient();
  const mutation = useArchiveListing(listing.id);
  const errorMessage = useErrorMessage();
  const [opened, { open, close }] = useDisclosure(false);
  const action = listing.archived ? 'restore' : 'archive';
  const stale = mutation.error instanceof ApiError && mutation.error.code === 'stale_version';

  const confirm = () =>
    mutation.mutate(
      { action, version: listing.version },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: 'green', message: t(`archive.${action}Done`) });
        },
      },
    );

  return (
    <>
      <Button
        variant="default"
        leftSection={
          action === 'archive' ? (
            <IconArchive size={16} aria-hidden />
          ) : (
            <IconArchiveOff size={16} aria-hidden />
          )
        }
        onClick={() => {
          mutation.reset();
          open();
        }}
      >
        {t(`archive.${action}`)}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t(`archive.${action}Title`)}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
        centered
      >
        <Stack gap="sm">
          <Text fw={600}>{listing.title}</Text>
          <Text size="sm">{t(`archive.${action}Body`)}</Text>
          {mutation.isError ? (
            <Alert
              color="red"
              role="alert"
              title={stale ? t('archive.stale') : errorMessage(mutation.error)}
            >
              {stale ? (
                <Button
                  variant="outline"
                  color="red"
                  size="xs"
                  onClick={() => {
                    mutation.reset();
                    void client.invalidateQueries({ queryKey: listingKeys.detail(listing.id) });
                  }}
                >
                  {t('archive.reload')}
                </Button>
              ) : null}
            </Alert>
          ) : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              color={action === 'archive' ? 'red' : 'blue'}
              loading={mutation.isPending}
              onClick={confirm}
            >
              {t(`archive.${action}Confirm`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
