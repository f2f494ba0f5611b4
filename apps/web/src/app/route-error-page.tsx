import { Button, Container, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { ErrorState } from '../components/error-state';

/** A render error or a failed lazy chunk (e.g. after an upgrade): a message and a reload, not a blank page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  return (
    <Container py="xl" component="main" id="main">
      <Stack>
        <ErrorState error={error} onRetry={() => window.location.reload()} />
        <Button variant="subtle" component="a" href="/">
          {t('actions.back')}
        </Button>
      </Stack>
    </Container>
  );
}
