import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import CompanyDetailPage from './company-detail-page';
import { buildCompany, uuid, writerSession } from './list/testing';

const company = buildCompany({ id: uuid(7) });
const path = `/companies/${uuid(7)}`;

const history = {
  items: [
    {
      id: 2,
      at: '2025-06-15T05:30:00.000Z',
      actorUserId: uuid(1),
      actorLabel: '川崎 花子',
      action: 'update',
      entity: 'company',
      entityId: uuid(7),
      changes: {
        employees: { before: 30, after: 1234 },
        kind: { before: 'startup', after: 'sme' },
        updatedAt: { before: '2025-04-01T01:00:00.000Z', after: '2025-06-15T05:30:00.000Z' },
      },
      requestId: 'r2',
    },
    {
      id: 1,
      at: '2025-04-01T01:00:00.000Z',
      actorUserId: null,
      actorLabel: 'CSV 取り込み',
      action: 'import',
      entity: 'company',
      entityId: uuid(7),
      changes: {
        id: { before: null, after: uuid(7) },
        name: { before: null, after: '川崎精工株式会社' },
        municipalityCode: { before: null, after: '141330' },
        tags: { before: null, after: [] },
      },
      requestId: null,
    },
  ],
  nextCursor: null,
};

function render(role = 'staff', handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(writerSession(role)),
    [`GET /api/v1/companies/${uuid(7)}`]: () => json(company),
    [`GET /api/v1/companies/${uuid(7)}/history`]: () => json(history),
    [`GET /api/v1/companies/${uuid(7)}/timeline`]: () =>
      json({ companyId: uuid(7), flag: null, firstVisitOn: null, items: [] }),
    ...handlers,
  });
  return { api, ...renderWithApp(<CompanyDetailPage />, { route: '/companies/:id', path }) };
}

describe('CompanyDetailPage', () => {
  // Notifications live in a module-level store: start every test without the last one's.
  afterEach(() => notifications.clean());

  it('shows the profile in groups, an empty support timeline and the change history', async () => {
    render();
    expect(
      await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' }),
    ).toBeVisible();

    const basic = screen.getByRole('region', { name: '基本情報' });
    expect(within(basic).getByText('1180301018771')).toBeInTheDocument();
    expect(within(basic).getByText('2694 金属加工機械製造業')).toBeInTheDocument();
    expect(within(basic).getByText('30,000,000円')).toBeInTheDocument();
    expect(within(basic).getByText('1,234人')).toBeInTheDocument();
    const location = screen.getByRole('region', { name: '所在地' });
    expect(within(location).getByText('〒211-0004')).toBeInTheDocument();
    expect(within(location).getByText('川崎市 中原区（141330）')).toBeInTheDocument();
    const business = screen.getByRole('region', { name: '事業内容' });
    expect(within(business).getByText('5軸マシニングセンタ')).toBeInTheDocument();
    const successor = screen.getByRole('region', { name: '代表者・事業承継' });
    const age = new Date().getFullYear() - 1950;
    expect(within(successor).getByText(`1950年生まれ（${age}歳）`)).toBeInTheDocument();
    expect(within(successor).getByText('候補あり')).toBeInTheDocument();
    const tags = screen.getByRole('region', { name: 'タグ' });
    expect(
      within(tags).getByRole('link', { name: 'タグ「事業承継」の企業を一覧で見る' }),
    ).toHaveAttribute('href', `/companies?tag=${encodeURIComponent('事業承継')}`);
    expect(screen.getByRole('region', { name: '登録・更新' })).toHaveTextContent(
      '2025年4月1日 10:00',
    );

    const timeline = screen.getByRole('region', { name: '支援の経過' });
    expect(await within(timeline).findByText(/訪問や支援案件を記録すると/)).toBeInTheDocument();

    const changes = screen.getByRole('region', { name: '変更履歴' });
    const entries = await within(changes).findAllByRole('listitem');
    expect(entries).toHaveLength(2);
    const [update, created] = entries as [HTMLElement, HTMLElement];
    expect(update).toHaveTextContent('更新');
    expect(update).toHaveTextContent('川崎 花子');
    const employees = within(update).getByRole('rowheader', { name: '従業員数' }).closest('tr');
    expect(employees).toHaveTextContent('30');
    expect(employees).toHaveTextContent('1,234');
    const kind = within(update).getByRole('rowheader', { name: '種別' }).closest('tr');
    expect(kind).toHaveTextContent('スタートアップ');
    expect(kind).toHaveTextContent('中小企業');
    expect(within(update).queryByText('更新日時')).not.toBeInTheDocument();
    expect(created).toHaveTextContent('CSV 取り込みで登録');
    expect(within(created).getByRole('columnheader', { name: '内容' })).toBeInTheDocument();
    expect(created).toHaveTextContent('神奈川県 川崎市 中原区（141330）');
    expect(within(created).queryByText('タグ')).not.toBeInTheDocument();
  });

  it('asks before archiving and sends the version it shows', async () => {
    let archived: unknown;
    const after = { ...company, archivedAt: '2025-07-01T00:00:00.000Z', version: 4 };
    render('staff', {
      [`GET /api/v1/companies/${uuid(7)}`]: () => json(archived ? after : company),
      [`POST /api/v1/companies/${uuid(7)}/archive`]: async (request) => {
        archived = await request.json();
        return json(after);
      },
    });
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' });

    await user.click(screen.getByRole('button', { name: 'アーカイブ' }));
    const dialog = await screen.findByRole('dialog', { name: 'この企業をアーカイブしますか？' });
    expect(dialog).toHaveTextContent('一覧や検索に表示されなくなります');
    expect(dialog).toHaveTextContent('いつでも「復元」で元に戻せます');
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(archived).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'アーカイブ' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'アーカイブする' }),
    );
    await waitFor(() => expect(archived).toEqual({ version: 3 }));
    expect(await screen.findByRole('button', { name: '復元' })).toBeInTheDocument();
    expect(
      screen.getByText(/一覧や検索には表示されませんが、記録は残っています/),
    ).toBeInTheDocument();
  });

  it('asks to reload when someone else changed the company (409 stale_version)', async () => {
    render('staff', {
      [`POST /api/v1/companies/${uuid(7)}/archive`]: () =>
        json({ code: 'stale_version', status: 409, detail: 'stale' }, 409),
    });
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' });
    await user.click(screen.getByRole('button', { name: 'アーカイブ' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'アーカイブする' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'ほかの人がすでに更新しています',
    );
    expect(within(dialog).getByRole('button', { name: '再読み込み' })).toBeInTheDocument();
  });

  it('restores an archived company with its version, and prints', async () => {
    const archivedCompany = { ...company, archivedAt: '2025-07-01T00:00:00.000Z', version: 4 };
    let restored: unknown;
    const print = vi.fn();
    window.print = print;
    render('staff', {
      [`GET /api/v1/companies/${uuid(7)}`]: () => json(archivedCompany),
      [`GET /api/v1/companies/${uuid(7)}/history`]: () => json({ items: [], nextCursor: null }),
      [`POST /api/v1/companies/${uuid(7)}/restore`]: async (request) => {
        restored = await request.json();
        return json({ ...company, version: 5 });
      },
    });
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' });
    expect(await screen.findByText('変更履歴はまだありません。')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '印刷' }));
    expect(print).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: '復元' }));
    await waitFor(() => expect(restored).toEqual({ version: 4 }));
    expect(await screen.findByRole('button', { name: 'アーカイブ' })).toBeInTheDocument();
  });

  it('shows a read-only user no edit or archive buttons, and the edit link goes to the form', async () => {
    render('viewer');
    await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' });
    expect(screen.queryByRole('link', { name: '編集' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'アーカイブ' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '印刷' })).toBeInTheDocument();
  });

  it('links 編集 to the form for a writer', async () => {
    render('coordinator');
    expect(await screen.findByRole('link', { name: '編集' })).toHaveAttribute(
      'href',
      `/companies/${uuid(7)}/edit`,
    );
  });

  it('shows an error with retry when the company cannot be loaded', async () => {
    let fail = true;
    render('staff', {
      [`GET /api/v1/companies/${uuid(7)}`]: () =>
        fail ? json({ code: 'internal', status: 500, detail: 'x' }, 500) : json(company),
    });
    const user = userEvent.setup();
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました');
    fail = false;
    await user.click(screen.getByRole('button', { name: '再試行' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: '川崎精工株式会社' }),
    ).toBeVisible();
  });
});
