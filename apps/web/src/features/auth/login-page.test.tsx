import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { LoginPage, safeNext } from './login-page';

const session = {
  user: {
    id: '0190a8a0-0000-7000-8000-000000000001',
    email: 'admin@example.jp',
    displayName: '管理者',
    role: 'admin',
    locale: 'ja',
  },
  tenant: {
    id: '0190a8a0-0000-7000-8000-000000000002',
    slug: 'kawasaki',
    name: '川崎市',
    nameEn: null,
  },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

describe('LoginPage', () => {
  it('shows the API error in Japanese and goes to the page asked for after login', async () => {
    let loggedIn = false;
    const api = mockApi({
      'GET /api/v1/auth/session': () =>
        loggedIn
          ? json(session)
          : json({ code: 'unauthenticated', detail: 'ログインしてください。' }, 401),
      'GET /api/v1/setup': () => json({ needsSetup: false }),
      'POST /api/v1/auth/login': async (request) => {
        const body = (await request.json()) as { password: string };
        if (body.password !== 'correct horse battery') {
          return json(
            {
              code: 'invalid_credentials',
              status: 401,
              detail: '組織コード、メールアドレスまたはパスワードが正しくありません。',
            },
            401,
          );
        }
        loggedIn = true;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    const { router } = renderWithApp(<LoginPage />, {
      route: '/login',
      path: '/login?next=%2Fcompanies%2Fabc',
    });

    await user.type(await screen.findByLabelText(/メールアドレス/), 'admin@example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'ログイン' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('パスワードが正しくありません');

    await user.clear(screen.getByLabelText(/パスワード/));
    await user.type(screen.getByLabelText(/パスワード/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'ログイン' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/companies/abc'));
    const login = api.calls.filter((c) => c.url.endsWith('/api/v1/auth/login'));
    expect(login).toHaveLength(2);
  });

  it('says when first-run setup is still needed', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json({ code: 'unauthenticated' }, 401),
      'GET /api/v1/setup': () => json({ needsSetup: true }),
    });
    renderWithApp(<LoginPage />, { route: '/login', path: '/login' });
    expect(await screen.findByText(/初期設定がまだ済んでいません/)).toBeInTheDocument();
  });

  it('follows only same-app paths after login', () => {
    expect(safeNext('/companies/1')).toBe('/companies/1');
    expect(safeNext('//evil.example/')).toBe('/companies');
    expect(safeNext('https://evil.example/')).toBe('/companies');
    expect(safeNext(null)).toBe('/companies');
  });
});
