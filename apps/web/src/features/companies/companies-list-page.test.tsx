import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import CompaniesListPage from './companies-list-page';
import { COLUMNS_STORAGE_KEY } from './list/columns';
import { buildCompany, uuid, writerSession } from './list/testing';

const listCalls = (calls: Request[]) =>
  calls
    .filter((r) => new URL(r.url).pathname === '/api/v1/companies')
    .map((r) => new URL(r.url).searchParams);

function render(path = '/companies') {
  return renderWithApp(<CompaniesListPage />, { route: '/companies', path });
}

const session = () => json(writerSession());

describe('CompaniesListPage', () => {
  it('shows the companies of a page and walks forward and back with the cursors', async () => {
    const pages: Record<string, { items: ReturnType<typeof buildCompany>[]; next: string | null }> =
      {
        '': { items: [buildCompany({ id: uuid(1), name: '相川製作所' })], next: 'c2' },
        c2: { items: [buildCompany({ id: uuid(2), name: '井上工業' })], next: 'c3' },
        c3: { items: [buildCompany({ id: uuid(3), name: '上田電機' })], next: null },
      };
    const api = mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
        const page = pages[cursor];
        if (!page) return json({ code: 'bad_request', detail: 'bad cursor' }, 400);
        return json({ items: page.items, nextCursor: page.next });
      },
    });
    const user = userEvent.setup();
    const { router } = render();

    const link = await screen.findByRole('link', { name: '相川製作所' });
    expect(link).toHaveAttribute('href', `/companies/${uuid(1)}`);
    const table = screen.getByRole('table', { name: '企業一覧' });
    expect(within(table).getByRole('columnheader', { name: '種別' })).toBeInTheDocument();
    expect(within(table).getByText('中小企業')).toBeInTheDocument();
    expect(within(table).getByText('1,234')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '前へ' })).toBeDisabled();

    // The next page is fetched ahead while the first is read.
    await waitFor(() =>
      expect(listCalls(api.calls).map((p) => p.get('cursor'))).toEqual([null, 'c2']),
    );
    const scrolled = vi.spyOn(Element.prototype, 'scrollIntoView');
    const focused = vi.spyOn(HTMLElement.prototype, 'focus');
    await user.click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByRole('link', { name: '井上工業' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?cursor=c2');
    // The new page is announced and starts where the list starts, not at the bottom button:
    // focus without its own scroll (no forced layout), then a scroll to the status in a frame.
    const status = screen.getByText('2ページ目・1件を表示');
    await waitFor(() => expect(status).toHaveFocus());
    expect(focused.mock.contexts.at(-1)).toBe(status);
    expect(focused.mock.calls.at(-1)).toEqual([{ preventScroll: true }]);
    await waitFor(() => expect(scrolled.mock.contexts).toContain(status));
    expect(scrolled).toHaveBeenLastCalledWith({ block: 'start' });
    scrolled.mockRestore();
    focused.mockRestore();
    await user.click(screen.getByRole('button', { name: '次へ' }));
    expect(await screen.findByRole('link', { name: '上田電機' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '次へ' })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('3ページ目');

    await user.click(screen.getByRole('button', { name: '前へ' }));
    expect(await screen.findByRole('link', { name: '井上工業' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '前へ' }));
    expect(await screen.findByRole('link', { name: '相川製作所' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('');

    // Each page was requested once: ahead of 次へ, and back from the cache (the kept stack).
    const cursors = listCalls(api.calls).map((p) => p.get('cursor'));
    expect(cursors).toEqual([null, 'c2', 'c3']);
    expect(
      listCalls(api.calls).every((p) => p.get('sort') === 'kana' && p.get('limit') === '50'),
    ).toBe(true);
  });

  it('sends the search and the filters, and keeps them in the URL', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () => json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    const { router } = render('/companies?q=%E3%81%8B%E3%82%8F');

    const search = await screen.findByRole('textbox', {
      name: '企業名・フリガナ・法人番号で検索',
    });
    expect(search).toHaveValue('かわ');
    await screen.findByRole('link', { name: '川崎精工株式会社' });
    expect(listCalls(api.calls)[0]?.get('q')).toBe('かわ');

    await user.clear(search);
    await user.type(search, 'ｶﾜｻｷ{Enter}');
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('q')).toBe('ｶﾜｻｷ'));
    expect(new URLSearchParams(router.state.location.search).get('q')).toBe('ｶﾜｻｷ');

    await user.click(screen.getByRole('combobox', { name: '種別' }));
    await user.click(await screen.findByRole('option', { name: '大学' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('kind')).toBe('university'));

    await user.click(screen.getByRole('switch', { name: 'アーカイブ済みも表示' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('includeArchived')).toBe('true'));

    await user.click(screen.getByRole('combobox', { name: '並び順' }));
    await user.click(await screen.findByRole('option', { name: '更新日順（新しい順）' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('sort')).toBe('updated'));

    const last = listCalls(api.calls).at(-1);
    expect(last?.get('q')).toBe('ｶﾜｻｷ');
    expect(last?.get('kind')).toBe('university');
    expect(last?.get('cursor')).toBeNull();
    const url = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(url)).toEqual({
      q: 'ｶﾜｻｷ',
      kind: 'university',
      archived: '1',
      sort: 'updated',
    });

    // The header's search lands here with a new q: the box follows and the list is asked for it.
    await act(() => router.navigate('/companies?q=%E3%81%82%E3%81%84'));
    await waitFor(() => expect(search).toHaveValue('あい'));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('q')).toBe('あい'));
    // That the box's debounce never writes its old text back is shown under a fake clock in
    // list/debounced-text-input.test.tsx.
    expect(router.state.location.search).toBe('?q=%E3%81%82%E3%81%84');
  });

  it('filters by JSIC division or major group and by municipality or prefecture taken from the URL', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () => json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    const { router } = render(
      '/companies?municipality=14&jsic=E&tag=%E4%BA%8B%E6%A5%AD%E6%89%BF%E7%B6%99&limit=25',
    );

    await screen.findByRole('link', { name: '川崎精工株式会社' });
    const first = listCalls(api.calls)[0];
    expect(first?.get('municipality')).toBe('14');
    expect(first?.get('jsic')).toBe('E');
    expect(first?.get('tag')).toBe('事業承継');
    expect(first?.get('limit')).toBe('25');
    // The code lists load on demand (a lazy chunk): here at once, as the URL sets both.
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: '所在地（都道府県・市区町村）' })).toHaveValue(
        '神奈川県（全域）',
      ),
    );
    const industry = screen.getByRole('combobox', { name: '業種（大分類・中分類）' });
    expect(industry).toHaveValue('E 製造業（すべて）');

    // Kana search finds a municipality by its reading.
    const place = screen.getByRole('combobox', { name: '所在地（都道府県・市区町村）' });
    await user.clear(place);
    await user.type(place, 'なかはら');
    await user.click(await screen.findByRole('option', { name: '神奈川県 川崎市 中原区' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('municipality')).toBe('141330'));

    // A major group (中分類), found by name under its division, goes to the API and the URL.
    await user.clear(industry);
    await user.type(industry, '食料品');
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).getByText('E 製造業')).toBeInTheDocument(); // the group's heading
    await user.click(within(listbox).getByRole('option', { name: '09 食料品製造業' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('jsic')).toBe('09'));
    expect(new URLSearchParams(router.state.location.search).get('jsic')).toBe('09');
    expect(industry).toHaveValue('09 食料品製造業');
  });

  it('loads a major group from the URL, and offers every division and major group once opened', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () => json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    const { router } = render('/companies?jsic=26');
    await screen.findByRole('link', { name: '川崎精工株式会社' });
    expect(listCalls(api.calls)[0]?.get('jsic')).toBe('26');
    const industry = screen.getByRole('combobox', { name: '業種（大分類・中分類）' });
    await waitFor(() => expect(industry).toHaveValue('26 生産用機械器具製造業'));

    // Mantine's clear button is aria-hidden (a mouse shortcut; the keyboard clears by Backspace).
    const wrapper = industry.parentElement as HTMLElement;
    const clear = wrapper.querySelector('button[aria-label="選択を解除"]');
    expect(clear).not.toBeNull();
    await user.click(clear as HTMLElement);
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('jsic')).toBeNull());
    expect(router.state.location.search).toBe('');
    await user.click(industry);
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    expect(options).toHaveLength(20 + 99); // divisions A–T and the 99 major groups
    expect(options[0]).toHaveTextContent('A 農業、林業（すべて）');
    expect(options[1]).toHaveTextContent('01 農業');
    await user.click(screen.getByRole('option', { name: 'T 分類不能の産業（すべて）' }));
    await waitFor(() => expect(listCalls(api.calls).at(-1)?.get('jsic')).toBe('T'));
    expect(router.state.location.search).toBe('?jsic=T');
  });

  it('says there are no companies yet and offers to register or import', async () => {
    mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () => json({ items: [], nextCursor: null }),
    });
    render();
    expect(await screen.findByText('まだ企業が登録されていません')).toBeInTheDocument();
    const registers = await screen.findAllByRole('link', { name: '企業を登録' });
    expect(registers.length).toBe(2); // header and empty state
    expect(registers[1]).toHaveAttribute('href', '/companies/new');
    const imports = screen.getAllByRole('link', { name: 'CSV 取り込み' });
    expect(imports[1]).toHaveAttribute('href', '/companies/import');
    expect(screen.getByRole('button', { name: /CSV 書き出し/ })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says when a search finds nothing and clears the filters', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': (request) =>
        new URL(request.url).searchParams.get('q')
          ? json({ items: [], nextCursor: null })
          : json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    const { router } = render('/companies?q=zzz&kind=large&sort=updated');
    expect(await screen.findByText('条件に合う企業はありません')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '条件をクリア' }));
    expect(await screen.findByRole('link', { name: '川崎精工株式会社' })).toBeInTheDocument();
    const last = listCalls(api.calls).at(-1);
    expect(last?.get('q')).toBeNull();
    expect(last?.get('kind')).toBeNull();
    expect(last?.get('sort')).toBe('updated');
    expect(router.state.location.search).toBe('?sort=updated');
    expect(screen.getByRole('textbox', { name: '企業名・フリガナ・法人番号で検索' })).toHaveValue(
      '',
    );
  });

  it('shows an error with a retry button, and retrying loads the list', async () => {
    let fail = true;
    mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () =>
        fail
          ? json({ code: 'internal', status: 500, detail: 'boom', requestId: 'req-1' }, 500)
          : json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    render();
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました');
    expect(screen.getByText('問い合わせ番号: req-1')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: '再試行' }));
    expect(await screen.findByRole('link', { name: '川崎精工株式会社' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('remembers the chosen columns in the browser', async () => {
    mockApi({
      'GET /api/v1/auth/session': session,
      'GET /api/v1/companies': () => json({ items: [buildCompany()], nextCursor: null }),
    });
    const user = userEvent.setup();
    render();
    const table = await screen.findByRole('table', { name: '企業一覧' });
    expect(within(table).queryByRole('columnheader', { name: '法人番号' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '表示する列' }));
    await user.click(await screen.findByRole('checkbox', { name: '法人番号' }));
    await user.click(screen.getByRole('checkbox', { name: '種別' }));
    expect(within(table).getByRole('columnheader', { name: '法人番号' })).toBeInTheDocument();
    expect(within(table).getByText('1180301018771')).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: '種別' })).not.toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem(COLUMNS_STORAGE_KEY) ?? '[]')).toEqual([
      'corporateNumber',
      'industry',
      'location',
      'employees',
      'updatedAt',
    ]);
  });

  it('hides register and import from a read-only user', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('viewer')),
      'GET /api/v1/companies': () => json({ items: [buildCompany()], nextCursor: null }),
    });
    render();
    await screen.findByRole('link', { name: '川崎精工株式会社' });
    expect(screen.queryByRole('link', { name: '企業を登録' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'CSV 取り込み' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /CSV 書き出し/ })).not.toBeInTheDocument();
  });
});
