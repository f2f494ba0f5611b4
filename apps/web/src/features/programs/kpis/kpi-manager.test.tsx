import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../../test/render';
import { buildKpi, buildProgram } from '../testing';
import { KpiManager } from './kpi-manager';

const problem = (status: number, code: string, errors: unknown[] = []) =>
  json(
    { type: 'about:blank', title: code, status, code, detail: '保存できませんでした。', errors },
    status,
  );

const visitsMetric = {
  version: 1 as const,
  entity: 'visits' as const,
  aggregate: 'count' as const,
  count: 'visits' as const,
  event: 'visited' as const,
  filters: { kinds: ['caravan' as const, 'online' as const], categories: ['事業承継'] },
};

const dialog = () => screen.findByRole('dialog');

describe('KpiManager', () => {
  it('adds a KPI counted from visits: filters, a preview per year, then the definition is sent', async () => {
    const user = userEvent.setup();
    const program = buildProgram({ fromFy: 2024, toFy: 2025, kpis: [] });
    const api = mockApi({
      [`POST /api/v1/programs/${program.id}/kpis/preview`]: () =>
        json({
          programId: program.id,
          basis: 'fiscal',
          metric: visitsMetric,
          years: [
            { fy: 2024, from: '2024-04-01', to: '2025-03-31', value: 1234 },
            { fy: 2025, from: '2025-04-01', to: '2026-03-31', value: 3 },
          ],
        }),
      [`POST /api/v1/programs/${program.id}/kpis`]: () =>
        json(buildKpi(program.id, { name: '訪問件数', metric: visitsMetric, years: [] }), 201),
    });
    renderWithApp(<KpiManager program={program} />);
    await user.click(screen.getByRole('button', { name: 'KPIを追加' }));
    const d = within(await dialog());
    await user.type(d.getByRole('textbox', { name: '指標名' }), '訪問件数');
    await user.click(d.getByRole('switch', { name: '実績を Banso の記録から自動集計する' }));
    // Visits by default: 訪問件数, every kind of visit.
    expect(d.getByRole('combobox', { name: '集計する記録' })).toHaveValue('訪問');
    expect(d.getByRole('radio', { name: '訪問件数（1回ごと）' })).toBeChecked();
    await user.click(d.getByRole('combobox', { name: '訪問の種類' }));
    await user.click(await screen.findByRole('option', { name: '出張キャラバン' }));
    await user.click(screen.getByRole('option', { name: 'オンライン' }));
    await user.type(
      d.getByRole('combobox', { name: '分類（訪問の目的または課題）' }),
      '事業承継{Enter}',
    );

    await user.click(d.getByRole('button', { name: '集計結果を確認' }));
    const preview = within(
      await d.findByRole('table', { name: '年度ごとの集計値（保存前の確認）' }),
    );
    const fy2024 = preview.getByRole('row', { name: /令和6年度/ });
    expect(fy2024).toHaveTextContent('2024/04/01～2025/03/31');
    expect(fy2024).toHaveTextContent('1,234');
    const previewCall = api.calls.find((r) => r.url.endsWith('/kpis/preview')) as Request;
    expect(await previewCall.clone().json()).toEqual({ basis: 'fiscal', metric: visitsMetric });

    await user.click(d.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('「訪問件数」を追加しました。')).toBeInTheDocument();
    const post = api.calls.find((r) => r.method === 'POST' && r.url.endsWith('/kpis')) as Request;
    expect(await post.clone().json()).toEqual({
      name: '訪問件数',
      unit: '件',
      unitLabel: null,
      basis: 'fiscal',
      direction: 'increase',
      baseline: null,
      notes: null,
      metric: visitsMetric,
      years: [],
      sortOrder: 0,
    });
  }, 60_000);

  it('adds 成約件数 counted from the program’s own matches by their contract day', async () => {
    const user = userEvent.setup();
    const program = buildProgram({ fromFy: 2024, toFy: 2025, kpis: [] });
    const matchesMetric = {
      version: 1,
      entity: 'matches',
      aggregate: 'count',
      event: 'contracted',
      filters: { programId: program.id, origins: ['open_meeting'] },
    };
    const api = mockApi({
      [`POST /api/v1/programs/${program.id}/kpis`]: () =>
        json(buildKpi(program.id, { name: '成約件数', years: [] }), 201),
    });
    renderWithApp(<KpiManager program={program} />);
    await user.click(screen.getByRole('button', { name: 'KPIを追加' }));
    const d = within(await dialog());
    await user.type(d.getByRole('textbox', { name: '指標名' }), '成約件数');
    await user.click(d.getByRole('switch', { name: '実績を Banso の記録から自動集計する' }));
    await user.click(d.getByRole('combobox', { name: '集計する記録' }));
    await user.click(await screen.findByRole('option', { name: 'マッチング案件' }));
    expect(d.getByRole('combobox', { name: /数えるステージ/ })).toHaveValue('契約（成約）');
    await user.click(d.getByRole('checkbox', { name: 'この事業に紐付いた案件だけを数える' }));
    await user.click(d.getByRole('combobox', { name: '案件のきっかけ' }));
    await user.click(await screen.findByRole('option', { name: '知財マッチング会（公開）' }));
    await user.click(d.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('「成約件数」を追加しました。')).toBeInTheDocument();
    const post = api.calls.find((r) => r.method === 'POST' && r.url.endsWith('/kpis')) as Request;
    expect((await post.clone().json()).metric).toEqual(matchesMetric);
  }, 60_000);

  it('checks the definition with the contract, then shows the API’s field errors at their fields', async () => {
    const user = userEvent.setup();
    const program = buildProgram({ kpis: [] });
    const api = mockApi({
      [`POST /api/v1/programs/${program.id}/kpis`]: () =>
        problem(422, 'validation_failed', [
          { field: 'name', code: 'too_long', message: '200文字以内で入力してください。' },
          {
            field: 'metric.filters.jsicPrefix',
            code: 'too_long',
            message: '4文字以内で入力してください。',
          },
        ]),
    });
    renderWithApp(<KpiManager program={program} />);
    await user.click(screen.getByRole('button', { name: 'KPIを追加' }));
    const d = within(await dialog());
    await user.type(d.getByRole('textbox', { name: '指標名' }), '新規登録企業の資本金');
    await user.click(d.getByRole('switch', { name: '実績を Banso の記録から自動集計する' }));
    await user.click(d.getByRole('combobox', { name: '集計する記録' }));
    await user.click(await screen.findByRole('option', { name: '企業の登録' }));
    await user.click(d.getByRole('radio', { name: '合計' }));
    await user.click(d.getByRole('button', { name: '保存' }));
    // A sum without its field: the contract's message, nothing sent.
    expect(
      await d.findByText('合計（sum）には集計する項目を指定してください。'),
    ).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);

    await user.click(d.getByRole('combobox', { name: '合計する項目' }));
    await user.click(await screen.findByRole('option', { name: '資本金' }));
    await user.type(d.getByRole('textbox', { name: '業種コード（JSIC）の先頭' }), '24');
    await user.click(d.getByRole('button', { name: '保存' }));
    expect(await d.findByText('200文字以内で入力してください。')).toBeInTheDocument();
    expect(d.getByText('4文字以内で入力してください。')).toBeInTheDocument();
    await waitFor(() => expect(d.getByRole('textbox', { name: '指標名' })).toHaveFocus());
    const post = api.calls[0] as Request;
    expect((await post.clone().json()).metric).toEqual({
      version: 1,
      entity: 'companies',
      aggregate: 'sum',
      field: 'capitalYen',
      event: 'registered',
      filters: { jsicPrefix: '24' },
    });
  }, 60_000);

  it('edits a KPI: sends only the changed fields with the version, and says when it is stale', async () => {
    const user = userEvent.setup();
    const program = buildProgram();
    const kpi = buildKpi(program.id, {
      name: 'フォローアップ完了件数',
      version: 5,
      metric: {
        version: 1,
        entity: 'follow_ups',
        aggregate: 'count',
        event: 'completed',
        filters: { visitKinds: ['caravan'] },
      },
      years: [{ fy: 2022, plan: 10 }],
    });
    const api = mockApi({
      [`PATCH /api/v1/kpis/${kpi.id}`]: () => problem(409, 'stale_version'),
    });
    renderWithApp(<KpiManager program={{ ...program, kpis: [kpi] }} />);
    const row = screen.getByRole('row', { name: /フォローアップ完了件数/ });
    expect(row).toHaveTextContent('自動集計: 期間内に完了したフォローアップの件数');
    await user.click(within(row).getByRole('button', { name: '「フォローアップ完了件数」を編集' }));
    const d = within(await dialog());
    expect(d.getByRole('combobox', { name: '集計する記録' })).toHaveValue('フォローアップ');
    expect(d.getByRole('radio', { name: '完了した日' })).toBeChecked();
    await user.click(d.getByRole('combobox', { name: '単位' }));
    await user.click(await screen.findByRole('option', { name: 'その他（自由入力）' }));
    await user.type(d.getByRole('textbox', { name: '単位の表記' }), '社');
    await user.click(d.getByRole('radio', { name: '暦年（1月～12月）' }));
    await user.type(d.getByRole('textbox', { name: '事業開始前の現状値' }), '1,234');
    await user.click(d.getByRole('button', { name: '保存' }));
    expect(await d.findByRole('alert')).toHaveTextContent('他の人が先に変更しました');
    const patch = api.calls[0] as Request;
    expect(await patch.clone().json()).toEqual({
      version: 5,
      unit: 'free',
      unitLabel: '社',
      basis: 'calendar',
      baseline: 1234,
    });
  }, 60_000);

  it('refuses an open status for completions before asking the API', async () => {
    const user = userEvent.setup();
    const program = buildProgram({ kpis: [] });
    const api = mockApi({});
    renderWithApp(<KpiManager program={program} />);
    await user.click(screen.getByRole('button', { name: 'KPIを追加' }));
    const d = within(await dialog());
    await user.click(d.getByRole('switch', { name: '実績を Banso の記録から自動集計する' }));
    await user.click(d.getByRole('combobox', { name: '集計する記録' }));
    await user.click(await screen.findByRole('option', { name: 'フォローアップ' }));
    await user.click(d.getByRole('radio', { name: '完了した日' }));
    await user.click(d.getByRole('combobox', { name: 'フォローアップの状態' }));
    await user.click(await screen.findByRole('option', { name: '未完了' }));
    await user.click(d.getByRole('button', { name: '集計結果を確認' }));
    expect(await d.findByText('値が正しくありません。')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  }, 60_000);

  it('deletes a KPI after confirming, with the version read', async () => {
    const user = userEvent.setup();
    const program = buildProgram();
    const kpi = program.kpis[0];
    if (!kpi) throw new Error('fixture without KPIs');
    const api = mockApi({
      [`DELETE /api/v1/kpis/${kpi.id}`]: () => new Response(null, { status: 204 }),
    });
    renderWithApp(<KpiManager program={program} />);
    await user.click(screen.getByRole('button', { name: `「${kpi.name}」を削除` }));
    const d = within(await dialog());
    expect(d.getByText(/その計画・実績（全年度）を削除します/)).toBeInTheDocument();
    await user.click(d.getByRole('button', { name: '削除する' }));
    expect(await screen.findByText(`「${kpi.name}」を削除しました。`)).toBeInTheDocument();
    const del = api.calls[0] as Request;
    expect(new URL(del.url).searchParams.get('version')).toBe(String(kpi.version));
  }, 60_000);
});
