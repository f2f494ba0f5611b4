import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlannerDto } from '../../api/caravan';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import { roster, uuid } from '../visits/testing';
import PlannerPage from './planner-page';

const item = (n: number, name: string, reasons: PlannerDto['items'][number]['reasons']) => ({
  id: uuid(n),
  name,
  municipalityCode: n % 2 ? '141305' : '141330',
  municipalityName: n % 2 ? '川崎区' : '中原区',
  postalCode: null,
  address: null,
  score: reasons.reduce((sum, r) => sum + r.points, 0),
  reasons,
  lastContactOn: null,
});

const planner: PlannerDto = {
  period: { kind: 'month', start: '2026-11-01', end: '2026-11-30' },
  asOf: '2026-11-22',
  progress: {
    fiscalYear: 2026,
    target: 500,
    done: 300,
    elapsed: 0.64,
    expectedByNow: 320,
    remaining: 200,
    neededPerMonth: 29,
    onPace: false,
  },
  plannedInPeriod: 12,
  suggestedCount: 17,
  candidates: 3,
  items: [
    item(1, '川崎精工株式会社', [
      { code: 'flagged', points: 50, detail: { by: '川崎 太郎', note: '新工場の相談' } },
      { code: 'overdue_follow_ups', points: 40, detail: { count: 3 } },
      {
        code: 'stale_contact',
        points: 20,
        detail: { months: 15, lastContactOn: '2025-08-01', threshold: 12 },
      },
    ]),
    item(2, '中原金型製作所', [
      { code: 'never_visited', points: 30, detail: {} },
      { code: 'succession_risk', points: 25, detail: { age: 68, successorStatus: 'unknown' } },
    ]),
    item(3, '高津電子', [
      { code: 'newly_registered', points: 10, detail: { registeredOn: '2026-10-01' } },
    ]),
  ],
  groups: [
    { municipalityCode: '141305', municipalityName: '川崎区', companyIds: [uuid(1), uuid(3)] },
    { municipalityCode: '141330', municipalityName: '中原区', companyIds: [uuid(2)] },
  ],
};

function render(path = '/planner') {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(writerSession('staff')),
    'GET /api/v1/planner': () => json(planner),
    'GET /api/v1/supporters': () => json({ items: roster }),
  });
  return { api, ...renderWithApp(<PlannerPage />, { route: '/planner', path }) };
}

describe('PlannerPage', () => {
  it('ranks companies with their reasons as short Japanese sentences', async () => {
    render();
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(3);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByText('1')).toBeInTheDocument();
    expect(first.getByText('支援者の要望: 新工場の相談')).toBeInTheDocument();
    expect(first.getByText('期限切れのフォローアップ 3件')).toBeInTheDocument();
    expect(first.getByText('最終接触から15か月')).toBeInTheDocument();
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('一度も訪問していません')).toBeInTheDocument();
    expect(second.getByText('代表者 68歳・後継者未定・不明')).toBeInTheDocument();
    expect(within(rows[2] as HTMLElement).getByText('新規登録')).toBeInTheDocument();
    // A flagged company offers to withdraw the request instead of flagging again.
    expect(
      first.getByRole('button', { name: '要望を取り消す: 川崎精工株式会社' }),
    ).toBeInTheDocument();
  });

  it('shows progress against the target and the pace needed', async () => {
    render();
    expect(await screen.findByText('300 / 500 件')).toBeInTheDocument();
    expect(screen.getByText('残り 200 件・月 29 件のペースが必要')).toBeInTheDocument();
    expect(screen.getByText('目安より遅れています（この時点の目安 320 件）')).toBeInTheDocument();
  });

  it('groups the companies by area and asks the API for the chosen period', async () => {
    const user = userEvent.setup();
    const { api } = render('/planner?group=1');
    const kawasaki = await screen.findByRole('region', { name: '川崎区' });
    expect(within(kawasaki).getAllByRole('row')).toHaveLength(3);
    expect(
      within(screen.getByRole('region', { name: '中原区' })).getByText('中原金型製作所'),
    ).toBeInTheDocument();
    await user.click(screen.getByText('四半期'));
    const last = api.calls.filter((c) => c.url.includes('/planner')).at(-1);
    expect(new URL(last?.url ?? '').searchParams.get('period')).toBe('quarter');
  });
});
