import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { kpiTableYears } from '../program-format';
import { buildComputedProgram, buildNightProgram, buildProgram } from '../testing';
import { KpiTable } from './kpi-table';

const rowOf = (name: RegExp | string) =>
  screen.getByRole('rowheader', { name }).closest('tr') as HTMLTableRowElement;

describe('KpiTable', () => {
  it('prints plan and actual per year with units as the report does (568歳)', async () => {
    const p = buildProgram();
    renderWithApp(<KpiTable kpis={p.kpis} years={kpiTableYears(p.kpis)} caption="KPI表" />);
    const table = await screen.findByRole('table', { name: 'KPI表' });
    // No baseline column without baselines.
    expect(within(table).queryByRole('columnheader', { name: '事業開始前の現状値' })).toBeNull();
    for (const year of ['令和2年度 (2020)', '令和3年度 (2021)', '令和4年度 (2022)'])
      expect(within(table).getByRole('columnheader', { name: year })).toBeInTheDocument();
    const age = rowOf(/年齢引き下げ総計（歳）/);
    const cells = within(age).getAllByRole('cell');
    expect(cells.map((c) => c.textContent?.split('達成率')[0])).toEqual([
      '340歳',
      '498歳',
      '340歳',
      '431歳',
      '340歳',
      '568歳',
    ]);
    // Achievement: % and ✓ with a text for screen readers.
    expect(cells[5]).toHaveTextContent('達成率 167.1% ✓達成');
  });

  it('adds the baseline column and the calendar-year note when KPIs have them', async () => {
    const p = buildNightProgram();
    renderWithApp(<KpiTable kpis={p.kpis} years={kpiTableYears(p.kpis)} caption="KPI表" />);
    const table = await screen.findByRole('table', { name: 'KPI表' });
    expect(
      within(table).getByRole('columnheader', { name: '事業開始前の現状値' }),
    ).toBeInTheDocument();
    const spend = rowOf(/キャッシュレス消費額（千円）/);
    const cells = within(spend).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('1,406,427千円');
    expect(cells[6]).toHaveTextContent('124,865千円');
    expect(within(rowOf(/宿泊数（万人）/)).getAllByRole('cell')[0]).toHaveTextContent('26万人');
    expect(screen.getByText('※暦年（1～12月）で集計した指標です。')).toBeInTheDocument();
  });

  it('marks computed actuals (opening the records) and manual overrides', async () => {
    const user = userEvent.setup();
    const p = buildComputedProgram();
    const onDrillDown = vi.fn();
    renderWithApp(
      <KpiTable
        kpis={p.kpis}
        years={kpiTableYears(p.kpis)}
        caption="KPI表"
        onDrillDown={onDrillDown}
      />,
    );
    const row = rowOf(/新規登録企業数/);
    const [, actual2021, , actual2022] = within(row).getAllByRole('cell');
    expect(actual2021).toHaveTextContent('12件');
    expect(actual2021).toHaveTextContent('自動集計');
    expect(actual2021).not.toHaveTextContent('手入力で上書き');
    expect(actual2022).toHaveTextContent('9件');
    expect(actual2022).toHaveTextContent('手入力で上書き');
    expect(actual2022).not.toHaveTextContent('自動集計');
    expect(
      within(actual2022 as HTMLElement).getByLabelText('手入力で上書き 自動集計値: 14件'),
    ).toBeInTheDocument();
    expect(actual2022).toHaveTextContent('未達成');
    await user.click(
      screen.getByRole('button', { name: '新規登録企業数（令和3年度）の自動集計の内訳を表示' }),
    );
    expect(onDrillDown).toHaveBeenCalledWith(p.kpis[0], 2021);
  });
});
