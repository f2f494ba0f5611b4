import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useSession } from '../../../api/session';
import { json, mockApi, renderWithApp } from '../../../test/render';
import { ExportButton } from './export-button';

const session = (role: string) => ({
  user: {
    id: '0190a8a0-0000-7000-8000-000000000001',
    email: 'staff@example.jp',
    displayName: '職員',
    role,
    locale: 'ja',
  },
  tenant: { id: '0190a8a0-0000-7000-8000-000000000002', slug: 'k', name: '川崎市', nameEn: null },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
});

describe('ExportButton', () => {
  it('offers UTF-8 with BOM and Shift_JIS as download links, and says what Shift_JIS replaces', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session('staff')) });
    renderWithApp(<ExportButton />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'CSV 書き出し' }));
    const utf8 = await screen.findByRole('menuitem', { name: 'UTF-8（BOM 付き・Excel 向け）' });
    expect(utf8).toHaveAttribute('href', '/api/v1/companies/export?encoding=utf-8');
    expect(utf8).toHaveAttribute('download');
    const sjis = screen.getByRole('menuitem', { name: /^Shift_JIS/ });
    expect(sjis).toHaveAttribute('href', '/api/v1/companies/export?encoding=shift_jis');
    expect(sjis).toHaveTextContent('〜 → ～');
    sjis.addEventListener('click', (event) => event.preventDefault()); // no navigation in happy-dom
    await user.click(sjis);
    expect(await screen.findByText(/書き出しを開始しました/)).toBeVisible();
  });

  it('is not shown to roles that may not export', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session('viewer')) });
    function RoleProbe() {
      return <span>{useSession().data?.user.role}</span>;
    }
    renderWithApp(
      <>
        <RoleProbe />
        <ExportButton />
      </>,
    );
    expect(await screen.findByText('viewer')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'CSV 書き出し' })).not.toBeInTheDocument();
  });
});
