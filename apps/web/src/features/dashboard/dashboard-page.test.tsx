import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DashboardDto } from '../../api/caravan';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import DashboardPage from './dashboard-page';

const dashboard: DashboardDto = {
  fiscalYear: 2026,
  asOf: '2026-11-22',
  progress: {
    fiscalYear: 2026,
    target: 500,
    done: 320,
    elapsed: 0.64,
    expectedByNow: 320,
    remaining: 180,
    neededPerMonth: 43,
    onPace: true,
  },
  visitsByMonth: [
    { month: '2026-04', visits: 40 },
    { month: '2026-05', visits: 45 },
  ],
  distinctCompanies: 210,
  registeredCompanies: 1000,
  coverage: 0.21,
  averageRelationshipYears: 6.25,
  followUpsOpen: 30,
  followUpsOverdue: 4,
  visitsByCategory: [
    { category: '販路開拓', visits: 50, raisedByOwner: 30, raisedBySupporter: 20 },
    { category: '事業承継', visits: 12, raisedByOwner: 2, raisedBySupporter: 10 },
  ],
};

describe('DashboardPage', () => {
  it('shows the fiscal year figures, with the charts’ data as text', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      'GET /api/v1/dashboard/caravan': () => json(dashboard),
    });
    renderWithApp(<DashboardPage />, { route: '/dashboard', path: '/dashboard' });
    expect(await screen.findByText('320 / 500 件')).toBeInTheDocument();
    expect(screen.getByText('残り 180 件・月 43 件のペースが必要')).toBeInTheDocument();
    expect(screen.getByText('210 社')).toBeInTheDocument();
    expect(screen.getByText('21%')).toBeInTheDocument();
    expect(screen.getByText('支援対象 1000 社のうち')).toBeInTheDocument();
    // What is counted, in words: the counted visit kinds (not phone calls) and the support targets.
    expect(screen.getByTestId('dashboard-counting')).toHaveTextContent(
      '数え方: 訪問は完了した出張キャラバン、フォローアップ、オンライン、イベント（電話は接触として数えません。年間目標と同じ）。企業は支援対象の中小企業・スタートアップ（営業中でアーカイブしていないもの）。',
    );
    expect(screen.getByText('6.3 年')).toBeInTheDocument();
    expect(screen.getByText('4 件')).toBeInTheDocument();
    expect(screen.getByText('未完了 30 件')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: '4月 40、5月 45' })).toBeInTheDocument();
    const byCategory = screen.getByRole('region', { name: '課題の分野別の訪問件数' });
    expect(
      within(byCategory).getByRole('img', { name: '販路開拓 50、事業承継 12' }),
    ).toBeInTheDocument();
    const row = within(byCategory).getByRole('row', { name: /事業承継/ });
    expect(row).toHaveTextContent('事業承継1221');
  });
});
