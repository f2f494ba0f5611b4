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
