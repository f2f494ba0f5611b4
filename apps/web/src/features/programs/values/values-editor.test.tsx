import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../../test/render';
import ProgramValuesPage from '../program-values-page';
import { buildComputedProgram, buildProgram } from '../testing';

const session = {
  user: {
    id: '00000000-0000-4000-8000-00000000aaaa',
    email: 'staff@example.jp',
    displayName: '職員',
    role: 'staff',
    locale: 'ja',
  },
  tenant: { id: '00000000-0000-4000-8000-00000000bbbb', slug: 'demo', name: 'デモ', nameEn: null },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

function setup(program = buildProgram(), handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(session),
    [`GET /api/v1/programs/${program.id}`]: () => json(program),
    ...handlers,
  });
  renderWithApp(<ProgramValuesPage />, {
    route: '/programs/:id/values',
    path: `/programs/${program.id}/values`,
  });
  return api;
}

const grid = (name: string) => screen.findByRole('grid', { name });
function cell(g: HTMLElement, row: RegExp | string, col: number) {
  const tr = within(g).getByRole('rowheader', { name: row }).closest('tr') as HTMLElement;
  return within(tr).getAllByRole('gridcell')[col] as HTMLElement;
}

describe('ValuesEditor', () => {
  it('pastes figures copied from Excel (21,618) and saves the budget with the version read', async () => {
    const user = userEvent.setup();
    const program = buildProgram();
    const api = setup(program, {
      [`PATCH /api/v1/programs/${program.id}`]: async (req) => {
        const body = (await req.json()) as { years: unknown[] };
        return json({ ...program, version: 4, years: body.years });
      },
    });
    const budget = await grid('年度別の事業費と交付金（千円）');
    await user.click(cell(budget, '令和2年度 (2020)', 0));
    fireEvent.paste(cell(budget, '令和2年度 (2020)', 0), {
      clipboardData: { getData: () => '21,618\t10,809\r\n２２，０７３\t11,036\r\n' },
    });
    expect(cell(budget, '令和2年度 (2020)', 0)).toHaveTextContent('21,618');
    expect(cell(budget, '令和3年度 (2021)', 0)).toHaveTextContent('22,073');
    expect(screen.getByText('未保存の変更: 4セル')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('1件の変更を保存しました。');
    const patch = api.calls.find((r) => r.method === 'PATCH');
    expect(patch).toBeDefined();
    const sent = (await (patch as Request).clone().json()) as {
      version: number;
      years: { fy: number; costThousandYen: number; grantThousandYen: number; figure: string }[];
    };
    expect(sent.version).toBe(3);
    expect(sent.years.map((y) => [y.fy, y.costThousandYen, y.grantThousandYen])).toEqual([
      [2020, 21618, 10809],
      [2021, 22073, 11036],
      [2022, 26718, 13359],
    ]);
    // The activities of the existing year are sent back untouched.
    expect(sent.years[2]).toMatchObject({ figure: 'actual' });
    expect(screen.getByText('未保存の変更はありません')).toBeInTheDocument();
  });

  it('checks cells before sending: negative, not a number, grant above cost; nothing is sent', async () => {
    const user = userEvent.setup();
    const api = setup();
    const budget = await grid('年度別の事業費と交付金（千円）');
    await user.click(cell(budget, '令和2年度 (2020)', 0));
    await user.keyboard('-5{Enter}');
    await user.keyboard('abc{Enter}');
    await user.click(cell(budget, '令和4年度 (2022)', 1));
    await user.keyboard('30000{Enter}');
    expect(cell(budget, '令和2年度 (2020)', 0)).toHaveAccessibleDescription(
      /0以上の値を入力してください。/,
    );
    expect(cell(budget, '令和3年度 (2021)', 0)).toHaveAccessibleDescription(
      /数値を入力してください。/,
    );
    expect(cell(budget, '令和4年度 (2022)', 1)).toHaveAccessibleDescription(
      /交付金は事業費以下にしてください。/,
    );
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('保存していません');
    expect(api.calls.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('puts the API 422 messages next to their cells (a KPI year outside the period)', async () => {
    const user = userEvent.setup();
    const program = buildProgram();
    const kpi = program.kpis[1];
    if (!kpi) throw new Error('fixture');
    setup(program, {
      [`PATCH /api/v1/kpis/${kpi.id}`]: () =>
        json(
          {
            type: 'about:blank',
            title: 'validation_failed',
            status: 422,
            code: 'validation_failed',
            detail: '入力内容を確認してください。',
            errors: [
              {
                field: 'years.2.fy',
                code: 'fiscal_year_outside_period',
                message: '事業期間外の年度です。',
              },
            ],
          },
          422,
        ),
    });
    const kpis = await grid('KPIの現状値・計画・実績');
    const row = /年齢引き下げ総計/;
    await user.click(cell(kpis, row, 6));
    await user.keyboard('600{Enter}');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('を保存できませんでした');
    expect(cell(kpis, row, 5)).toHaveAccessibleDescription(/事業期間外の年度です。/);
    expect(cell(kpis, row, 6)).toHaveAccessibleDescription(/事業期間外の年度です。/);
    // The entry stays, unsaved.
    expect(cell(kpis, row, 6)).toHaveTextContent('600');
    expect(screen.getByText('未保存の変更: 1セル')).toBeInTheDocument();
  });

  it('on 409 says someone changed it first and reloads the latest figures', async () => {
    const user = userEvent.setup();
    const program = buildProgram();
    const kpi = program.kpis[0];
    if (!kpi) throw new Error('fixture');
    let loads = 0;
    setup(program, {
      [`GET /api/v1/programs/${program.id}`]: () => {
        loads += 1;
        return json(loads === 1 ? program : { ...program, version: 9 });
      },
      [`PATCH /api/v1/kpis/${kpi.id}`]: () =>
        json(
          {
            type: 'about:blank',
            title: 'stale_version',
            status: 409,
            code: 'stale_version',
            detail: '他のユーザーが先に更新しました。',
          },
          409,
        ),
    });
    const kpis = await grid('KPIの現状値・計画・実績');
    await user.click(cell(kpis, /新分野への展開/, 1));
    await user.keyboard('4{Enter}');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('他の人が先に変更しました')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect(cell(kpis, /新分野への展開/, 1)).toHaveTextContent('3'));
    expect(screen.getByText('未保存の変更はありません')).toBeInTheDocument();
  });

  it('shows a computed actual greyed and marks an entry over it as an override', async () => {
    const user = userEvent.setup();
    const program = buildComputedProgram();
    setup(program);
    const kpis = await grid('KPIの現状値・計画・実績');
    const row = /新規登録企業数/;
    // 2021: computed 12, nothing entered.
    expect(cell(kpis, row, 2)).toHaveTextContent('自動 12');
    // 2022: 9 entered over the computed 14.
    expect(cell(kpis, row, 4)).toHaveTextContent('9上書き');
    await user.click(cell(kpis, row, 2));
    await user.keyboard('15{Enter}');
    expect(cell(kpis, row, 2)).toHaveTextContent('15上書き');
  });
});
