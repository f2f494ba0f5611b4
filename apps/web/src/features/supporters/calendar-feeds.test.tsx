import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { uuid } from '../visits/testing';
import { CalendarFeeds } from './calendar-feeds';

const supporterId = uuid(101);
interface Feed {
  id: string;
  supporterId: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const feed = (n: number, overrides: Partial<Feed> = {}): Feed => ({
  id: uuid(500 + n),
  supporterId,
  tokenPrefix: `abc${n}de`,
  createdAt: '2026-04-01T01:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('CalendarFeeds', () => {
  it('lists the feeds, shows a new secret URL once, and revokes a feed', async () => {
    const user = userEvent.setup();
    let feeds = [
      feed(1, { lastUsedAt: '2026-04-20T03:00:00.000Z' }),
      feed(2, { revokedAt: '2026-04-02T00:00:00.000Z' }),
    ];
    const revoked: string[] = [];
    const { calls } = mockApi({
      [`GET /api/v1/supporters/${supporterId}/calendar-feeds`]: () => json({ items: feeds }),
      [`POST /api/v1/supporters/${supporterId}/calendar-feeds`]: () => {
        const created = feed(3, { tokenPrefix: 'Zx9_q1' });
        feeds = [created, ...feeds];
        const token = `cal_${'0'.repeat(32)}_Zx9_q1secretsecretsecret`;
        return json({ ...created, token, path: `/api/v1/calendar/${token}.ics` }, 201);
      },
      [`DELETE /api/v1/calendar-feeds/${uuid(501)}`]: () => {
        revoked.push(uuid(501));
        feeds = feeds.map((f) =>
          f.id === uuid(501) ? { ...f, revokedAt: '2026-04-21T00:00:00.000Z' } : f,
        );
        return new Response(null, { status: 204 });
      },
    });
    renderWithApp(<CalendarFeeds supporterId={supporterId} />);
    const section = await screen.findByRole('region', { name: 'カレンダー連携（iCalendar）' });
    const rows = (await within(section).findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('abc1de…');
    expect(rows[0]).toHaveTextContent('2026年4月20日');
    expect(within(rows[1] as HTMLElement).getByText('無効')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).queryByRole('button')).toBeNull();
    // Nothing secret is shown before a URL is issued.
    expect(within(section).queryByRole('textbox', { name: '購読 URL' })).toBeNull();

    await user.click(within(section).getByRole('button', { name: '購読 URL を発行' }));
    const url = await within(section).findByRole('textbox', { name: '購読 URL' });
    expect(url).toHaveValue(
      `${window.location.origin}/api/v1/calendar/cal_${'0'.repeat(32)}_Zx9_q1secretsecretsecret.ics`,
    );
    expect(url).toHaveAttribute('readonly');
    expect(within(section).getByText(/一度しか表示されません/)).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'コピー' })).toBeInTheDocument();
    await waitFor(() => expect(within(section).getAllByRole('row')).toHaveLength(4));

    await user.click(within(section).getByRole('button', { name: '無効にする: abc1de' }));
    await waitFor(() => expect(revoked).toEqual([uuid(501)]));
    await waitFor(() =>
      expect(within(section).queryByRole('button', { name: '無効にする: abc1de' })).toBeNull(),
    );
    expect(within(section).getByRole('button', { name: '無効にする: Zx9_q1' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
