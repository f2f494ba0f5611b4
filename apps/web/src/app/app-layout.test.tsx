import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../api/client';
import { LoginPage } from '../features/auth/login-page';
import { i18n } from '../i18n';
import { json, mockApi } from '../test/render';
import { createQueryClient } from './app';
import { AppLayout } from './app-layout';
import { PreferencesProvider } from './preferences';
import { theme } from './theme';

const session = {
  user: {
    id: '0190a8a0-0000-7000-8000-000000000001',
    email: 'staff@example.jp',
    displayName: '川崎 花子',
    role: 'staff',
    locale: 'ja',
  },
  tenant: {
    id: '0190a8a0-0000-7000-8000-000000000002',
    slug: 'kawasaki',
    name: '川崎市経済労働局',
    nameEn: null,
  },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

function Protected() {
  const q = useQuery({
    queryKey: ['protected'],
    queryFn: () => api.get('/api/v1/companies', z.object({ items: z.array(z.unknown()) })),
  });
  return <p>{q.isSuccess ? `rows: ${q.data.items.length}` : 'waiting'}</p>;
}

function renderApp(path: string) {
  void i18n.changeLanguage('ja');
  const client = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: <AppLayout />,
        children: [{ path: 'companies/:id', element: <Protected /> }],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <Notifications />
        <QueryClientProvider client={client}>
          <PreferencesProvider>
            <RouterProvider router={router} />
          </PreferencesProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
  return router;
}

describe('AppLayout', () => {
  it('shows the tenant and the user, and sends a logged-out visitor to login with the page to return to', async () => {
    let loggedIn = false;
    mockApi({
      'GET /api/v1/auth/session': () =>
        loggedIn ? json(session) : json({ code: 'unauthenticated' }, 401),
      'GET /api/v1/setup': () => json({ needsSetup: false }),
      'POST /api/v1/auth/login': () => {
        loggedIn = true;
        return json(session);
      },
      'GET /api/v1/companies': () => json({ items: [{}, {}], nextCursor: null }),
    });
    const router = renderApp('/companies/42');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fcompanies%2F42');

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/メールアドレス/), 'staff@example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByText('rows: 2')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/companies/42');
    expect(screen.getByTestId('tenant-name')).toHaveTextContent('川崎市経済労働局');
    expect(screen.getByRole('link', { name: '企業台帳' })).toHaveAttribute('href', '/companies');
  });

  it('on an expired session goes back to login, says why, then returns to the same page', async () => {
    let sessionValid = true;
    let companyCalls = 0;
    mockApi({
      'GET /api/v1/auth/session': () =>
        sessionValid ? json(session) : json({ code: 'unauthenticated' }, 401),
      'GET /api/v1/setup': () => json({ needsSetup: false }),
      'GET /api/v1/companies': () => {
        companyCalls += 1;
        // The first answer finds the session gone (it expired on the server); after logging in again it works.
        if (companyCalls === 1) {
          sessionValid = false;
          return json({ code: 'unauthenticated' }, 401);
        }
        return json({ items: [{}, {}, {}], nextCursor: null });
      },
      'POST /api/v1/auth/login': () => {
        sessionValid = true;
        return json(session);
      },
    });
    const router = renderApp('/companies/7');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toContain('next=%2Fcompanies%2F7');
    expect(router.state.location.search).toContain('expired=1');
    expect(
      (
        await screen.findAllByText(
          'セッションの有効期限が切れました。もう一度ログインしてください。',
        )
      ).length,
    ).toBeGreaterThan(0);

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/メールアドレス/), 'staff@example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByText('rows: 3')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/companies/7');
  });
});
