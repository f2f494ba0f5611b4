import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The message a user should see for an error: the API's own (already localised) or a generic one. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.code === 'network') return t('states.networkError');
      if (error.status >= 500) return t('states.serverError');
      return error.message;
    }
    return t('states.serverError');
  };
}

/** A failed load: what went wrong, and a retry button. Never a blank page. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  const requestId = error instanceof ApiError ? error.problem?.requestId : undefined;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={message}
      role="alert"
    >
      {requestId ? (
        <Text size="sm" c="dimmed">
          {t('states.requestId', { id: requestId })}
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button variant="outline" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
