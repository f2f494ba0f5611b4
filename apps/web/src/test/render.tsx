import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type RenderOptions, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { PreferencesProvider } from '../app/preferences';
import { theme } from '../app/theme';
import { i18n } from '../i18n';

/**
 * Renders a page or component with the app's real providers (Mantine, i18n in
 * Japanese, TanStack Query without retries, a memory router at `path`).
 * Network calls go through `fetch`: answer them with `mockApi` (./mock-api.ts);
 * a call with no handler fails the test.
 */
export function renderWithApp(
  ui: ReactElement,
  { path = '/', route = '/', ...options }: { path?: string; route?: string } & RenderOptions = {},
) {
  void i18n.changeLanguage('ja');
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      { path: route, element: ui },
      { path: '*', element: <div data-testid="navigated" /> },
    ],
    { initialEntries: [path] },
  );
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env="test">
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <PreferencesProvider>{children}</PreferencesProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
  return {
    router,
    queryClient,
    ...render(<RouterProvider router={router} />, { wrapper: Wrapper, ...options }),
  };
}

export { json, mockApi } from './mock-api';
