import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import ListingFormPage from './listing-form-page';
import { buildListing, problem, session } from './testing';

const listing = buildListing();

function renderCreate(handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ 'GET /api/v1/auth/session': () => json(session()), ...handlers });
  renderWithApp(<ListingFormPage />, { route: '/listings/new', path: '/listings/new' });
  return api;
}

/** Puts `text` into a field the way a paste does: one event, not one per character. */
async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
}

const field = (label: string) =>
  screen.getByLabelText(new RegExp(`^${label}`), { selector: 'input, textarea' });

describe('ListingFormPage', () => {
  it('checks the fields with the contract before sending: IPC codes and dates in order', async () => {
    const user = userEvent.setup({ delay: null });
    const api = renderCreate();
    const title = await screen.findByRole('textbox', { name: /^発明の名称/ });
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('入力内容を確認してください');
    expect(title).toHaveAccessibleDescription(/必須項目です。/);
    expect(title).toHaveFocus();

    await fill(user, title, '炭素繊維強化樹脂の成形方法');
    await user.type(field('国際特許分類'), 'B29C 70/06{enter}Z99Z{enter}');
    const filed = screen.getByLabelText('出願日');
    const registered = screen.getByLabelText('登録日');
    // Date inputs take a typed day in one change, as the browser's picker gives it.
    fireEvent.change(filed, { target: { value: '2017-03-10' } });
    fireEvent.change(registered, { target: { value: '2015-06-01' } });
    expect(screen.getByText('Z99Z')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(
      await screen.findByText(
        '国際特許分類（IPC）のコードとして正しくありません（例: B29C 70/06）。',
      ),
    ).toBeInTheDocument();
    expect(registered).toHaveAccessibleDescription(/この日付は前の日付より後にしてください。/);
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('sends the listing and shows the API’s field errors at their fields, in Japanese', async () => {
    const user = userEvent.setup({ delay: null });
    const api = renderCreate({
      'POST /api/v1/listings': () =>
        problem(422, 'validation_failed', '入力内容に誤りがあります。', [
          {
            field: 'patentNumber',
            code: 'already_exists',
            message: 'この特許番号の開放特許はすでに登録されています。',
          },
          { field: 'holderCompanyId', code: 'invalid_value', message: '値が正しくありません。' },
        ]),
    });
    await fill(
      user,
      await screen.findByRole('textbox', { name: /^発明の名称/ }),
      '画像認識による外観検査',
    );
    await fill(user, field('特許番号'), '特許第6123456号');
    await user.type(field('適用製品'), '検査装置、外観検査{enter}');
    await user.click(screen.getByRole('button', { name: '保存' }));

    const patentNumber = field('特許番号');
    await waitFor(() =>
      expect(patentNumber).toHaveAccessibleDescription(
        /この特許番号の開放特許はすでに登録されています。/,
      ),
    );
    expect(patentNumber).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('入力内容に誤りがあります。');
    const holder = field('権利者（登録企業）');
    expect(holder).toHaveAccessibleDescription(/値が正しくありません。/);

    const body = await api.calls.find((c) => c.method === 'POST')?.json();
    expect(body).toMatchObject({
      kind: 'open_patent',
      title: '画像認識による外観検査',
      patentNumber: '特許第6123456号',
      applicableProducts: ['検査装置', '外観検査'],
      status: 'offered',
      licensing: 'non_exclusive',
    });
  });

  it('edits: sends only what changed with the version read, then opens the listing', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/listings/${listing.id}`]: () => json(listing),
      [`PATCH /api/v1/listings/${listing.id}`]: () =>
        json({ ...listing, effect: '成形時間が半分になる', version: 2 }),
    });
    const { router } = renderWithApp(<ListingFormPage />, {
      route: '/listings/:id/edit',
      path: `/listings/${listing.id}/edit`,
    });
    const effect = await screen.findByRole('textbox', { name: /^効果/ });
    await user.clear(effect);
    await fill(user, effect, '成形時間が半分になる');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/listings/${listing.id}`));
    const body = await api.calls.find((c) => c.method === 'PATCH')?.json();
    expect(body).toEqual({ version: 1, effect: '成形時間が半分になる' });
  });

  it('is refused to a viewer', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session('viewer')) });
    renderWithApp(<ListingFormPage />, { route: '/listings/new', path: '/listings/new' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('この操作を行う権限がありません。')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '保存' })).not.toBeInTheDocument();
  });
});
