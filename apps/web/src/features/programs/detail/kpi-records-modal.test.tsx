import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../../test/render';
import { buildComputedProgram } from '../testing';
import { KpiRecordsModal } from './kpi-records-modal';

describe('KpiRecordsModal', () => {
  it('lists the records behind a computed actual, with its period and definition', async () => {
    const kpi = buildComputedProgram().kpis[0];
    if (!kpi) throw new Error('fixture');
    const companyId = '00000000-0000-4000-8000-0000000000c1';
    mockApi({
      [`GET /api/v1/kpis/${kpi.id}/records`]: (req) => {
        expect(new URL(req.url).searchParams.get('fy')).toBe('2021');
        return json({
          kpiId: kpi.id,
          fy: 2021,
          basis: 'fiscal',
          period: { from: '2021-04-01', to: '2022-03-31' },
          metric: kpi.metric,
          value: 12,
          total: 12,
          items: [
            {
              entity: 'company',
              id: companyId,
              label: '株式会社テスト精機',
              at: '2021-04-01T00:00:00+09:00',
              value: null,
            },
          ],
        });
      },
    });
    renderWithApp(<KpiRecordsModal target={{ kpi, fy: 2021 }} onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog', {
      name: '新規登録企業数（令和3年度）の集計対象',
    });
    const d = within(dialog);
    expect(
      await d.findByText('集計期間（年度・4月～翌3月）: 2021年4月1日～2022年3月31日'),
    ).toBeInTheDocument();
    expect(d.getByText('集計方法: 期間内に登録された企業の数')).toBeInTheDocument();
    expect(d.getByText('集計値: 12件（対象 12件）')).toBeInTheDocument();
    expect(d.getByRole('link', { name: '株式会社テスト精機' })).toHaveAttribute(
      'href',
      `/companies/${companyId}`,
    );
    // 3/31 15:00 UTC is 4/1 in Tokyo: the day shown is the Tokyo day.
    expect(d.getByRole('cell', { name: '2021年4月1日' })).toBeInTheDocument();
  });
});
