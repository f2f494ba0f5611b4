import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CandidateDto } from '../../../api/matching';
import { i18n } from '../../../i18n';
import { json, mockApi, renderWithApp } from '../../../test/render';
import { buildCompany } from '../../companies/list/testing';
import { CompanyCandidatesSection } from '../company-candidates-section';
import ListingDetailPage from '../listing-detail-page';
import { buildCandidate, buildListing, id, problem, session } from '../testing';

const listing = buildListing();
const LISTING_PATH = `/api/v1/listings/${listing.id}`;
const CANDIDATES = `${LISTING_PATH}/candidates`;

const seiko = buildCandidate({
  id: id(20),
  label: '川崎精密成形株式会社',
  summary: '共通語 「炭素繊維」(事業内容・技術)、「成形」は「積層」の関連語',
  reasons: [
    { type: 'term', term: '炭素繊維', fields: ['description', 'technologies'], contribution: 4.2 },
    {
      type: 'related',
      term: '成形',
      via: '積層',
      source: 'thesaurus',
      fields: ['technologies'],
      contribution: 1.1,
    },
    { type: 'affinity', ipc: 'B29C', jsic: '18', value: 0.8, learned: 0.1, boost: 0.08 },
    { type: 'region', level: 'municipality' },
  ],
  highlight: ['炭素繊維', '成形', '積層'],
});
const drone = buildCandidate({
  id: id(21),
  label: '多摩ドローン工業株式会社',
  detail: null,
  summary: '共通語 「ドローン」(製品)',
  reasons: [
    { type: 'term', term: 'ドローン', fields: ['products'], contribution: 2 },
    { type: 'region', level: 'partner', region: '09', name: '栃木県', nameEn: 'Tochigi' },
  ],
  highlight: ['どろーん'],
});
const rejectedDrone: CandidateDto = {
  ...drone,
  reasons: [
    ...drone.reasons,
    { type: 'feedback', verdict: 'rejected', reason: '設備が足りない', factor: 0.2 },
  ],
  decision: { verdict: 'rejected', reason: '設備が足りない', at: '2025-06-01T03:00:00.000Z' },
};

function renderCandidates(handlers: Parameters<typeof mockApi>[0], role = 'staff') {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(session(role)),
    [`GET ${LISTING_PATH}`]: () => json(listing),
    ...handlers,
  });
  renderWithApp(<ListingDetailPage />, {
    route: '/listings/:id',
    path: `/listings/${listing.id}?tab=candidates`,
  });
  return api;
}

const cardOf = async (label: string) =>
  (await screen.findByRole('link', { name: label })).closest('li') as HTMLElement;

describe('候補企業 (candidate panel)', () => {
  it('shows each candidate’s reasons and marks its terms in the listing’s own text', async () => {
    const user = userEvent.setup({ delay: null });
    renderCandidates({ [`GET ${CANDIDATES}`]: () => json({ items: [seiko, drone] }) });

    const list = await screen.findByRole('list', { name: '候補企業（順位順）' });
    const cards = within(list).getAllByRole('listitem', { name: /株式会社/ });
    expect(cards.map((c) => within(c).getAllByRole('link')[0]?.textContent)).toEqual([
      '川崎精密成形株式会社',
      '多摩ドローン工業株式会社',
    ]);
    const first = await cardOf('川崎精密成形株式会社');
    expect(within(first).getByText('1位')).toBeInTheDocument();
    expect(within(first).getByText('スコア 12.35')).toBeInTheDocument();
    const reasons = within(first).getByRole('list', { name: '候補の理由' });
    expect(within(reasons).getByText('「炭素繊維」（事業内容、技術）')).toBeInTheDocument();
    expect(
      within(reasons).getByText('「成形」は「積層」の関連語（技術辞書）（技術）'),
    ).toBeInTheDocument();
    expect(
      within(reasons).getByText(
        'IPC B29C（Shaping or joining of plastics） と産業分類 18 の親和性 0.8（採用・見送りから学習 +0.1）',
      ),
    ).toBeInTheDocument();
    expect(within(reasons).getByText('同じ市区町村')).toBeInTheDocument();
    // A candidate in one of the organisation's partner regions (連携地域) says which.
    const second = await cardOf('多摩ドローン工業株式会社');
    expect(
      within(within(second).getByRole('list', { name: '候補の理由' })).getByText(
        '連携地域（栃木県）',
      ),
    ).toBeInTheDocument();
    await act(() => i18n.changeLanguage('en'));
    try {
      expect(await within(second).findByText('Partner region (Tochigi)')).toBeInTheDocument();
    } finally {
      await act(() => i18n.changeLanguage('ja'));
    }

    // The first candidate's terms are marked in the listing's text beside the list.
    const source = screen.getByRole('region', {
      name: /本文（「川崎精密成形株式会社」との共通語を強調）/,
    });
    const marks = [...source.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(expect.arrayContaining(['炭素繊維', '積層', '成形']));
    expect(marks).not.toContain('ドローン');

    // Another candidate: its terms instead (hiragana in the term, katakana in the text).
    await user.click(
      screen.getByRole('button', { name: '「多摩ドローン工業株式会社」との共通語を本文で強調' }),
    );
    const again = screen.getByRole('region', { name: /「多摩ドローン工業株式会社」との共通語/ });
    expect([...again.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ドローン']);
  });

  it('accepts a candidate: records the decision, links the new match and ranks again', async () => {
    const user = userEvent.setup({ delay: null });
    let decided = false;
    const api = renderCandidates({
      [`GET ${CANDIDATES}`]: () =>
        json({
          items: decided
            ? [
                {
                  ...seiko,
                  matchId: id(30),
                  decision: { verdict: 'accepted', reason: null, at: '2025-06-01T03:00:00.000Z' },
                },
                drone,
              ]
            : [seiko, drone],
        }),
      'POST /api/v1/matching/decisions': () => {
        decided = true;
        return json({ decisionId: id(40), matchId: id(30) }, 201);
      },
    });
    const card = await cardOf('川崎精密成形株式会社');
    await user.click(
      within(card).getByRole('button', { name: '「川崎精密成形株式会社」を採用して案件にする' }),
    );

    const status = await screen.findByText(
      /「川崎精密成形株式会社」を採用し、「候補」のマッチング案件を作りました/,
    );
    expect(status.closest('[role="status"]')).not.toBeNull();
    expect(screen.getByRole('link', { name: '作った案件を開く' })).toHaveAttribute(
      'href',
      `/matches/${id(30)}`,
    );
    const post = api.calls.find((c) => c.method === 'POST');
    expect(await post?.json()).toEqual({
      listingId: listing.id,
      companyId: seiko.id,
      verdict: 'accepted',
    });
    // Fetched again: the card now shows the decision and its open match, not the button.
    const updated = await cardOf('川崎精密成形株式会社');
    await within(updated).findByText('採用済み');
    expect(within(updated).getByRole('link', { name: '案件を開く' })).toHaveAttribute(
      'href',
      `/matches/${id(30)}`,
    );
    expect(
      within(updated).queryByRole('button', { name: /を採用して案件にする/ }),
    ).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.url.includes('/candidates'))).toHaveLength(2);
  });

  it('rejects only with a reason, then shows the new ranking with the reason', async () => {
    const user = userEvent.setup({ delay: null });
    let decided = false;
    const api = renderCandidates({
      [`GET ${CANDIDATES}`]: () =>
        json({ items: decided ? [seiko, rejectedDrone] : [drone, seiko] }),
      'POST /api/v1/matching/decisions': () => {
        decided = true;
        return json({ decisionId: id(41), matchId: null }, 201);
      },
    });
    const card = await cardOf('多摩ドローン工業株式会社');
    expect(within(card).getByText('1位')).toBeInTheDocument();
    await user.click(
      within(card).getByRole('button', { name: '「多摩ドローン工業株式会社」を見送る' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: '「多摩ドローン工業株式会社」を見送る',
    });
    await user.click(within(dialog).getByRole('button', { name: '見送る' }));
    expect(await within(dialog).findByText('必須項目です。')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(
      within(dialog).getByRole('textbox', { name: /見送りの理由/ }),
      '設備が足りない',
    );
    await user.click(within(dialog).getByRole('button', { name: '見送る' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = api.calls.find((c) => c.method === 'POST');
    expect(await post?.json()).toEqual({
      listingId: listing.id,
      companyId: drone.id,
      verdict: 'rejected',
      reason: '設備が足りない',
    });

    // The new ranking: the rejected company is second, with its reason.
    await waitFor(async () =>
      expect(within(await cardOf('多摩ドローン工業株式会社')).getByText('2位')).toBeInTheDocument(),
    );
    const moved = await cardOf('多摩ドローン工業株式会社');
    expect(within(moved).getByText('見送り')).toBeInTheDocument();
    expect(
      within(moved).getByText('以前に見送り（設備が足りない）のため順位を下げています'),
    ).toBeInTheDocument();
    expect(within(moved).queryByRole('button', { name: /を見送る/ })).not.toBeInTheDocument();
  });

  it('says the index is being built (503) and shows the candidates once it is ready', async () => {
    const user = userEvent.setup({ delay: null });
    let ready = false;
    renderCandidates({
      [`GET ${CANDIDATES}`]: () =>
        ready
          ? json({ items: [seiko] })
          : problem(503, 'service_unavailable', '準備中です（マッチングの索引を作成しています）。'),
      'GET /api/v1/matching/status': () =>
        json({ state: 'building', seeds: 1200, needs: 3000, done: 1500, total: 4200 }),
    });
    expect(await screen.findByText('索引を作成中です')).toBeInTheDocument();
    expect(await screen.findByText('1,500 / 4,200 件を解析しました')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    ready = true;
    await user.click(screen.getByRole('button', { name: '今すぐ再試行' }));
    expect(await screen.findByRole('link', { name: '川崎精密成形株式会社' })).toBeInTheDocument();
    expect(screen.queryByText('索引を作成中です')).not.toBeInTheDocument();
  });

  it('shows no decision buttons to a viewer', async () => {
    renderCandidates({ [`GET ${CANDIDATES}`]: () => json({ items: [seiko] }) }, 'viewer');
    const card = await cardOf('川崎精密成形株式会社');
    expect(within(card).queryByRole('button', { name: /採用/ })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /見送る/ })).not.toBeInTheDocument();
  });

  it('hides the candidates from a partner (the tab in the URL falls back to the details)', async () => {
    renderCandidates({}, 'partner');
    expect(await screen.findByRole('heading', { level: 1, name: listing.title })).toBeVisible();
    expect(screen.queryByRole('tab', { name: '候補企業' })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '詳細' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('候補特許 on the company page', () => {
  it('loads when asked, for open patents first, and again for another kind', async () => {
    const user = userEvent.setup({ delay: null });
    const company = buildCompany({ id: id(20), businessDescription: '炭素繊維の積層成形' });
    const api = mockApi({
      'GET /api/v1/auth/session': () => json(session()),
      [`GET /api/v1/companies/${company.id}/listing-candidates`]: (req) => {
        const kind = new URL(req.url).searchParams.get('kind');
        return json({
          items: [
            buildCandidate({
              id: listing.id,
              label: kind === 'sme_seed' ? '中小企業の加工技術' : listing.title,
              detail: '大手化学工業株式会社・B29C 70/06',
            }),
          ],
        });
      },
    });
    renderWithApp(<CompanyCandidatesSection company={company} />);
    const section = await screen.findByRole('region', { name: '候補特許' });
    expect(api.calls.filter((c) => c.url.includes('listing-candidates'))).toHaveLength(0);

    await user.click(within(section).getByRole('button', { name: '候補特許を探す' }));
    const link = await screen.findByRole('link', { name: listing.title });
    expect(link).toHaveAttribute('href', `/listings/${listing.id}`);
    const first = api.calls.find((c) => c.url.includes('listing-candidates'));
    expect(new URL(first?.url ?? '').searchParams.get('kind')).toBe('open_patent');
    // The company's own text, with the shared term marked.
    const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toContain('炭素繊維');

    await user.click(screen.getByRole('combobox', { name: '種別' }));
    await user.click(await screen.findByRole('option', { name: '中小企業のシーズ' }));
    expect(await screen.findByRole('link', { name: '中小企業の加工技術' })).toBeInTheDocument();
  });

  it('is not there for a partner', async () => {
    mockApi({ 'GET /api/v1/auth/session': () => json(session('partner')) });
    const { queryClient } = renderWithApp(<CompanyCandidatesSection company={buildCompany()} />);
    await waitFor(() => expect(queryClient.getQueryData(['session'])).toBeTruthy());
    expect(screen.queryByRole('region', { name: '候補特許' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '候補特許を探す' })).not.toBeInTheDocument();
  });
});
