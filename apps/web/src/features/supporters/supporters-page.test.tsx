import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import { buildSupporter, categories, roster } from '../visits/testing';
import SupportersPage from './supporters-page';

describe('SupportersPage', () => {
  afterEach(() => notifications.clean());

  it('lists supporters and registers one with expertise from the taxonomy', async () => {
    const user = userEvent.setup();
    let sent: unknown;
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      'GET /api/v1/supporters': () => json({ items: roster.slice(0, 4) }),
      'GET /api/v1/caravan/categories': () => json(categories),
      'POST /api/v1/supporters': async (req) => {
        sent = await req.json();
        return json(buildSupporter(9, { name: '幸 四郎' }), 201);
      },
    });
    renderWithApp(<SupportersPage />, { route: '/supporters', path: '/supporters' });
    const row = (await screen.findByText('高津 一郎')).closest('tr') as HTMLElement;
    // The caravan settings are for administrators.
    expect(screen.queryByRole('link', { name: 'キャラバン設定' })).toBeNull();
    expect(row).toHaveTextContent('専門家');
    expect(row).toHaveTextContent('技術・製造、知財');
    expect(row).toHaveTextContent('月 8 件まで');

    await user.click(screen.getByRole('button', { name: '支援者を登録' }));
    const dialog = await screen.findByRole('dialog', { name: '支援者を登録' });
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText(/必須|1 文字以上/)).toBeInTheDocument();
    expect(sent).toBeUndefined();

    await user.type(within(dialog).getByRole('textbox', { name: /名前/ }), '幸 四郎');
    await user.click(within(dialog).getByRole('combobox', { name: '専門分野' }));
    await user.click(await screen.findByRole('option', { name: '知財' }));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(sent).toMatchObject({
        name: '幸 四郎',
        kind: 'staff',
        expertise: ['知財'],
        monthlyCapacity: 8,
        active: true,
      }),
    );
  });

  it('offers the caravan settings to an administrator', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('admin')),
      'GET /api/v1/supporters': () => json({ items: roster.slice(0, 2) }),
    });
    renderWithApp(<SupportersPage />, { route: '/supporters', path: '/supporters' });
    expect(await screen.findByRole('link', { name: 'キャラバン設定' })).toHaveAttribute(
      'href',
      '/supporters/settings',
    );
    expect(screen.getByRole('button', { name: '支援者を登録' })).toBeInTheDocument();
  });
});
