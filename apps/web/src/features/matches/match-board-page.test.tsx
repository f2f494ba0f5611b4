import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { buildMatch, id, problem, session } from '../listings/testing';
import MatchBoardPage from './match-board-page';
import { todayYmd } from './match-format';

const fresh = buildMatch({
  id: id(31),
  companyName: '川崎精密成形株式会社',
  coordinatorName: '中原 花子',
  stage: 'candidate',
  stageDates: { candidate: '2025-05-01' },
});
const talking = buildMatch({
  id: id(32),
  listingTitle: '画像認識による外観検査',
  companyName: '多摩検査システム株式会社',
  stage: 'negotiating',
  stageDates: { candidate: '2025-04-01', meeting: '2025-04-20', negotiating: '2025-05-10' },
  version: 4,
});
const dropped = buildMatch({
  id: id(33),
  companyName: '高津金型株式会社',
  stage: 'introduced',
  status: 'dropped',
  stageDates: { candidate: '2025-04-01', introduced: '2025-04-10' },
  droppedOn: '2025-04-30',
  dropReason: '設備が足りない',
});

function renderBoard(handlers: Parameters<typeof mockApi>[0] = {}, role = 'staff') {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(session(role)),
    'GET /api/v1/matches': () => json({ items: [fresh, talking, dropped] }),
    ...handlers,
  });
  renderWithApp(<MatchBoardPage />, { route: '/matches', path: '/matches' });
  return api;
}

const column = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name} ?（`) });

describe('MatchBoardPage', () => {
  it('shows one column per stage and 不成立, each card with its patent, company, coordinator and days', async () => {
    renderBoard();
    await screen.findByRole('link', { name: '画像認識による外観検査' });
    const titles = screen
      .getAllByRole('heading', { level: 2 })
      .map((h) => h.textContent?.replace(/ ?（\d+件）$/, ''));
    expect(titles).toEqual([
      '候補',
      '紹介',
      '面談',
      '条件交渉',
      '契約（成約）',
      '試作・評価',
      '製品化',
      '不成立',
    ]);
    const candidate = column('候補');
    expect(within(candidate).getByText('川崎精密成形株式会社')).toBeInTheDocument();
    expect(within(candidate).getByText('担当: 中原 花子')).toBeInTheDocument();
    expect(within(candidate).getByText(/^2025年5月1日から\d+日$/)).toBeInTheDocument();
    expect(within(column('条件交渉')).getByText('多摩検査システム株式会社')).toBeInTheDocument();
    const lost = column('不成立');
    expect(within(lost).getByText('高津金型株式会社')).toBeInTheDocument();
    expect(within(lost).getByText('理由: 設備が足りない')).toBeInTheDocument();
    expect(within(lost).queryByRole('button')).not.toBeInTheDocument();
    expect(within(column('紹介')).queryByRole('listitem')).not.toBeInTheDocument();
  });

  it('moves a card forward with the day asked for (the next stage by default)', async () => {
    const user = userEvent.setup({ delay: null });
    let moved = false;
    const api = renderBoard({
      'GET /api/v1/matches': () =>
        json({
          items: [
            moved
              ? {
                  ...fresh,
                  stage: 'introduced',
                  stageDates: { ...fresh.stageDates, introduced: '2025-06-02' },
                  version: 2,
                }
              : fresh,
            talking,
            dropped,
          ],
        }),
      [`POST /api/v1/matches/${fresh.id}/stage`]: () => {
        moved = true;
        return json({ ...fresh, stage: 'introduced', version: 2 });
      },
    });
    await user.click(
      await screen.findByRole('button', {
        name: '炭素繊維強化樹脂の成形方法 × 川崎精密成形株式会社 を次のステージへ',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: '次のステージへ進める' });
    expect(within(dialog).getByRole('combobox', { name: /進めるステージ/ })).toHaveValue('紹介');
    const day = within(dialog).getByLabelText(/到達した日/);
    expect(day).toHaveValue(todayYmd());
    fireEvent.change(day, { target: { value: '2025-06-02' } });
    await user.click(within(dialog).getByRole('button', { name: '進める' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = api.calls.find((c) => c.method === 'POST');
    expect(await post?.json()).toEqual({ version: 1, stage: 'introduced', on: '2025-06-02' });
    expect(await within(column('紹介')).findByText('川崎精密成形株式会社')).toBeInTheDocument();
  });

  it('shows the API’s stage_needs_contract message at the stage when 製品化 comes before 契約', async () => {
    const user = userEvent.setup({ delay: null });
    const api = renderBoard({
      [`POST /api/v1/matches/${talking.id}/stage`]: () =>
        problem(422, 'validation_failed', '入力内容に誤りがあります。', [
          {
            field: 'stage',
            code: 'stage_needs_contract',
            message: '試作・評価や製品化の前に、契約（成約）を記録してください。',
          },
        ]),
    });
    await user.click(
      await screen.findByRole('button', {
        name: '画像認識による外観検査 × 多摩検査システム株式会社 を次のステージへ',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: '次のステージへ進める' });
    const stage = within(dialog).getByRole('combobox', { name: /進めるステージ/ });
    expect(stage).toHaveValue('契約（成約）');
    await user.click(stage);
    await user.click(await screen.findByRole('option', { name: '製品化' }));
    await user.click(within(dialog).getByRole('button', { name: '進める' }));

    await waitFor(() =>
      expect(stage).toHaveAccessibleDescription(
        /試作・評価や製品化の前に、契約（成約）を記録してください。/,
      ),
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    const post = api.calls.find((c) => c.method === 'POST');
    expect(await post?.json()).toEqual({
      version: 4,
      stage: 'commercialized',
      on: todayYmd(),
    });
  });

  it('drops a match only with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    const api = renderBoard({
      [`POST /api/v1/matches/${fresh.id}/drop`]: () =>
        json({
          ...fresh,
          status: 'dropped',
          droppedOn: todayYmd(),
          dropReason: '先方の事業方針の変更',
        }),
    });
    await user.click(
      await screen.findByRole('button', {
        name: '炭素繊維強化樹脂の成形方法 × 川崎精密成形株式会社 を不成立にする',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: '不成立にする' });
    await user.click(within(dialog).getByRole('button', { name: '不成立にする' }));
    expect(await within(dialog).findByText('必須項目です。')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(
      within(dialog).getByRole('textbox', { name: /不成立の理由/ }),
      '先方の事業方針の変更',
    );
    await user.click(within(dialog).getByRole('button', { name: '不成立にする' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await api.calls.find((c) => c.method === 'POST')?.json()).toEqual({
      version: 1,
      on: todayYmd(),
      reason: '先方の事業方針の変更',
    });
  });

  it('lets a viewer look without moving anything', async () => {
    renderBoard({}, 'viewer');
    await screen.findByRole('link', { name: '画像認識による外観検査' });
    expect(screen.queryByRole('button', { name: /次のステージへ/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /不成立にする/ })).not.toBeInTheDocument();
  });

  it('says what to do when there is no match yet', async () => {
    renderBoard({ 'GET /api/v1/matches': () => json({ items: [] }) });
    expect(
      await screen.findByRole('heading', { name: 'マッチング案件はまだありません' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '開放特許の一覧へ' })).toHaveAttribute(
      'href',
      '/listings',
    );
  });
});
