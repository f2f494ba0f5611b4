import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { buildReportModel, buildReportProgram } from '../testing';
import { ReportPreview } from './report-preview';

describe('ReportPreview', () => {
  it('renders the server’s report model as printed: title, bullets, period, budget lines, activities, KPI table, notes, 総括', async () => {
    const night = buildReportProgram({
      code: 'night',
      name: 'インバウンドを軸としたナイトタイムエコノミー推進事業',
      title: 'インバウンドを軸としたナイトタイムエコノミー推進事業（地方創生推進交付金対象事業）',
      hasBaseline: true,
      kpiYears: [2022],
      kpiYearLabels: ['令和4年度'],
      kpis: [
        {
          name: '外国人旅客者の川崎市内宿泊数',
          unit: '万人',
          label: '外国人旅客者の川崎市内宿泊数（万人）',
          basis: 'calendar',
          baseline: 26,
          baselineText: '26万人',
          notes: null,
          cells: [
            {
              plan: null,
              actual: 4,
              overridden: false,
              computed: false,
              achieved: null,
              planText: '—',
              actualText: '4万人',
            },
          ],
        },
      ],
      tableNotes: ['※暦年（1～12月）で集計した指標です。'],
      achievement: { evaluated: 0, achieved: 0 },
      achievementNote: null,
    });
    renderWithApp(<ReportPreview report={buildReportModel([buildReportProgram(), night])} />);
    const preview = await screen.findByRole('article', { name: 'レポートのプレビュー' });
    expect(
      within(preview).getByRole('heading', {
        level: 2,
        name: '令和4年度 事業・重要業績評価指標（KPI）の効果検証',
      }),
    ).toBeInTheDocument();
    const s = within(
      within(preview).getByRole('region', {
        name: '川崎型中小企業福祉産業創出事業（地方創生推進交付金対象事業）',
      }),
    );
    expect(s.getByText('（事業期間：令和3年度～令和5年度）')).toBeInTheDocument();
    expect(
      s.getByRole('heading', { name: '令和4年度の主な取組：事業費21,618千円（交付金10,809千円）' }),
    ).toBeInTheDocument();
    expect(
      s.getByRole('heading', { name: '令和5年度の主な取組：予算22,073千円（交付金11,036千円）' }),
    ).toBeInTheDocument();
    expect(s.getByText('① 模擬環境ラボで検証')).toBeInTheDocument();
    const table = within(
      s.getByRole('table', { name: '本事業における令和4年度重要業績評価指標（KPI）' }),
    );
    expect(table.getByRole('columnheader', { name: '令和4年度' })).toBeInTheDocument();
    expect(table.queryByRole('columnheader', { name: '事業開始前の現状値' })).toBeNull();
    const age = table.getByRole('row', { name: /年齢引き下げ総計（歳）/ });
    const cells = within(age).getAllByRole('cell');
    // The model's texts, marks included; achieved actuals in bold.
    expect(cells.map((c) => c.textContent)).toEqual(['340歳', '431歳', '340歳', '568歳*']);
    expect(cells[3]).toHaveStyle({ fontWeight: '700' });
    const consultations = within(table.getByRole('row', { name: /相談件数（件）/ })).getAllByRole(
      'cell',
    );
    expect(consultations.map((c) => c.textContent)).toEqual(['10件', '8件', '—', '9件†']);
    expect(consultations[1]).not.toHaveStyle({ fontWeight: '700' });
    expect(s.getByText('※† 印の実績は自動集計値を手入力で上書きした値です。')).toBeInTheDocument();
    expect(
      s.getByText('達成状況: 1指標中1指標で目標を達成（太字の実績が達成）'),
    ).toBeInTheDocument();
    expect(s.getByRole('heading', { name: '総括と今後の取組' })).toBeInTheDocument();

    const n = within(
      within(preview).getByRole('region', {
        name: 'インバウンドを軸としたナイトタイムエコノミー推進事業（地方創生推進交付金対象事業）',
      }),
    );
    expect(n.getByRole('columnheader', { name: '事業開始前の現状値' })).toBeInTheDocument();
    expect(n.getByRole('row', { name: /宿泊数（万人）/ })).toHaveTextContent('26万人—4万人');
    expect(n.getByText('※暦年（1～12月）で集計した指標です。')).toBeInTheDocument();
    expect(n.queryByText(/達成状況/)).toBeNull();
  });
});
