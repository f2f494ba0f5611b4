import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { CompanySearchBox } from './company-search-box';
import { buildCompany, uuid } from './list/testing';

const page = (items: unknown[]) => ({ items, total: items.length, nextCursor: null });

describe('CompanySearchBox', () => {
  it('lists matching companies and opens the one chosen', async () => {
    const { calls } = mockApi({
      'GET /api/v1/companies': () => json(page([buildCompany({ id: uuid(7) })])),
    });
    const { router } = renderWithApp(<CompanySearchBox />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: '企業を検索' }), 'かわさき');
    const listbox = await screen.findByRole('listbox', { name: '企業を検索' });
    await user.click(await within(listbox).findByRole('option', { name: /川崎精工株式会社/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/companies/${uuid(7)}`));
    expect(new URL(calls.at(-1)?.url ?? '').searchParams.get('q')).toBe('かわさき');
  });

  it('says when the search failed, rather than "no match", and searches again on request', async () => {
    let fail = true;
    mockApi({
      'GET /api/v1/companies': () =>
        fail
          ? json({ code: 'internal', status: 500, detail: 'x' }, 500)
          : json(page([buildCompany({ id: uuid(7) })])),
    });
    renderWithApp(<CompanySearchBox />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: '企業を検索' }), '精工');
    const listbox = await screen.findByRole('listbox', { name: '企業を検索' });
    expect(await within(listbox).findByRole('alert')).toHaveTextContent(
      '検索できませんでした: サーバーでエラーが発生しました',
    );
    expect(listbox).not.toHaveTextContent('該当する企業はありません');

    fail = false;
    await user.click(within(listbox).getByRole('option', { name: 'もう一度検索する' }));
    expect(
      await within(listbox).findByRole('option', { name: /川崎精工株式会社/ }),
    ).toBeInTheDocument();
    expect(within(listbox).queryByRole('alert')).not.toBeInTheDocument();
  });
});
