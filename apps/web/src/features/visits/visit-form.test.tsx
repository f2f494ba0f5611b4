import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { buildCompany, writerSession } from '../companies/list/testing';
import { buildVisit, categories, roster, uuid } from './testing';
import VisitFormPage from './visit-form-page';

const company = buildCompany({ id: uuid(7), name: '川崎精工株式会社' });

function render(
  handlers: Parameters<typeof mockApi>[0] = {},
  path = `/visits/new?companyId=${uuid(7)}`,
) {
  const api = mockApi({
    'GET /api/v1/auth/session': () => json(writerSession('staff')),
    'GET /api/v1/supporters': () => json({ items: roster }),
    'GET /api/v1/caravan/categories': () => json(categories),
    [`GET /api/v1/companies/${uuid(7)}`]: () => json(company),
    'GET /api/v1/companies': () => json({ items: [company], nextCursor: null, total: 1 }),
    ...handlers,
  });
  const route = path.startsWith('/visits/new') ? '/visits/new' : '/visits/:id/edit';
  return { api, ...renderWithApp(<VisitFormPage />, { route, path }) };
}

async function choose(
  user: ReturnType<typeof userEvent.setup>,
  field: HTMLElement,
  option: string | RegExp,
) {
  await user.click(field);
  const listbox = document.getElementById(field.getAttribute('aria-controls') ?? '');
  if (!listbox) throw new Error('no listbox');
  await user.click(await within(listbox).findByRole('option', { name: option }));
}

/** Types a whole text at once (a paste): per-key typing re-renders the long form each time. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

describe('VisitForm', () => {
  afterEach(() => notifications.clean());

  it('records a completed visit with a team of four, an issue raised by the owner and two follow-ups', async () => {
    const user = userEvent.setup();
    let sent: Record<string, unknown> | undefined;
    const { router } = render({
      'POST /api/v1/visits': async (req) => {
        sent = (await req.json()) as Record<string, unknown>;
        return json(buildVisit({ id: uuid(201), status: 'completed' }), 201);
      },
    });
    await screen.findByRole('heading', { name: '訪問を記録', level: 1 });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /企業/ })).toHaveValue('川崎精工株式会社'),
    );
    const teamField = await screen.findByRole('combobox', { name: 'チームに加える支援者' });
    // The inactive supporter is not offered.
    await user.click(teamField);
    const listbox = document.getElementById(teamField.getAttribute('aria-controls') ?? '');
    expect(within(listbox as HTMLElement).queryByText(/麻生/)).toBeNull();
    await user.keyboard('{Escape}');
    for (const name of ['川崎 太郎', '中原 花子', '高津 一郎', '宮前 次郎']) {
      await choose(user, teamField, new RegExp(name));
    }
    const team = screen.getAllByRole('listitem');
    expect(team).toHaveLength(4);
    // Kind and expertise are shown; the first chosen is the lead.
    expect(team[2]).toHaveTextContent('専門家');
    expect(team[2]).toHaveTextContent('技術・製造');
    expect(team[3]).toHaveTextContent('川崎信用金庫');
    await fill(user, screen.getByRole('textbox', { name: '傾聴記録' }), '海外にも売りたい');
    await user.click(screen.getByRole('button', { name: '課題を追加' }));
    await choose(user, screen.getByRole('combobox', { name: /^分野/ }), '販路開拓');
    await fill(user, screen.getByRole('textbox', { name: '内容' }), '展示会に出たい');
    await user.click(screen.getByRole('button', { name: 'フォローアップを追加' }));
    await user.click(screen.getByRole('button', { name: 'フォローアップを追加' }));
    const titles = screen.getAllByRole('textbox', { name: /^内容/ }).slice(1);
    await fill(user, titles[0] as HTMLElement, '展示会の案内を送る');
    await fill(user, titles[1] as HTMLElement, '融資制度を紹介する');
    const assignees = screen.getAllByRole('combobox', { name: '担当者' });
    await choose(user, assignees[1] as HTMLElement, '宮前 次郎');
    const dues = screen.getAllByLabelText('期限');
    await fill(user, dues[1] as HTMLElement, '2026-05-31');
    await user.click(screen.getByRole('button', { name: '完了として保存' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({
      companyId: uuid(7),
      status: 'completed',
      kind: 'caravan',
      listeningNotes: '海外にも売りたい',
      team: [
        { supporterId: uuid(101), role: 'lead' },
        { supporterId: uuid(102), role: 'member' },
        { supporterId: uuid(103), role: 'member' },
        { supporterId: uuid(104), role: 'member' },
      ],
      issues: [{ category: '販路開拓', description: '展示会に出たい', raisedBy: 'owner' }],
      followUps: [
        { title: '展示会の案内を送る', assigneeId: null, dueOn: null },
        { title: '融資制度を紹介する', assigneeId: uuid(104), dueOn: '2026-05-31' },
      ],
    });
    // Asia/Tokyo wall-clock time, whatever the browser's zone.
    expect(String(sent?.startsAt)).toMatch(/T10:00:00\+09:00$/);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/visits/${uuid(201)}`));
  }, 90_000);

  it('checks before sending: a completed visit needs a team, a follow-up needs its text', async () => {
    const user = userEvent.setup();
    const { api } = render();
    await screen.findByRole('heading', { name: '訪問を記録', level: 1 });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /企業/ })).toHaveValue('川崎精工株式会社'),
    );
    await user.click(screen.getByRole('button', { name: 'フォローアップを追加' }));
    await user.click(screen.getByRole('button', { name: '完了として保存' }));
    expect(
      await screen.findByText('完了にするには、チームに 1 人以上を選んでください。'),
    ).toBeInTheDocument();
    expect(screen.getByText(/必須項目です/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the API’s field errors beside their fields', async () => {
    const user = userEvent.setup();
    render({
      'POST /api/v1/visits': () =>
        json(
          {
            type: 'about:blank',
            title: 'validation',
            status: 422,
            code: 'validation_failed',
            detail: '入力内容に誤りがあります',
            errors: [
              { field: 'startsAt', code: 'invalid_value', message: '未来の訪問は完了にできません' },
            ],
          },
          422,
        ),
    });
    await screen.findByRole('heading', { name: '訪問を記録', level: 1 });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /企業/ })).toHaveValue('川崎精工株式会社'),
    );
    await user.click(screen.getByRole('button', { name: '下書き保存' }));
    const date = screen.getByLabelText(/訪問日/);
    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('未来の訪問は完了にできません')).toBeInTheDocument();
  });

  it('completes a draft: saves the changes, then marks it completed with the version the save returned', async () => {
    const user = userEvent.setup();
    const draft = buildVisit({
      status: 'draft',
      completedAt: null,
      nextContactOn: '2026-06-01',
      startsAt: '2026-04-10T01:00:00.000Z',
    });
    const calls: [string, unknown][] = [];
    const { router } = render(
      {
        [`GET /api/v1/visits/${uuid(200)}`]: () => json(draft),
        [`PATCH /api/v1/visits/${uuid(200)}`]: async (req) => {
          const body = (await req.json()) as Record<string, unknown>;
          calls.push(['patch', body]);
          return json({ ...draft, nextContactOn: body.nextContactOn as string, version: 2 });
        },
        [`POST /api/v1/visits/${uuid(200)}/complete`]: async (req) => {
          calls.push(['complete', await req.json()]);
          return json({
            ...draft,
            status: 'completed',
            completedAt: '2026-04-10T06:00:00.000Z',
            nextContactOn: '2026-07-15',
            version: 3,
          });
        },
      },
      `/visits/${uuid(200)}/edit`,
    );
    // The next contact day recorded on the draft is shown, and can be changed.
    const next = await screen.findByLabelText('次回接触予定日');
    expect(next).toHaveValue('2026-06-01');
    expect(screen.getByRole('button', { name: '下書き保存' })).toBeInTheDocument();
    await user.clear(next);
    await fill(user, next, '2026-07-15');
    await user.click(screen.getByRole('button', { name: '完了として保存' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/visits/${uuid(200)}`));
    expect(calls.map(([kind]) => kind)).toEqual(['patch', 'complete']);
    expect(calls[0]?.[1]).toMatchObject({ version: 1, nextContactOn: '2026-07-15' });
    expect(calls[1]?.[1]).toEqual({ version: 2 });
    expect(await screen.findByText('訪問記録を保存しました（完了）')).toBeInTheDocument();
  });

  it('asks for a team proposal for the company and the purpose, and puts the proposed team in the form', async () => {
    const user = userEvent.setup();
    let asked: unknown;
    render({
      [`POST /api/v1/companies/${uuid(7)}/team-proposal`]: async (req) => {
        asked = await req.json();
        return json({
          month: '2026-04',
          openIssueCategories: ['資金調達'],
          categories: ['知財', '資金調達', '事業承継'],
          members: [
            {
              supporterId: uuid(103),
              name: '高津 一郎',
              kind: 'expert',
              organization: '技術士事務所',
              role: 'lead',
              covers: ['知財'],
              reasons: ['covers'],
              loadAfter: 3,
              monthlyCapacity: 8,
              visitsToCompany: 2,
            },
            {
              supporterId: uuid(104),
              name: '宮前 次郎',
              kind: 'financial',
              organization: '川崎信用金庫',
              role: 'member',
              covers: ['資金調達'],
              reasons: ['covers', 'financial'],
              loadAfter: 5,
              monthlyCapacity: 8,
              visitsToCompany: 0,
            },
          ],
          uncovered: ['事業承継'],
          financialMemberMissing: false,
        });
      },
    });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: /企業/ })).toHaveValue('川崎精工株式会社'),
    );
    await choose(user, screen.getByRole('combobox', { name: '目的の分野' }), '知財');
    await user.click(screen.getByRole('button', { name: 'チーム編成の提案を使う' }));
    const dialog = await screen.findByRole('dialog', { name: '川崎精工株式会社 のチーム案' });
    expect(asked).toEqual({ purposeCategories: ['知財'] });
    expect(
      await within(dialog).findByText('必要な分野: 知財、資金調達、事業承継'),
    ).toBeInTheDocument();
    const members = within(dialog).getAllByRole('listitem');
    expect(members).toHaveLength(2);
    expect(members[0]).toHaveTextContent('高津 一郎');
    expect(members[0]).toHaveTextContent('リーダー');
    expect(members[0]).toHaveTextContent('担当する分野: 知財');
    expect(members[0]).toHaveTextContent('今月 3 / 8 件 · この企業を 2 回訪問 · 分野をカバー');
    expect(members[1]).toHaveTextContent('担当する分野: 資金調達');
    expect(members[1]).toHaveTextContent('分野をカバー、金融機関');
    expect(within(dialog).getByText('カバーできない分野: 事業承継')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'このチームで訪問を記録' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const team = screen.getAllByRole('listitem');
    expect(team).toHaveLength(2);
    expect(team[0]).toHaveTextContent('高津 一郎');
    // The proposal's lead is the team's lead.
    expect(within(team[0] as HTMLElement).getByRole('radio', { name: 'リーダー' })).toBeChecked();
    expect(within(team[1] as HTMLElement).getByRole('radio', { name: 'メンバー' })).toBeChecked();
    expect(team[1]).toHaveTextContent('宮前 次郎');
    expect(team[1]).toHaveTextContent('川崎信用金庫');
  }, 60_000);

  it('edits a completed visit, says the change is audited, and adds a new follow-up', async () => {
    const user = userEvent.setup();
    const visit = buildVisit();
    const calls: string[] = [];
    let patched: Record<string, unknown> | undefined;
    render(
      {
        [`GET /api/v1/visits/${uuid(200)}`]: () => json(visit),
        [`PATCH /api/v1/visits/${uuid(200)}`]: async (req) => {
          calls.push('patch');
          patched = (await req.json()) as Record<string, unknown>;
          return json({ ...visit, version: 2 });
        },
        [`POST /api/v1/visits/${uuid(200)}/follow-ups`]: async (req) => {
          calls.push(`follow-up ${((await req.json()) as { title: string }).title}`);
          return json(
            {
              id: uuid(399),
              visitId: uuid(200),
              companyId: uuid(7),
              companyName: '川崎精工株式会社',
              title: '見積もりを確認',
              assignee: null,
              dueOn: null,
              status: 'open',
              overdue: false,
              completedOn: null,
              completionNote: null,
              createdAt: '2026-04-11T00:00:00.000Z',
              updatedAt: '2026-04-11T00:00:00.000Z',
              version: 1,
            },
            201,
          );
        },
      },
      `/visits/${uuid(200)}/edit`,
    );
    expect(await screen.findByText(/監査ログに記録されます/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '下書き保存' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'フォローアップを追加' }));
    await fill(
      user,
      screen.getAllByRole('textbox', { name: /^内容/ })[0] as HTMLElement,
      '見積もりを確認',
    );
    await user.click(screen.getByRole('button', { name: '変更を保存' }));
    await waitFor(() => expect(calls).toContain('follow-up 見積もりを確認'));
    expect(calls[0]).toBe('patch');
    expect(patched).toMatchObject({ version: 1, listeningNotes: '「海外にも売りたい」' });
  });
});
