import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProgramDetailDto } from '../../api/programs';
import { json, mockApi, renderWithApp } from '../../test/render';
import ProgramFormPage from './program-form-page';
import ProgramsListPage, { defaultListYear } from './programs-list-page';
import ReportPage from './report-page';
import { buildNightProgram, buildProgram, buildReportModel, buildReportProgram } from './testing';

const session = (role = 'staff') => ({
  user: {
    id: '00000000-0000-4000-8000-00000000aaaa',
    email: 'staff@example.jp',
    displayName: '職員',
    role,
    locale: 'ja',
  },
  tenant: { id: '00000000-0000-4000-8000-00000000bbbb', slug: 'demo', name: 'デモ', nameEn: null },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
});

/** The list item of a program (its detail without KPIs and achievement). */
const item = ({ kpis: _k, achievement: _a, ...p }: ProgramDetailDto) => p;

function welltech(): ProgramDetailDto {
  return buildProgram({
    name: '川崎型中小企業福祉産業創出事業',
    fromFy: 2021,
    toFy: 2023,
    sortOrder: 1,
    years: [
      {
        fy: 2022,
        figure: 'actual',
        costLabel: null,
        costThousandYen: 21618,
        grantThousandYen: 10809,
        intro: null,
        activities: [],
      },
      {
        fy: 2023,
        figure: 'budget',
        costLabel: null,
        costThousandYen: 22073,
        grantThousandYen: 11036,
        intro: null,
        activities: [],
      },
    ],
  });
}

describe('defaultListYear', () => {
  it('is the latest year with a spent cost, not a later budget', () => {
    expect(defaultListYear([item(welltech())], 2026)).toBe(2022);
    expect(defaultListYear([item(welltech())], 2021)).toBe(2021);
    expect(defaultListYear([], 2026)).toBe(2026);
  });
});

describe('ProgramsListPage', () => {
  it('lists programs with the period, the year’s cost and grant in 千円 and KPIs achieved', async () => {
    const p = welltech();
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'GET /api/v1/programs': () => json({ items: [item(p)] }),
      'GET /api/v1/programs/achievement': (req) => {
        expect(new URL(req.url).searchParams.get('fy')).toBe('2022');
        return json({
          fy: 2022,
          programs: [
            { programId: p.id, name: p.name, fy: 2022, evaluated: 4, achieved: 2, share: 50 },
          ],
          evaluated: 4,
          achieved: 2,
          share: 50,
        });
      },
    });
    renderWithApp(<ProgramsListPage />, { route: '/programs', path: '/programs' });
    expect(await screen.findByText(/全事業で4指標中2指標達成（達成率50%）/)).toBeInTheDocument();
    const row = (await screen.findByRole('rowheader', { name: /福祉産業創出事業/ })).closest(
      'tr',
    ) as HTMLElement;
    expect(row).toHaveTextContent('令和3年度～令和5年度（2021～2023年度）');
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '令和3年度～令和5年度（2021～2023年度）',
      '21,618',
      '10,809',
      '2／4指標達成',
    ]);
    expect(screen.getByRole('link', { name: '事業を登録' })).toHaveAttribute(
      'href',
      '/programs/new',
    );
  });

  it('says what to do when there is no program yet', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'GET /api/v1/programs': () => json({ items: [] }),
    });
    renderWithApp(<ProgramsListPage />, { route: '/programs', path: '/programs' });
    expect(
      await screen.findByRole('heading', { name: '事業はまだありません' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/banso demo/)).toBeInTheDocument();
  });

  it('shows an error with a retry that loads again', async () => {
    const user = userEvent.setup();
    let fail = true;
    mockApi({
      'GET /api/v1/auth/session': () => json(session('viewer')),
      'GET /api/v1/programs': () =>
        fail
          ? json(
              { type: 'about:blank', title: 'x', status: 500, code: 'internal', detail: 'x' },
              500,
            )
          : json({ items: [item(welltech())] }),
      'GET /api/v1/programs/achievement': () =>
        json({ fy: 2022, programs: [], evaluated: 0, achieved: 0, share: null }),
    });
    renderWithApp(<ProgramsListPage />, { route: '/programs', path: '/programs' });
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました');
    fail = false;
    await user.click(screen.getByRole('button', { name: '再試行' }));
    expect(await screen.findByRole('link', { name: /福祉産業創出事業/ })).toBeInTheDocument();
    // A viewer cannot create programs.
    expect(screen.queryByRole('link', { name: '事業を登録' })).toBeNull();
  });
});

describe('ReportPage', () => {
  it('defaults to the programs active in the year, previews them and links the downloads', async () => {
    const user = userEvent.setup();
    const w = welltech();
    const night = buildNightProgram();
    const old = buildProgram({ name: '終了した事業', fromFy: 2015, toFy: 2017, years: [] });
    const models = new Map([
      [w.id, buildReportProgram({ id: w.id })],
      [
        night.id,
        buildReportProgram({
          id: night.id,
          name: night.name,
          title: `${night.name}（地方創生推進交付金対象事業）`,
          budgetYears: [],
        }),
      ],
    ]);
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'GET /api/v1/programs': () => json({ items: [item(w), item(night), item(old)] }),
      // The preview is the server's report model: what the PDF and Excel files print.
      'GET /api/v1/reports/kpi/model': (req) => {
        const query = new URL(req.url).searchParams;
        expect(query.get('fy')).toBe('2022');
        const ids = (query.get('programs') ?? '').split(',');
        return json(buildReportModel(ids.flatMap((id) => models.get(id) ?? [])));
      },
    });
    renderWithApp(<ReportPage />, { route: '/programs/report', path: '/programs/report?fy=2022' });
    await screen.findByRole('checkbox', { name: /福祉産業創出事業/ });
    // The year field (Mantine labels its input and its option list with the same label).
    expect(screen.getAllByLabelText('年度')[0]).toHaveValue('令和4年度 (2022)');
    expect(screen.getByRole('checkbox', { name: /福祉産業創出事業/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /ナイトタイムエコノミー/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /終了した事業/ })).not.toBeChecked();
    const pdf = screen.getByRole('link', { name: '令和4年度 (2022)のレポートをPDFでダウンロード' });
    const href = new URL(pdf.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/v1/reports/kpi');
    expect(href.searchParams.get('fy')).toBe('2022');
    expect(href.searchParams.get('format')).toBe('pdf');
    expect(href.searchParams.get('programs')?.split(',')).toEqual([w.id, night.id]);
    expect(
      screen.getByRole('link', { name: '令和4年度 (2022)のレポートをExcelでダウンロード' }),
    ).toHaveAttribute('href', expect.stringContaining('format=xlsx'));
    expect(
      screen.getByRole('link', { name: '令和4年度 (2022)のKPI表をCSVでダウンロード' }),
    ).toHaveAttribute('href', expect.stringContaining('format=csv'));
    expect(
      await screen.findByRole('heading', {
        name: '令和4年度の主な取組：事業費21,618千円（交付金10,809千円）',
      }),
    ).toBeInTheDocument();

    // Unticking a program takes it out of the preview and the downloads.
    await user.click(screen.getByRole('checkbox', { name: /ナイトタイムエコノミー/ }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: /ナイトタイムエコノミー推進事業（/ })).toBeNull(),
    );
    const asked = api.calls
      .filter((r) => new URL(r.url).pathname === '/api/v1/reports/kpi/model')
      .map((r) => new URL(r.url).searchParams.get('programs'));
    expect(asked).toEqual([`${w.id},${night.id}`, w.id]);
    expect(
      screen.getByRole('link', { name: '令和4年度 (2022)のレポートをPDFでダウンロード' }),
    ).toHaveAttribute('href', expect.stringContaining(`programs=${w.id}&`));
  });
});

describe('ProgramFormPage', () => {
  it('checks with the contract before sending, then shows the API’s field errors in Japanese', async () => {
    const user = userEvent.setup();
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      'POST /api/v1/programs': () =>
        json(
          {
            type: 'about:blank',
            title: 'already_exists',
            status: 409,
            code: 'already_exists',
            detail: '既に登録されています。',
            errors: [
              { field: 'code', code: 'code_taken', message: 'このコードは既に使われています。' },
            ],
          },
          409,
        ),
    });
    renderWithApp(<ProgramFormPage />, { route: '/programs/new', path: '/programs/new' });
    await user.click(await screen.findByRole('button', { name: '保存' }));
    expect(await screen.findByText('必須項目です。')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: '事業名' })).toHaveFocus();
    expect(api.calls.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: '事業名' }), '新しい事業');
    await user.type(screen.getByRole('textbox', { name: 'コード' }), 'welltech');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('このコードは既に使われています。')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'コード' })).toHaveFocus();
    const post = api.calls.find((r) => r.method === 'POST') as Request;
    expect(await post.clone().json()).toMatchObject({ name: '新しい事業', code: 'welltech' });
  }, 60_000);

  it('edits a year’s numbered activities and sends only the changed fields with the version', async () => {
    const user = userEvent.setup();
    const p = buildProgram();
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/programs/${p.id}`]: () => json(p),
      [`PATCH /api/v1/programs/${p.id}`]: () => json({ ...p, version: 4 }),
    });
    renderWithApp(<ProgramFormPage />, {
      route: '/programs/:id/edit',
      path: `/programs/${p.id}/edit`,
    });
    await user.click(await screen.findByRole('button', { name: '令和4年度 (2022)に見出しを追加' }));
    const year = screen.getByRole('region', { name: '令和4年度 (2022)' });
    await user.click(within(year).getByRole('textbox', { name: '見出し2' }));
    await user.paste('2 後継者育成');
    await user.click(within(year).getByRole('textbox', { name: '見出し2の項目' }));
    await user.paste('① 後継者育成講座 9回\n② BCP策定講座 1回');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByTestId('navigated');
    const patch = api.calls.find((r) => r.method === 'PATCH') as Request;
    const body = (await patch.clone().json()) as {
      version: number;
      years: { fy: number; costThousandYen: number; activities: unknown[] }[];
    };
    expect(Object.keys(body).sort()).toEqual(['version', 'years']);
    expect(body.version).toBe(3);
    expect(body.years[0]?.costThousandYen).toBe(26718);
    expect(body.years[0]?.activities[1]).toEqual({
      title: '2 後継者育成',
      body: null,
      items: ['① 後継者育成講座 9回', '② BCP策定講座 1回'],
    });
  }, 60_000);
});
