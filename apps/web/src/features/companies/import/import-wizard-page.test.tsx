import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../../test/render';
import ImportWizardPage from './import-wizard-page';
import { csvFile, OTHER_SYSTEM_CSV, SJIS_BANSO_CSV } from './test-files';

const session = {
  user: {
    id: '0190a8a0-0000-7000-8000-000000000001',
    email: 'staff@example.jp',
    displayName: '職員',
    role: 'staff',
    locale: 'ja',
  },
  tenant: {
    id: '0190a8a0-0000-7000-8000-000000000002',
    slug: 'kawasaki',
    name: '川崎市',
    nameEn: null,
  },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const IMPORT_ID = '0190a8a0-0000-7000-8000-0000000000aa';

const result = (over: Record<string, unknown> = {}) => ({
  id: null,
  status: 'dry_run',
  format: 'banso',
  encoding: 'shift_jis',
  rowsRead: 2,
  inserted: 2,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  committedLine: 0,
  errors: [],
  errorCount: 0,
  ...over,
});

const progress = (over: Record<string, unknown>) => ({
  type: 'progress',
  phase: 'validate',
  linesRead: 0,
  rowsRead: 0,
  committedLine: 0,
  bytesRead: 0,
  totalBytes: 100,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  errorCount: 0,
  importId: null,
  ...over,
});

const JOB_ID = '0190a8a0-0000-7000-8000-0000000000f0';

/** The import's background job as GET /api/v1/jobs/{id} shows it; the test moves it along. */
function importJob() {
  let job: Record<string, unknown> = {
    id: JOB_ID,
    kind: 'companies.import',
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
    progress: (over: Record<string, unknown>) => {
      const { type: _type, ...p } = progress(over);
      job = { ...job, status: 'running', attempts: 1, progress: p };
    },
  };
}

const fileInput = (container: HTMLElement) => {
  const input = container.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
  return input;
};

async function chooseFile(container: HTMLElement, bytes: Uint8Array<ArrayBuffer>, name: string) {
  const user = userEvent.setup();
  await user.upload(fileInput(container), csvFile(bytes, name));
  await screen.findByText(/先頭 \d+ 行のプレビュー/);
  return user;
}

const importCalls = (calls: Request[]) =>
  calls.filter((r) => new URL(r.url).pathname === '/api/v1/companies/import');

describe('ImportWizardPage', () => {
  it('previews a Shift_JIS file with the encoding detected and Japanese decoded', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session) });
    const { container } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'CSV 取り込み' })).toBeVisible();
    const user = await chooseFile(container, SJIS_BANSO_CSV, '台帳.csv');

    expect(screen.getByRole('combobox', { name: '文字コード' })).toHaveValue('Shift_JIS');
    expect(screen.getByText(/自動判定: Shift_JIS/)).toBeVisible();
    expect(screen.getByText('Banso 形式（見出し行あり）')).toBeVisible();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'フリガナ' })).toBeVisible();
    expect(within(table).getByRole('cell', { name: '株式会社髙﨑精密' })).toBeVisible();
    expect(within(table).getByRole('cell', { name: '丸①商事' })).toBeVisible();
    expect(screen.getByText(/4 行/)).toBeVisible();
    // A Banso file needs no mapping: three steps.
    expect(screen.queryByText('列の対応付け')).not.toBeInTheDocument();

    // Forcing UTF-8 shows garbled text and a warning.
    await user.click(screen.getByRole('combobox', { name: '文字コード' }));
    await user.click(await screen.findByRole('option', { name: 'UTF-8' }));
    expect(await screen.findByText(/読めない文字/)).toBeVisible();
    expect(screen.queryByRole('cell', { name: '株式会社髙﨑精密' })).not.toBeInTheDocument();
  });

  it('asks for a column mapping for a foreign header and sends it with the check', async () => {
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'POST /api/v1/companies/import': () => json(result({ encoding: 'utf-8' })),
    });
    const { container } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    const user = await chooseFile(container, OTHER_SYSTEM_CSV, 'other.csv');
    expect(screen.getByText('その他の形式（列の対応付けが必要）')).toBeVisible();
    expect(screen.getByRole('combobox', { name: '文字コード' })).toHaveValue('UTF-8');
    await user.click(screen.getByRole('button', { name: '次へ' }));

    // Pre-filled from the header names.
    expect(screen.getByRole('combobox', { name: /^名称/ })).toHaveDisplayValue('会社名');
    expect(screen.getByRole('combobox', { name: '所在地' })).toHaveDisplayValue('住所');
    expect(screen.getByRole('combobox', { name: '従業員数' })).toHaveDisplayValue('従業員');
    expect(screen.getByRole('combobox', { name: 'フリガナ' })).toHaveDisplayValue(
      '（取り込まない）',
    );
    // The user leaves 従業員数 out.
    await user.selectOptions(
      screen.getByRole('combobox', { name: '従業員数' }),
      '（取り込まない）',
    );
    await user.click(screen.getByRole('button', { name: '次へ' }));
    await user.click(screen.getByRole('button', { name: '検証する' }));
    expect(await screen.findByText('検証結果')).toBeVisible();

    const [request] = importCalls(api.calls);
    const query = new URL(request?.url ?? '').searchParams;
    expect(query.get('dryRun')).toBe('true');
    expect(query.get('format')).toBe('banso');
    expect(query.get('encoding')).toBe('utf-8');
    expect(query.get('fileName')).toBe('other.csv');
    expect(JSON.parse(query.get('mapping') ?? '')).toEqual({
      法人番号: '法人番号',
      名称: '会社名',
      所在地: '住所',
      事業内容: '業種メモ',
    });
    expect(request?.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await request?.text()).toContain('株式会社みぞのくち電機');
  });

  it('lists the dry run errors by line and field, and imports only in a mode that allows them', async () => {
    const errors = [
      {
        line: 5,
        field: 'corporateNumber',
        code: 'corporate_number_check_digit',
        message: '法人番号のチェックデジットが正しくありません。',
      },
    ];
    mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'POST /api/v1/companies/import': (request) => {
        const mode = new URL(request.url).searchParams.get('mode');
        if (mode === 'atomic') {
          return json(
            {
              type: 'https://banso.invalid/problems/import-invalid',
              title: 'import_invalid',
              status: 422,
              code: 'import_invalid',
              detail: 'ファイルに誤りがあるため、何も取り込みませんでした。',
              result: result({ status: 'rejected', errors, errorCount: 1, skipped: 1 }),
            },
            422,
          );
        }
        return json(result({ errors, errorCount: 1, skipped: 1 }));
      },
    });
    const { container } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    const user = await chooseFile(container, SJIS_BANSO_CSV, 'sjis.csv');
    await user.click(screen.getByRole('button', { name: '次へ' }));
    expect(screen.getByRole('radio', { name: /すべて取り込むか/ })).toBeChecked();
    await user.click(screen.getByRole('button', { name: '検証する' }));

    const table = await screen.findByRole('table', { name: '誤りのある行の一覧' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('5');
    expect(row).toHaveTextContent('法人番号');
    expect(row).toHaveTextContent('法人番号のチェックデジットが正しくありません。');
    expect(screen.getByText(/この方法では何も取り込めません/)).toBeVisible();
    expect(screen.getByRole('button', { name: '取り込む' })).toBeDisabled();

    await user.click(screen.getByRole('radio', { name: /誤りのある行を飛ばして/ }));
    expect(screen.queryByRole('button', { name: '取り込む' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '検証する' }));
    expect(await screen.findByText('誤りのある 1 行は取り込まれません。')).toBeVisible();
    expect(screen.getByRole('button', { name: '取り込む' })).toBeEnabled();
  });

  it('imports after confirmation with a progress bar that reads the import job, then shows the result', async () => {
    const job = importJob();
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'POST /api/v1/companies/import': (request) =>
        request.headers.get('prefer') === 'respond-async' ? job.accepted() : json(result()),
      [`GET /api/v1/jobs/${JOB_ID}`]: () => job.read(),
    });
    const { container, router } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    const user = await chooseFile(container, SJIS_BANSO_CSV, 'sjis.csv');
    await user.click(screen.getByRole('button', { name: '次へ' }));
    await user.click(screen.getByRole('button', { name: '検証する' }));
    await user.click(await screen.findByRole('button', { name: '取り込む' }));

    const dialog = await screen.findByRole('dialog', { name: '取り込みを開始しますか？' });
    expect(dialog).toHaveTextContent('2 件を新規登録し、既存の 0 件を更新します。');
    await user.click(within(dialog).getByRole('button', { name: '取り込みを開始' }));

    expect(await screen.findByText('ファイルを送信しています…')).toBeVisible();
    const bar = () => screen.getByRole('progressbar', { name: '取り込みの進み具合' });
    job.progress({ linesRead: 2, rowsRead: 1 });
    expect(await screen.findByText('検証中: 2 / 4 行')).toBeVisible();
    expect(bar()).toHaveAttribute('aria-valuenow', '10');
    // Leaving the page while importing asks first.
    await act(() => router.navigate('/companies'));
    const leave = await screen.findByRole('dialog', { name: '取り込みの画面を離れますか？' });
    await user.click(within(leave).getByRole('button', { name: 'このページに留まる' }));
    expect(router.state.location.pathname).toBe('/companies/import');
    job.progress({
      phase: 'write',
      linesRead: 3,
      committedLine: 3,
      inserted: 1,
      importId: IMPORT_ID,
    });
    expect(await screen.findByText('登録中: 3 / 4 行まで書き込み済み')).toBeVisible();
    expect(bar()).toHaveAttribute('aria-valuenow', '80');
    expect(screen.getByText(/新規 1・更新 0/)).toBeVisible();
    job.set({
      status: 'succeeded',
      result: result({ id: IMPORT_ID, status: 'completed', committedLine: 4 }),
    });

    expect(await screen.findByText('取り込みが完了しました')).toBeVisible();
    expect(bar()).toHaveAttribute('aria-valuenow', '100');
    expect(screen.getByText(/2 行を読み込み、新規 2 件・更新 0 件/)).toBeVisible();
    expect(screen.getByRole('link', { name: '企業台帳を見る' })).toHaveAttribute(
      'href',
      '/companies',
    );

    const [, imported] = importCalls(api.calls);
    const query = new URL(imported?.url ?? '').searchParams;
    expect(query.get('dryRun')).toBeNull();
    expect(query.get('mode')).toBe('atomic');
    expect(query.get('encoding')).toBe('shift_jis');
    expect(imported?.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(imported?.headers.get('prefer')).toBe('respond-async');
  });

  it('cancels the running import after a confirmation; what was written stays', async () => {
    const job = importJob();
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'POST /api/v1/companies/import': (request) =>
        request.headers.get('prefer') === 'respond-async' ? job.accepted() : json(result()),
      [`GET /api/v1/jobs/${JOB_ID}`]: () => job.read(),
      [`POST /api/v1/jobs/${JOB_ID}/cancel`]: () => {
        job.set({ cancelRequested: true });
        return job.read();
      },
    });
    const { container } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    const user = await chooseFile(container, SJIS_BANSO_CSV, 'sjis.csv');
    await user.click(screen.getByRole('button', { name: '次へ' }));
    await user.click(screen.getByRole('button', { name: '検証する' }));
    await user.click(await screen.findByRole('button', { name: '取り込む' }));
    const start = await screen.findByRole('dialog', { name: '取り込みを開始しますか？' });
    await user.click(within(start).getByRole('button', { name: '取り込みを開始' }));
    job.progress({
      phase: 'write',
      linesRead: 3,
      committedLine: 3,
      inserted: 1,
      importId: IMPORT_ID,
    });
    expect(await screen.findByText('登録中: 3 / 4 行まで書き込み済み')).toBeVisible();

    // Asked first; keeping it running sends nothing.
    await user.click(screen.getByRole('button', { name: '中止' }));
    let confirm = await screen.findByRole('dialog', { name: '処理を中止しますか？' });
    expect(confirm).toHaveTextContent('既に書き込まれた分はそのまま残ります。');
    await user.click(within(confirm).getByRole('button', { name: '続ける' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const cancels = () => api.calls.filter((r) => r.url.endsWith(`/jobs/${JOB_ID}/cancel`));
    expect(cancels()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '中止' }));
    confirm = await screen.findByRole('dialog', { name: '処理を中止しますか？' });
    await user.click(within(confirm).getByRole('button', { name: '中止する' }));
    expect(await screen.findByText('中止しています…')).toBeVisible();
    expect(screen.getByRole('button', { name: '中止' })).toBeDisabled();
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]?.method).toBe('POST');

    // The job stops at its next safe point.
    job.set({ status: 'cancelled', finishedAt: '2026-01-01T00:01:00.000Z' });
    expect(await screen.findByText('取り込みを中止しました')).toBeVisible();
    expect(
      screen.getByText(
        /3 行目までに書き込んだ分（新規 1 件・更新 0 件）は企業台帳に残っています。/,
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: '企業台帳を見る' })).toBeVisible();
  });

  it('when the server stops answering tells what was committed and resumes the import', async () => {
    const job = importJob();
    let jobReads = 0;
    let lost = false;
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session),
      'POST /api/v1/companies/import': (request) =>
        request.headers.get('prefer') === 'respond-async' ? job.accepted() : json(result()),
      [`GET /api/v1/jobs/${JOB_ID}`]: () => {
        jobReads++;
        if (lost) throw new TypeError('network error');
        return job.read();
      },
      [`GET /api/v1/imports/${IMPORT_ID}`]: () =>
        json({
          id: IMPORT_ID,
          status: 'interrupted',
          format: 'banso',
          encoding: 'shift_jis',
          fileName: 'sjis.csv',
          fileSha256: 'a'.repeat(64),
          fileSize: 200,
          options: {
            format: 'banso',
            encoding: 'shift_jis',
            mode: 'atomic',
            municipality: null,
            mapping: null,
            batchSize: 1000,
          },
          committedLine: 2,
          rowsRead: 1,
          inserted: 1,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          errors: [],
          startedAt: '2026-01-01T00:00:00.000Z',
          finishedAt: null,
        }),
    });
    const { container } = renderWithApp(<ImportWizardPage />, {
      route: '/companies/import',
      path: '/companies/import',
    });
    const user = await chooseFile(container, SJIS_BANSO_CSV, 'sjis.csv');
    await user.click(screen.getByRole('button', { name: '次へ' }));
    await user.click(screen.getByRole('button', { name: '検証する' }));
    await user.click(await screen.findByRole('button', { name: '取り込む' }));
    await user.click(await screen.findByRole('button', { name: '取り込みを開始' }));

    job.progress({ phase: 'write', committedLine: 2, importId: IMPORT_ID });
    await screen.findByText(/登録中/);
    lost = true; // the server stops answering while the page follows the job
    expect(
      await screen.findByText('サーバーとの接続が切れました', undefined, { timeout: 10_000 }),
    ).toBeVisible();
    expect(jobReads).toBeGreaterThan(2);
    expect(
      await screen.findByText(/状態「中断」。ファイルの 2 行目までを登録済みです/),
    ).toBeVisible();
    expect(screen.getByText(/2 行目より後だけを取り込みます/)).toBeVisible();
    lost = false;
    job.set({ status: 'succeeded', result: result({ id: IMPORT_ID, status: 'completed' }) });
    await user.click(screen.getByRole('button', { name: '続きから取り込む' }));
    expect(await screen.findByText('取り込みが完了しました')).toBeVisible();
    const resumed = importCalls(api.calls).at(-1);
    expect(new URL(resumed?.url ?? '').searchParams.get('resume')).toBe(IMPORT_ID);
  }, 20_000);

  it('refuses users who may not import', async () => {
    mockApi({
      'GET /api/v1/auth/session': () =>
        json({ ...session, user: { ...session.user, role: 'viewer' } }),
    });
    renderWithApp(<ImportWizardPage />, { route: '/companies/import', path: '/companies/import' });
    expect(await screen.findByRole('alert')).toHaveTextContent('この操作を行う権限がありません。');
    await waitFor(() => expect(screen.queryByText('CSV ファイル')).not.toBeInTheDocument());
  });
});
