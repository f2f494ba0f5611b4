import { MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications, notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError, configureApiClient } from '../api/client';
import { sessionEvents, sessionKey } from '../api/session';
import { currentLanguage, i18n } from '../i18n';
import 'dayjs/locale/ja';
import { PreferencesProvider } from './preferences';
import { createRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

const retry = (failureCount: number, error: unknown) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2;

export function createQueryClient() {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache(),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: { retry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  configureApiClient({
    language: currentLanguage,
    onSessionExpired: () => {
      if (client.getQueryData(sessionKey)) {
        sessionEvents.expired = true;
        notifications.show({ color: 'blue', message: i18n.t('states.sessionExpired') });
      }
      client.setQueryData(sessionKey, null);
    },
  });
  return client;
}

/**
 * The theme, with the labels Mantine draws itself in the UI language: a notification's close
 * button is an icon only, so it needs an accessible name.
 */
function LocalizedMantine({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const localized = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('actions.close') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver}>
      {children}
    </MantineProvider>
  );
}

function DatesLocale({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return (
    <DatesProvider settings={{ locale: instance.language === 'en' ? 'en' : 'ja' }}>
      {children}
    </DatesProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <I18nextProvider i18n={i18n}>
      <LocalizedMantine>
        <DatesLocale>
          <Notifications position="top-right" />
          <QueryClientProvider client={queryClient}>
            <PreferencesProvider>
              <RouterProvider router={router} />
            </PreferencesProvider>
          </QueryClientProvider>
        </DatesLocale>
      </LocalizedMantine>
    </I18nextProvider>
  );
}
