import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MatchSummaryDto } from '../../api/matches';
import { json, mockApi, renderWithApp } from '../../test/render';
import { buildMatch, id, problem, session } from '../listings/testing';
import MatchDetailPage from './match-detail-page';
import MatchingDashboardPage from './matching-dashboard-page';

const summary: MatchSummaryDto = {
  funnel: [
    { stage: 'candidate', current: 4, reached: 12 },
    { stage: 'introduced', current: 2, reached: 8 },
    { stage: 'meeting', current: 1, reached: 6 },
    { stage: 'negotiating', current: 0, reached: 5 },
    { stage: 'contracted', current: 1, reached: 5 },
    { stage: 'prototyping', current: 1, reached: 3 },
    { stage: 'commercialized', current: 2, reached: 2 },
  ],
  dropped: 1,
  byFiscalYear: [
    {
      fy: 2023,
      contracted: 2,
      commercialized: 0,
      cumulativeContracted: 2,
      cumulativeCommercialized: 0,
    },
    {
      fy: 2024,
      contracted: 3,
      commercialized: 2,
      cumulativeContracted: 5,
      cumulativeCommercialized: 2,
    },
  ],
  reference: { source: 'kawasaki', contracted: 39, commercialized: 27, asOf: '2025-03-31' },
};

describe('MatchingDashboardPage', () => {
  it('shows the funnel and 成約/製品化 per fiscal year as tables, beside Kawasaki’s figures', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(session('viewer')),
      'GET /api/v1/matches/summary': () => json(summary),
      'GET /api/v1/matching/settings': () => json({ partnerRegions: [] }),
    });
    renderWithApp(<MatchingDashboardPage />, {
      route: '/matching/dashboard',
      path: '/matching/dashboard',
    });

    const years = await screen.findByRole('table', { name: /年度別の成約・製品化と累計/ });
    const rows = within(years)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['令和5年度 (2023)', '2', '0', '2', '0'],
      ['令和6年度 (2024)', '3', '2', '5', '2'],
    ]);
    const funnel = screen.getByRole('table', { name: /ステージ別の案件数/ });
    expect(within(funnel).getByRole('row', { name: '面談 1 6' })).toBeInTheDocument();
    expect(within(funnel).getByRole('row', { name: '不成立 1 —' })).toBeInTheDocument();

    const reference = screen.getByRole('table', { name: /この組織と川崎市の累計/ });
    expect(
      within(reference).getByRole('columnheader', { name: '川崎市の実績（2025年3月末）' }),
    ).toBeInTheDocument();
    expect(within(reference).getByRole('row', { name: '成約 5 39' })).toBeInTheDocument();
    expect(within(reference).getByRole('row', { name: '製品化 2 27' })).toBeInTheDocument();
    expect(screen.getAllByText('川崎市の実績は39件（2025年3月末）')).toHaveLength(1);
    // The chart of the years draws Kawasaki's figures as reference lines, and says so.
    expect(
      screen.getByText('点線は川崎市の実績（2025年3月末）: 成約39件・製品化27件'),
    ).toBeInTheDocument();
  });
});

describe('MatchDetailPage', () => {
  const match = buildMatch({
    stage: 'meeting',
    stageDates: { candidate: '2025-05-01', introduced: '2025-05-10', meeting: '2025-05-20' },
    version: 3,
  });

  function renderDetail(handlers: Parameters<typeof mockApi>[0]) {
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/matches/${match.id}`]: () => json(match),
      'GET /api/v1/supporters': () =>
        json({
          items: [
            {
              id: id(50),
              userId: null,
              userDisplayName: null,
              name: '中原 花子',
              nameKana: null,
              organization: '産業振興財団',
              kind: 'coordinator',
              expertise: [],
              monthlyCapacity: 10,
              email: null,
              phone: null,
              notes: null,
              active: true,
              createdAt: '2025-04-01T00:00:00.000Z',
              updatedAt: '2025-04-01T00:00:00.000Z',
              version: 1,
            },
          ],
        }),
      'GET /api/v1/programs': () => json({ items: [] }),
      ...handlers,
    });
    renderWithApp(<MatchDetailPage />, { route: '/matches/:id', path: `/matches/${match.id}` });
    return api;
  }

  it('saves the coordinator, licence terms and a corrected stage day with the version read', async () => {
    const user = userEvent.setup({ delay: null });
    const api = renderDetail({
      [`PATCH /api/v1/matches/${match.id}`]: () =>
        json({ ...match, coordinatorId: id(50), coordinatorName: '中原 花子', version: 4 }),
    });
    await screen.findByRole('heading', {
      level: 1,
      name: '炭素繊維強化樹脂の成形方法 × 川崎精密成形株式会社',
    });
    const stages = screen.getByRole('region', { name: 'ステージと日付' });
    expect(within(stages).getByText('2025年5月20日')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: '担当コーディネーター' }));
    await user.click(await screen.findByRole('option', { name: /中原 花子/ }));
    await user.click(screen.getByRole('combobox', { name: '許諾の種類' }));
    await user.click(await screen.findByRole('option', { name: '通常実施権' }));
    fireEvent.change(screen.getByLabelText('紹介'), { target: { value: '2025-05-12' } });
    await user.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(await api.calls.find((c) => c.method === 'PATCH')?.json()).toEqual({
      version: 3,
      coordinatorId: id(50),
      license: {
        type: 'non_exclusive',
        field: null,
        territory: null,
        term: null,
        royaltyType: null,
        notes: null,
      },
      stageDates: { candidate: '2025-05-01', introduced: '2025-05-12', meeting: '2025-05-20' },
    });
  });

  it('shows a date_order problem from the API at the stage day', async () => {
    const user = userEvent.setup({ delay: null });
    renderDetail({
      [`PATCH /api/v1/matches/${match.id}`]: () =>
        problem(422, 'validation_failed', '入力内容に誤りがあります。', [
          {
            field: 'stageDates.meeting',
            code: 'date_order',
            message: 'この日付は前の日付より後にしてください。',
          },
        ]),
    });
    const meeting = await screen.findByLabelText('面談');
    fireEvent.change(meeting, { target: { value: '2025-05-05' } });
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(meeting).toHaveAccessibleDescription(/この日付は前の日付より後にしてください。/),
    );
    expect(meeting).toHaveFocus();
  });
});
