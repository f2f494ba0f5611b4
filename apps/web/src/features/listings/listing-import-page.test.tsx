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

const JOB_ID = '0190a8a0-0000-7000-8000-0000000000f1';

/** The import's background job as GET /api/v1/jobs/{id} shows it; the test moves it along. */
function listingsJob() {
  let job: Record<string, unknown> = {
    id: JOB_ID,
    kind: 'listings.import',
    status: 'queued',
    progress: null,
    result: null,
    error: null,
    attempts: 0,
    maxAttempts: 3,
    runAt: '2026-01-01T00:00:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
    cancelRequested: false,
  };
  return {
    accepted: () =>
      json({ jobId: JOB_ID, status: 'queued', location: `/api/v1/jobs/${JOB_ID}` }, 202),
    read: () => json(job),
    set: (over: Record<string, unknown>) => {
      job = { ...job, ...over };
    },
  };
}

describe('ListingImportPage', () => {
  it('checks the file first and lists every error by line, importing nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, container } = renderImport({
      // As the API answers a file with errors: 422 import_invalid with the whole result.
      'POST /api/v1/listings/import': () =>
        json(
          {
            type: 'about:blank',
            title: 'import_invalid',
            status: 422,
            code: 'import_invalid',
            detail: 'ファイルに誤りがあります。',
            result: {
              dryRun: true,
              created: 1,
              updated: 0,
              errors: [
                {
                  line: 3,
                  field: 'ipc.0',
                  code: 'invalid_format',
                  message: '国際特許分類（IPC）のコードとして正しくありません（例: B29C 70/06）。',
                },
                { line: 3, field: 'title', code: 'required', message: '必須項目です。' },
              ],
            },
          },
          422,
        ),
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

  it('shows the counts of a clean file, then imports it as a job, following its progress', async () => {
    const user = userEvent.setup({ delay: null });
    const job = listingsJob();
    const { api, container } = renderImport({
      'POST /api/v1/listings/import': (request) =>
        request.headers.get('prefer') === 'respond-async'
          ? job.accepted()
          : json({ dryRun: dryRunOf(request) === 'true', created: 2, updated: 1, errors: [] }),
      [`GET /api/v1/jobs/${JOB_ID}`]: () => job.read(),
    });
    await choose(user, container);
    await user.click(screen.getByRole('button', { name: '内容を確認する' }));

    expect(await screen.findByText('誤りはありません。取り込めます。')).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '新規登録 2' })).toBeInTheDocument();
    expect(screen.getByRole('row', { name: '更新 1' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '3件を取り込む' }));

    // The page reads the job: queued, then running, then its result.
    expect(await screen.findByText('処理の順番を待っています…')).toBeVisible();
    expect(screen.getByRole('progressbar', { name: '処理の進み具合' })).toBeVisible();
    expect(screen.getByRole('button', { name: '内容を確認する' })).toBeDisabled();
    job.set({ status: 'running', attempts: 1, progress: { phase: 'import' } });
    expect(await screen.findByText('サーバーで処理しています…')).toBeVisible();
    job.set({
      status: 'succeeded',
      result: { dryRun: false, created: 2, updated: 1, errors: [] },
    });

    expect(await screen.findByText('2件を新規登録し、1件を更新しました')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '開放特許の一覧を見る' })).toHaveAttribute(
      'href',
      '/listings',
    );
    await waitFor(() =>
      expect(api.calls.filter((c) => c.method === 'POST').map(dryRunOf)).toEqual(['true', 'false']),
    );
    const [, queued] = api.calls.filter((c) => c.method === 'POST');
    expect(queued?.headers.get('prefer')).toBe('respond-async');
    expect(await queued?.text()).toBe(CSV);
  });

  it('shows the error of a job that failed, and imports again on retry', async () => {
    const user = userEvent.setup({ delay: null });
    const job = listingsJob();
    const { container } = renderImport({
      'POST /api/v1/listings/import': (request) =>
        request.headers.get('prefer') === 'respond-async'
          ? job.accepted()
          : json({ dryRun: true, created: 1, updated: 0, errors: [] }),
      [`GET /api/v1/jobs/${JOB_ID}`]: () => job.read(),
    });
    await choose(user, container);
    await user.click(screen.getByRole('button', { name: '内容を確認する' }));
    job.set({
      status: 'failed',
      error: {
        code: 'payload_too_large',
        message: { ja: 'ファイルが大きすぎます。', en: 'The file is too large.' },
      },
    });
    await user.click(await screen.findByRole('button', { name: '1件を取り込む' }));
    expect(await screen.findByText('ファイルが大きすぎます。')).toBeVisible();

    job.set({
      status: 'succeeded',
      error: null,
      result: { dryRun: false, created: 1, updated: 0, errors: [] },
    });
    await user.click(screen.getByRole('button', { name: '再試行' }));
    expect(await screen.findByText('1件を新規登録し、0件を更新しました')).toBeInTheDocument();
  });
});
