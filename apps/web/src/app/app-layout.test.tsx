import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
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
import { PreferencesProvider, useFormatters } from './preferences';
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

/** A page showing a date the way every page does, to see the calendar preference at work. */
function DatedPage() {
  const format = useFormatters();
  return <p data-testid="dated">{format.date('2025-03-31')}</p>;
}

/** `language`: what the browser remembered from its last visit (i18n starts from it). */
function renderApp(path: string, { language = 'ja' }: { language?: 'ja' | 'en' } = {}) {
  void i18n.changeLanguage(language);
  const client = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: <AppLayout />,
        children: [
          { path: 'companies/:id', element: <Protected /> },
          { path: 'dated', element: <DatedPage /> },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env="test">
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

  it('saves the language switch for the user, and the whole UI follows it', async () => {
    const saved: unknown[] = [];
    mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'PATCH /api/v1/auth/me': async (request) => {
        const body = (await request.json()) as { locale: string };
        saved.push(body);
        return json({ ...session.user, locale: body.locale });
      },
    });
    renderApp('/dated');
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: '企業台帳' })).toBeInTheDocument();

    await user.click(screen.getByTestId('user-menu'));
    const menu = await screen.findByRole('menu');
    await user.click(within(menu).getByRole('radio', { name: 'English' }));
    await waitFor(() => expect(saved).toEqual([{ locale: 'en' }]));
    expect(await screen.findByRole('link', { name: 'Companies' })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: 'Log out' })).toBeInTheDocument();
    expect(screen.getByTestId('dated')).toHaveTextContent('31 Mar 2025');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('banso.language')).toBe('en');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says when the language could not be saved for the user', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'PATCH /api/v1/auth/me': () => json({ code: 'internal', status: 500, detail: 'x' }, 500),
    });
    renderApp('/dated');
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('user-menu'));
    await user.click(
      within(await screen.findByRole('menu')).getByRole('radio', { name: 'English' }),
    );
    // In the language just chosen, with the reason.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The language could not be saved (it changed in this browser only): The server had an error.',
    );
  });

  it('after a reload, the language saved for the user wins over the browser’s last choice', async () => {
    mockApi({
      'GET /api/v1/auth/session': () =>
        json({ ...session, user: { ...session.user, locale: 'en' } }),
    });
    // The browser last showed Japanese (another user, or before the choice was saved).
    localStorage.setItem('banso.language', 'ja');
    renderApp('/dated', { language: 'ja' });
    expect(await screen.findByRole('link', { name: 'Companies' })).toBeInTheDocument();
    expect(screen.getByTestId('dated')).toHaveTextContent('31 Mar 2025');
    expect(localStorage.getItem('banso.language')).toBe('en');
  });

  it('the same the other way round: a Japanese user in a browser left in English sees Japanese', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session) });
    localStorage.setItem('banso.language', 'en');
    renderApp('/dated', { language: 'en' });
    expect(await screen.findByRole('link', { name: '企業台帳' })).toBeInTheDocument();
    expect(screen.getByTestId('dated')).toHaveTextContent('2025年3月31日');
    expect(localStorage.getItem('banso.language')).toBe('ja');
  });

  it('switches the dates shown to 和暦 from the user menu, and remembers it in the browser', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session) });
    renderApp('/dated');
    const user = userEvent.setup();
    expect(await screen.findByTestId('dated')).toHaveTextContent('2025年3月31日');
    expect(screen.getByTestId('dated')).not.toHaveTextContent('令和');

    await user.click(screen.getByTestId('user-menu'));
    const menu = await screen.findByRole('menu');
    await user.click(within(menu).getByRole('radio', { name: '和暦（令和7年3月31日）' }));
    expect(screen.getByTestId('dated')).toHaveTextContent('令和7年3月31日');
    expect(localStorage.getItem('banso.calendar')).toBe('wareki');

    await user.click(within(menu).getByRole('radio', { name: '西暦（2025年3月31日）' }));
    expect(screen.getByTestId('dated')).toHaveTextContent('2025年3月31日');
    expect(screen.getByTestId('dated')).not.toHaveTextContent('令和');
  });
});
