import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import { buildFollowUp, roster, uuid } from '../visits/testing';

/** The roster with the first supporter linked to the signed-in user (uuid(1)). */
const linked = roster.map((s, i) => (i === 0 ? { ...s, userId: uuid(1) } : s));

import FollowUpsPage from './follow-ups-page';

describe('FollowUpsPage', () => {
  afterEach(() => notifications.clean());

  it('lists my open follow-ups and completes one with a note and its version', async () => {
    const user = userEvent.setup();
    let open = [
      buildFollowUp(1, {
        title: '展示会の案内を送る',
        overdue: true,
        dueOn: '2026-10-01',
        version: 3,
      }),
      buildFollowUp(2, { title: '融資制度を紹介する' }),
    ];
    let completed: unknown;
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      'GET /api/v1/supporters': () => json({ items: linked }),
      'GET /api/v1/follow-ups': () => json({ items: open }),
      [`POST /api/v1/follow-ups/${open[0]?.id}/complete`]: async (req) => {
        completed = await req.json();
        const done = {
          ...open[0],
          status: 'done',
          overdue: false,
          completedOn: '2026-11-22',
          version: 4,
        };
        open = open.slice(1);
        return json(done);
      },
    });
    renderWithApp(<FollowUpsPage />, { route: '/follow-ups', path: '/follow-ups' });

    const row = (await screen.findByText('展示会の案内を送る')).closest('tr') as HTMLElement;
    expect(within(row).getByText('期限切れ')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: '完了にする: 展示会の案内を送る' }));
    const dialog = await screen.findByRole('dialog', { name: 'フォローアップを完了にする' });
    await user.type(within(dialog).getByRole('textbox', { name: '結果のメモ' }), '送付済み');
    await user.click(within(dialog).getByRole('button', { name: '完了にする' }));
    await waitFor(() => expect(completed).toEqual({ version: 3, note: '送付済み' }));
    await waitFor(() => expect(screen.queryByText('展示会の案内を送る')).toBeNull());
    expect(screen.getByText('融資制度を紹介する')).toBeInTheDocument();
    expect(await screen.findByText('「展示会の案内を送る」を完了にしました')).toBeInTheDocument();
  });

  it('asks the API for mine, overdue and a team member’s follow-ups', async () => {
    const user = userEvent.setup();
    const { calls } = mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      'GET /api/v1/supporters': () => json({ items: linked }),
      'GET /api/v1/follow-ups': () => json({ items: [] }),
    });
    renderWithApp(<FollowUpsPage />, { route: '/follow-ups', path: '/follow-ups' });
    await screen.findByText('該当するフォローアップはありません。');
    const query = () =>
      new URL(calls.filter((c) => c.url.includes('/follow-ups')).at(-1)?.url ?? '').searchParams;
    expect(query().get('mine')).toBe('true');
    await user.click(screen.getByRole('tab', { name: '期限切れ' }));
    await waitFor(() => expect(query().get('overdue')).toBe('true'));
    await user.click(screen.getByRole('tab', { name: 'チーム別' }));
    await user.click(await screen.findByRole('combobox', { name: /支援者/ }));
    await user.click(await screen.findByRole('option', { name: /中原 花子/ }));
    await waitFor(() => expect(query().get('teamMemberId')).toBe(roster[1]?.id));
  });
});

describe('FollowUpsPage without a linked supporter', () => {
  it('says the login has no follow-ups of its own instead of an empty list', async () => {
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      'GET /api/v1/supporters': () => json({ items: roster }),
      'GET /api/v1/follow-ups': () => json({ items: [] }),
    });
    renderWithApp(<FollowUpsPage />, { route: '/follow-ups', path: '/follow-ups' });
    expect(await screen.findByText(/支援者として登録されていない/)).toBeInTheDocument();
    expect(screen.queryByText('該当するフォローアップはありません。')).toBeNull();
  });
});
