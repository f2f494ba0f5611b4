import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { buildNightProgram, buildProgram } from '../testing';
import { ReportPreview } from './report-preview';

describe('ReportPreview', () => {
  it('lays out each program as the report: title, bullets, period, budget line, activities, KPI table, 総括', async () => {
    const welltech = buildProgram({
      name: '川崎型中小企業福祉産業創出事業',
      fromFy: 2021,
      toFy: 2023,
      years: [
        {
          fy: 2022,
          figure: 'actual',
          costLabel: null,
          costThousandYen: 21618,
          grantThousandYen: 10809,
          intro: null,
          activities: [
            {
              title: '1 ウェルテックの運営',
              body: null,
              items: ['① 模擬環境ラボで検証', '② 常駐体制で運営'],
            },
          ],
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
        {
          fy: 2021,
          figure: 'actual',
          costLabel: null,
          costThousandYen: 20000,
          grantThousandYen: 10000,
          intro: null,
          activities: [],
        },
      ],
    });
    renderWithApp(<ReportPreview fy={2022} programs={[welltech, buildNightProgram()]} />);
    const preview = await screen.findByRole('article', { name: 'レポートのプレビュー' });
    expect(
      within(preview).getByRole('heading', {
        level: 2,
        name: '令和4年度 事業・重要業績評価指標（KPI）の効果検証',
      }),
    ).toBeInTheDocument();
    const section = within(preview).getByRole('region', {
      name: '川崎型中小企業福祉産業創出事業（地方創生推進交付金対象事業）',
    });
    const s = within(section);
    expect(s.getByText('（事業期間：令和3年度～令和5年度）')).toBeInTheDocument();
    // The year and the next: 事業費 then 予算; not the year before.
    expect(
      s.getByRole('heading', { name: '令和4年度の主な取組：事業費21,618千円（交付金10,809千円）' }),
    ).toBeInTheDocument();
    expect(
      s.getByRole('heading', { name: '令和5年度の主な取組：予算22,073千円（交付金11,036千円）' }),
    ).toBeInTheDocument();
    expect(s.queryByText(/令和3年度の主な取組/)).toBeNull();
    expect(s.getByText('1 ウェルテックの運営')).toBeInTheDocument();
    expect(s.getByText('① 模擬環境ラボで検証')).toBeInTheDocument();
    expect(
      s.getByRole('heading', { name: '本事業における令和4年度重要業績評価指標（KPI）' }),
    ).toBeInTheDocument();
    expect(s.getByRole('table')).toHaveTextContent('568歳');
    expect(s.getByText(/2指標中2指標で目標を達成/)).toBeInTheDocument();
    expect(s.getByRole('heading', { name: '総括と今後の取組' })).toBeInTheDocument();

    const night = within(
      within(preview).getByRole('region', {
        name: 'インバウンドを軸としたナイトタイムエコノミー推進事業（地方創生推進交付金対象事業）',
      }),
    );
    expect(night.getByRole('columnheader', { name: '事業開始前の現状値' })).toBeInTheDocument();
    expect(night.getByText('※暦年（1～12月）で集計した指標です。')).toBeInTheDocument();
  });

  it('shows no KPI year after the report year', async () => {
    const p = buildProgram();
    renderWithApp(<ReportPreview fy={2021} programs={[p]} />);
    const table = await screen.findByRole('table');
    expect(within(table).queryByRole('columnheader', { name: '令和4年度 (2022)' })).toBeNull();
    expect(
      within(table).getByRole('columnheader', { name: '令和3年度 (2021)' }),
    ).toBeInTheDocument();
  });
});
