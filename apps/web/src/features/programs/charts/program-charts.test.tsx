import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { buildKpi, buildNightProgram, buildProgram } from '../testing';
import { BudgetChart, budgetChartData, KpiCharts, kpiChartData } from './program-charts';

const year = (fy: number, cost: number | null, grant: number | null) => ({
  fy,
  figure: 'actual' as const,
  costLabel: null,
  costThousandYen: cost,
  grantThousandYen: grant,
  intro: null,
  activities: [],
});

describe('the budget chart', () => {
  it('draws cost and grant per year, oldest first, and names them in its text alternative', async () => {
    const p = buildProgram({
      years: [year(2022, 21618, 10809), year(2021, 20000, 10000), year(2023, 22073, null)],
    });
    expect(budgetChartData(p.years, { cost: '事業費', grant: '交付金' })).toEqual([
      { year: '令和3年度', 事業費: 20000, 交付金: 10000 },
      { year: '令和4年度', 事業費: 21618, 交付金: 10809 },
      // No grant yet: no bar, not a bar of 0.
      { year: '令和5年度', 事業費: 22073, 交付金: null },
    ]);
    renderWithApp(<BudgetChart program={p} />);
    expect(
      await screen.findByRole('img', {
        name: '年度別の事業費と交付金の棒グラフ: 令和3年度 事業費20,000千円 交付金10,000千円、令和4年度 事業費21,618千円 交付金10,809千円、令和5年度 事業費22,073千円 交付金—',
      }),
    ).toBeInTheDocument();
  });

  it('is left out when no year has a figure', () => {
    const { container } = renderWithApp(
      <BudgetChart program={buildProgram({ years: [year(2022, null, null)] })} />,
    );
    expect(container.querySelector('[role="img"]')).toBeNull();
  });
});

describe('the KPI charts', () => {
  it('leave a gap where a plan is missing instead of a plan of 0', async () => {
    const night = buildNightProgram();
    const kpi = night.kpis[1];
    if (!kpi) throw new Error('fixture without KPIs');
    expect(kpiChartData(kpi, { plan: '計画', actual: '実績' })).toEqual([
      { year: '令和2年度', 計画: null, 実績: 6 },
      { year: '令和3年度', 計画: null, 実績: 1 },
      { year: '令和4年度', 計画: null, 実績: 4 },
    ]);
    const partial = buildKpi(night.id, {
      name: '相談件数',
      years: [
        { fy: 2021, plan: 10, actual: null },
        { fy: 2022, plan: null, actual: null },
        { fy: 2023, plan: 0, actual: 3 },
      ],
    });
    // A plan of 0 stays 0; a year with neither figure is not drawn.
    expect(kpiChartData(partial, { plan: '計画', actual: '実績' })).toEqual([
      { year: '令和3年度', 計画: 10, 実績: null },
      { year: '令和5年度', 計画: 0, 実績: 3 },
    ]);
    renderWithApp(<KpiCharts kpis={[kpi, partial]} />);
    expect(
      await screen.findByRole('img', {
        name: '外国人旅客者の川崎市内宿泊数の計画と実績の棒グラフ: 令和2年度 計画— 実績6万人、令和3年度 計画— 実績1万人、令和4年度 計画— 実績4万人',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /相談件数の計画と実績の棒グラフ: 令和3年度 計画10件 実績—/ }),
    ).toBeInTheDocument();
  });
});
