import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MatchingSettingsDto } from '../../../api/matching';
import { sessionKey } from '../../../api/session';
import { json, mockApi, renderWithApp } from '../../../test/render';
import { problem, session } from '../../listings/testing';
import MatchingDashboardPage from '../matching-dashboard-page';

// The page's charts (recharts, a chunk of their own, tested in matching-pages.test.tsx) are not
// what this file is about: left out, their import does not compete with the section for the CPU.
vi.mock('../dashboard/lazy-charts', () => ({
  LazyFunnelChart: () => null,
  LazyFiscalYearChart: () => null,
  LazyReferenceChart: () => null,
}));

const SETTINGS = '/api/v1/matching/settings';
const emptySummary = {
  funnel: [],
  dropped: 0,
  byFiscalYear: [],
  reference: { contracted: 39, commercialized: 27, asOf: '2025-03-31' },
};
const tochigi: MatchingSettingsDto = {
  partnerRegions: [{ code: '09', kind: 'prefecture', name: '栃木県', nameEn: 'Tochigi' }],
};

function render(role: string, handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(session(role)),
    'GET /api/v1/matches/summary': () => json(emptySummary),
    ...handlers,
  });
  const { queryClient } = renderWithApp(<MatchingDashboardPage />, {
    route: '/matching/dashboard',
    path: '/matching/dashboard',
  });
  return { ...api, queryClient };
}

/**
 * The section, once the page shows it: only after the session says who is looking (partners
 * never get it), and then through React.lazy. Each step is waited for on its own, so no single
 * findBy… has to span the session request, the page's render and the lazy section's reveal.
 */
async function section({ queryClient }: ReturnType<typeof render>) {
  await waitFor(() => expect(queryClient.getQueryData(sessionKey)).toBeTruthy());
  return screen.findByRole('region', { name: '連携地域（広域マッチング）' });
}

describe('連携地域 (partner regions) on the matching page', () => {
  // The page renders the section through React.lazy (it carries the prefecture and municipality
  // lists). Its code is loaded here, before any test starts a findBy… clock.
  beforeAll(async () => {
    await import('./partner-regions-section');
  });
  afterEach(() => notifications.clean());

  it('shows them to a viewer, who cannot change them', async () => {
    const s = await section(render('viewer', { [`GET ${SETTINGS}`]: () => json(tochigi) }));
    const list = await within(s).findByRole('list', { name: '連携地域' });
    expect(within(list).getByText('栃木県（09）')).toBeInTheDocument();
    expect(within(s).getByText('連携地域を変更できるのは管理者です。')).toBeInTheDocument();
    expect(within(s).queryByRole('button', { name: '保存' })).not.toBeInTheDocument();
    expect(within(s).queryByRole('button', { name: /を外す$/ })).not.toBeInTheDocument();
  });

  it('is not shown to a partner (who never sees candidates) and not asked for', async () => {
    const api = render('partner');
    expect(await screen.findByRole('heading', { name: 'マッチング実績' })).toBeInTheDocument();
    await waitFor(() =>
      expect(api.calls.some((r) => r.url.endsWith('/matches/summary'))).toBe(true),
    );
    expect(screen.queryByRole('region', { name: /連携地域/ })).not.toBeInTheDocument();
    expect(api.calls.some((r) => r.url.includes(SETTINGS))).toBe(false);
  });

  it('an admin adds a prefecture and a municipality by code, removes one and saves', async () => {
    const user = userEvent.setup({ delay: null });
    const sent: unknown[] = [];
    const page = render('admin', {
      [`GET ${SETTINGS}`]: () => json(tochigi),
      [`PUT ${SETTINGS}`]: async (request) => {
        const body = (await request.json()) as { partnerRegions: string[] };
        sent.push(body);
        return json({
          partnerRegions: body.partnerRegions.map((code) =>
            code === '13'
              ? { code, kind: 'prefecture', name: '東京都', nameEn: 'Tokyo' }
              : { code, kind: 'municipality', name: '岐阜県 岐阜市', nameEn: null },
          ),
        });
      },
    });
    const s = await section(page);
    await within(s).findByText('栃木県（09）');
    const save = within(s).getByRole('button', { name: '保存' });
    expect(save).toBeDisabled();

    await user.click(within(s).getByRole('combobox', { name: '都道府県' }));
    await user.click(await screen.findByRole('option', { name: '13 東京都' }));
    await user.click(within(s).getByRole('button', { name: '都道府県を追加' }));

    const code = within(s).getByRole('textbox', { name: /市区町村（地方公共団体コード）/ });
    await user.type(code, '99999{Enter}');
    expect(
      await within(s).findByText('全国地方公共団体コードとして正しくありません。'),
    ).toBeInTheDocument();
    await user.clear(code);
    await user.type(code, '２１２０１');
    await user.click(within(s).getByRole('button', { name: '市区町村を追加' }));
    expect(code).toHaveValue('');

    const list = within(s).getByRole('list', { name: '連携地域' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['栃木県（09）外す', '東京都（13）外す', '岐阜県 岐阜市（212016）外す']);
    await user.click(within(s).getByRole('button', { name: '栃木県（09）を外す' }));
    expect(within(s).getByText('未保存の変更があります。')).toBeInTheDocument();

    await user.click(save);
    await waitFor(() => expect(sent).toEqual([{ partnerRegions: ['13', '212016'] }]));
    expect(
      await screen.findByText('連携地域を保存しました。候補の順位に反映されます。'),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(s).getByRole('button', { name: '保存' })).toBeDisabled());
    expect(within(s).queryByText('栃木県（09）')).not.toBeInTheDocument();
  });

  it('shows the server’s field errors with the region they concern', async () => {
    const user = userEvent.setup({ delay: null });
    const page = render('admin', {
      [`GET ${SETTINGS}`]: () => json({ partnerRegions: [] }),
      [`PUT ${SETTINGS}`]: () =>
        problem(422, 'validation_failed', '入力内容を確認してください。', [
          {
            field: 'partnerRegions.0',
            code: 'municipality_unknown',
            message: '全国地方公共団体コードとして正しくありません。',
          },
        ]),
    });
    const s = await section(page);
    expect(await within(s).findByText('連携地域は設定されていません。')).toBeInTheDocument();
    await user.type(
      within(s).getByRole('textbox', { name: /市区町村（地方公共団体コード）/ }),
      '092011{Enter}',
    );
    await user.click(within(s).getByRole('button', { name: '保存' }));
    const alert = await within(s).findByRole('alert');
    expect(alert).toHaveTextContent(
      '栃木県 宇都宮市（092011）: 全国地方公共団体コードとして正しくありません。',
    );
  });
});
