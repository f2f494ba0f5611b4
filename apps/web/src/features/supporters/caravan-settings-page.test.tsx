import type { IssueCategory } from '@banso/shared';
import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import CaravanSettingsPage from './caravan-settings-page';

const problem = (field: string, message: string) =>
  json(
    {
      type: 'about:blank',
      title: 'validation',
      status: 422,
      code: 'validation_failed',
      detail: '入力内容に誤りがあります',
      errors: [{ field, code: 'invalid_value', message }],
    },
    422,
  );

const saved: IssueCategory[] = [
  { name: '技術・製造', finance: false, active: true },
  { name: '販路開拓', finance: false, active: true },
  { name: '資金調達', finance: true, active: true },
];

function render(role = 'admin', handlers: Parameters<typeof mockApi>[0] = {}) {
  const targets: Record<string, { target: number; isDefault: boolean }> = {
    '2026': { target: 500, isDefault: true },
    '2027': { target: 520, isDefault: false },
  };
  const sent: { method: string; path: string; body: unknown }[] = [];
  let categories = saved;
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(writerSession(role)),
    'GET /api/v1/caravan/categories': () => json({ items: categories }),
    'PUT /api/v1/caravan/categories': async (req) => {
      const body = (await req.json()) as { items: IssueCategory[] };
      sent.push({ method: 'PUT', path: 'categories', body });
      categories = body.items;
      return json(body);
    },
    ...Object.fromEntries(
      ['2025', '2026', '2027', '2028'].map((fy) => [
        `GET /api/v1/caravan/targets/${fy}`,
        () =>
          json({ fiscalYear: Number(fy), ...(targets[fy] ?? { target: 500, isDefault: true }) }),
      ]),
    ),
    'PUT /api/v1/caravan/targets/2026': async (req) => {
      const body = (await req.json()) as { target: number };
      sent.push({ method: 'PUT', path: 'targets/2026', body });
      targets['2026'] = { target: body.target, isDefault: false };
      return json({ fiscalYear: 2026, target: body.target, isDefault: false });
    },
    ...handlers,
  });
  renderWithApp(<CaravanSettingsPage />, {
    route: '/supporters/settings',
    path: '/supporters/settings',
  });
  return { api, sent };
}

const categoriesSection = () => screen.findByRole('region', { name: '課題・専門分野の分類' });
const names = (section: HTMLElement) =>
  within(section)
    .getAllByRole('textbox', { name: /^分類名（/ })
    .map((input) => (input as HTMLInputElement).value);

describe('CaravanSettingsPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T03:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    notifications.clean();
  });

  it('sets the annual visit target of a fiscal year, named 令和N年度 (YYYY)', async () => {
    const user = userEvent.setup();
    const { sent } = render();
    const section = await screen.findByRole('region', { name: '年間の訪問目標' });
    expect(await within(section).findByTestId('visit-target-current')).toHaveTextContent(
      '令和8年度 (2026) の目標: 500 件 （未設定のため既定値）',
    );
    const year = within(section).getByRole('combobox', { name: '年度' });
    expect(year).toHaveValue('令和8年度 (2026)');
    await user.click(year);
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toEqual([
      '令和7年度 (2025)',
      '令和8年度 (2026)',
      '令和9年度 (2027)',
      '令和10年度 (2028)',
    ]);
    await user.keyboard('{Escape}');

    const value = within(section).getByRole('textbox', { name: '年間訪問目標（件）' });
    expect(value).toHaveValue('500');
    await user.clear(value);
    await user.click(within(section).getByRole('button', { name: '目標を保存' }));
    expect(await within(section).findByText(/必須項目です/)).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.type(value, '480');
    await user.click(within(section).getByRole('button', { name: '目標を保存' }));
    await waitFor(() =>
      expect(sent).toEqual([{ method: 'PUT', path: 'targets/2026', body: { target: 480 } }]),
    );
    expect(
      await screen.findByText('令和8年度 (2026) の年間訪問目標を 480 件にしました'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(section).getByTestId('visit-target-current')).toHaveTextContent(
        '令和8年度 (2026) の目標: 480 件',
      ),
    );

    await user.click(year);
    await user.click(await screen.findByRole('option', { name: '令和9年度 (2027)' }));
    await waitFor(() =>
      expect(within(section).getByTestId('visit-target-current')).toHaveTextContent(
        '令和9年度 (2027) の目標: 520 件',
      ),
    );
    expect(within(section).getByTestId('visit-target-current')).not.toHaveTextContent('既定値');
    expect(within(section).getByRole('textbox', { name: '年間訪問目標（件）' })).toHaveValue('520');
  });

  it('adds, renames, reorders, marks finance and deactivates categories, then saves the list in its order', async () => {
    const user = userEvent.setup();
    const { sent } = render();
    const section = await categoriesSection();
    await within(section).findAllByRole('textbox', { name: /^分類名（/ });
    expect(names(section)).toEqual(['技術・製造', '販路開拓', '資金調達']);
    expect(
      within(section).getByRole('checkbox', { name: '資金調達: 金融機関の同行を勧める' }),
    ).toBeChecked();
    expect(within(section).getByRole('button', { name: '分類を保存' })).toBeDisabled();
    // Saved categories are deactivated, not removed.
    expect(within(section).queryByRole('button', { name: /を取り除く/ })).toBeNull();

    const second = within(section).getByRole('textbox', { name: '分類名（2 番目）' });
    await user.clear(second);
    await user.type(second, '販路開拓・営業');
    await user.click(within(section).getByRole('button', { name: '資金調達 を上へ' }));
    expect(names(section)).toEqual(['技術・製造', '資金調達', '販路開拓・営業']);
    expect(within(section).getByRole('button', { name: '技術・製造 を上へ' })).toBeDisabled();
    await user.click(
      within(section).getByRole('checkbox', { name: '技術・製造: 金融機関の同行を勧める' }),
    );
    await user.click(within(section).getByRole('switch', { name: '技術・製造: 使用中' }));

    const added = within(section).getByRole('textbox', { name: '新しい分類' });
    await user.type(added, 'GX{Enter}');
    await user.type(added, '資金調達');
    await user.click(within(section).getByRole('button', { name: '追加' }));
    expect(within(section).getByText('同じ名前の分類がすでにあります')).toBeInTheDocument();
    await user.clear(added);
    await user.type(added, '一時的{Enter}');
    expect(names(section)).toEqual(['技術・製造', '資金調達', '販路開拓・営業', 'GX', '一時的']);
    await user.click(within(section).getByRole('button', { name: '一時的 を取り除く（未保存）' }));
    expect(within(section).getByText('保存していない変更があります。')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: '分類を保存' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: 'categories',
      body: {
        items: [
          { name: '技術・製造', finance: true, active: false },
          { name: '資金調達', finance: true, active: true },
          { name: '販路開拓・営業', finance: false, active: true },
          { name: 'GX', finance: false, active: true },
        ],
      },
    });
    expect(await screen.findByText('分類を保存しました')).toBeInTheDocument();
    // The saved list is now the one shown, with nothing left to save.
    await waitFor(async () =>
      expect(
        within(await categoriesSection()).getByRole('button', { name: '分類を保存' }),
      ).toBeDisabled(),
    );
    expect(names(await categoriesSection())).toEqual([
      '技術・製造',
      '資金調達',
      '販路開拓・営業',
      'GX',
    ]);
  });

  it('checks names before sending and shows the API’s field errors beside the row', async () => {
    const user = userEvent.setup();
    const { sent } = render('admin', {
      'PUT /api/v1/caravan/categories': () => problem('items.1.name', '使用中の名前です'),
    });
    const section = await categoriesSection();
    const first = await within(section).findByRole('textbox', { name: '分類名（1 番目）' });
    await user.clear(first);
    await user.click(within(section).getByRole('button', { name: '分類を保存' }));
    expect(await within(section).findByText(/必須項目です/)).toBeInTheDocument();
    await user.type(first, '販路開拓');
    await user.click(within(section).getByRole('button', { name: '分類を保存' }));
    // The second of two equal names is the one marked.
    expect(await within(section).findByText('同じ名前の分類がすでにあります')).toBeInTheDocument();
    expect(within(section).getByRole('textbox', { name: '分類名（2 番目）' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(sent).toEqual([]);

    await user.clear(first);
    await user.type(first, '技術');
    await user.click(within(section).getByRole('button', { name: '分類を保存' }));
    expect(await within(section).findByText('使用中の名前です')).toBeInTheDocument();
    expect(within(section).getByRole('alert')).toHaveTextContent('入力内容に誤りがあります');
  });

  it('is for administrators only', async () => {
    const { api } = render('staff');
    expect(
      await screen.findByText('キャラバン設定を変更できるのは管理者だけです。'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '課題・専門分野の分類' })).toBeNull();
    expect(api.calls.map((c) => new URL(c.url).pathname)).toEqual(['/api/v1/auth/session']);
  });
});
