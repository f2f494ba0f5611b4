import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import ListingsListPage from './listings-list-page';
import { buildListing, id, session } from './testing';

const first = buildListing();
const second = buildListing({
  id: id(12),
  title: '画像認識による外観検査装置',
  ipc: ['G06T 7/00'],
  holderName: '大手電機株式会社',
  status: 'licensed',
});

describe('ListingsListPage', () => {
  it('filters by the URL, shows the total and pages on with nextCursor', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'GET /api/v1/listings': (req) => {
        const cursor = new URL(req.url).searchParams.get('cursor');
        return cursor === 'c2'
          ? json({ items: [second], nextCursor: null, total: 2 })
          : json({ items: [first], nextCursor: 'c2', total: 2 });
      },
    });
    renderWithApp(<ListingsListPage />, {
      route: '/listings',
      path: '/listings?kind=open_patent&ipc=B29C&q=炭素',
    });
    expect(await screen.findByRole('link', { name: first.title })).toHaveAttribute(
      'href',
      `/listings/${first.id}`,
    );
    expect(screen.getByText('2件中 1件を表示')).toBeInTheDocument();
    const query = new URL(api.calls.find((c) => c.url.includes('/listings'))?.url ?? '')
      .searchParams;
    expect(Object.fromEntries(query)).toEqual({
      q: '炭素',
      kind: 'open_patent',
      ipc: 'B29C',
      limit: '50',
    });
    expect(screen.getByRole('combobox', { name: '種別' })).toHaveValue('開放特許');
    expect(screen.getByRole('textbox', { name: 'IPC（前方一致）' })).toHaveValue('B29C');

    await user.click(screen.getByRole('button', { name: 'さらに表示' }));
    const row = (
      await screen.findByRole('rowheader', { name: /画像認識による外観検査装置/ })
    ).closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['開放特許', '大手電機株式会社', 'G06T 7/00', '許諾済み', '2025年4月1日']);
    expect(screen.getByText('2件中 2件を表示')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'さらに表示' })).not.toBeInTheDocument(),
    );
  });

  it('says what to do when nothing is registered yet', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'GET /api/v1/listings': () => json({ items: [], nextCursor: null, total: 0 }),
    });
    renderWithApp(<ListingsListPage />, { route: '/listings', path: '/listings' });
    expect(
      await screen.findByRole('heading', { name: '開放特許はまだ登録されていません' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'ファイルから取り込む' })[0]).toHaveAttribute(
      'href',
      '/listings/import',
    );
  });
});
