import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import ListingImportPage from './listing-import-page';
import { session } from './testing';

const CSV =
  '発明の名称,特許番号,国際特許分類\n画像認識による外観検査,特許第1号,G06T 7/00\n成形方法,特許第2号,ZZZ\n';

function renderImport(handlers: Parameters<typeof mockApi>[0]) {
  const api = mockApi({ 'GET /api/v1/auth/session': () => json(session()), ...handlers });
  const view = renderWithApp(<ListingImportPage />, {
    route: '/listings/import',
    path: '/listings/import',
  });
  return { api, ...view };
}

async function choose(user: ReturnType<typeof userEvent.setup>, container: HTMLElement) {
  await screen.findByRole('button', { name: '内容を確認する' });
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  await user.upload(input, new File([CSV], '開放特許.csv', { type: 'text/csv' }));
}

const dryRunOf = (request: Request) => new URL(request.url).searchParams.get('dryRun');

describe('ListingImportPage', () => {
  it('checks the file first and lists every error by line, importing nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, container } = renderImport({
      'POST /api/v1/listings/import': () =>
        json({
          dryRun: true,
          created: 1,
          updated: 0,
          errors: [
            {
              line: 3,
              field: 'ipc.0',
              message: '国際特許分類（IPC）のコードとして正しくありません（例: B29C 70/06）。',
            },
            { line: 3, field: 'title', message: '必須項目です。' },
          ],
        }),
    });
    await choose(user, container);
    await user.click(screen.getByRole('button', { name: '内容を確認する' }));

    const table = await screen.findByRole('table', { name: '行ごとの誤り' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      [
        '3',
        '国際特許分類（IPC）',
        '国際特許分類（IPC）のコードとして正しくありません（例: B29C 70/06）。',
      ],
      ['3', '発明の名称', '必須項目です。'],
    ]);
    expect(screen.getByRole('alert')).toHaveTextContent(
      '2件の誤りがあります（何も書き込んでいません）',
    );
    expect(screen.queryByRole('button', { name: /件を取り込む/ })).not.toBeInTheDocument();

    const [call] = api.calls.filter((c) => c.method === 'POST');
    expect(call && dryRunOf(call)).toBe('true');
    expect(call?.headers.get('content-type')).toBe('text/csv');
    expect(await call?.text()).toBe(CSV);
  });

  it('shows the counts of a clean file, then imports it for real', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, container } = renderImport({
      'POST /api/v1/listings/import': (request) =>
        json({ dryRun: dryRunOf(request) === 'true', created: 2, updated: 1, errors: [] }),
    });
    await choose(user, container);
    await user.click(screen.getByRole('button', { name: '内容を確認する' }));

    expect(await screen.findByText('誤りはありません。取り込めます。')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '新規登録 2' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '更新 1' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '3件を取り込む' }));

    expect(await screen.findByText('2件を新規登録し、1件を更新しました')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '開放特許の一覧を見る' })).toHaveAttribute(
      'href',
      '/listings',
    );
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'POST').map(dryRunOf)).toEqual(['true', 'false']),
    );
  });
});
