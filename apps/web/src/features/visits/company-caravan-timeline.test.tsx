import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, mockApi, renderWithApp } from '../../test/render';
import { CaravanTimeline } from './company-caravan-timeline';
import { buildFollowUp, buildVisit, uuid } from './testing';

describe('CaravanTimeline', () => {
  it('shows visits and follow-ups newest first, with who was there, and 訪問を記録', async () => {
    const older = buildVisit({ id: uuid(210), startsAt: '2025-06-01T01:00:00.000Z' });
    const newer = buildVisit({
      id: uuid(211),
      startsAt: '2026-04-10T01:00:00.000Z',
      status: 'draft',
      team: [
        {
          supporterId: uuid(101),
          name: '川崎 太郎',
          kind: 'staff',
          organization: null,
          role: 'lead',
        },
        {
          supporterId: uuid(104),
          name: '宮前 次郎',
          kind: 'financial',
          organization: null,
          role: 'member',
        },
      ],
    });
    const followUp = buildFollowUp(1, {
      title: '融資制度を紹介する',
      overdue: true,
      dueOn: '2025-09-01',
    });
    mockApi({
      [`GET /api/v1/companies/${uuid(7)}/timeline`]: () =>
        json({
          companyId: uuid(7),
          flag: null,
          firstVisitOn: '2025-06-01',
          items: [
            { type: 'visit', at: newer.startsAt, visit: newer },
            { type: 'follow_up', at: '2025-09-01', followUp },
            { type: 'visit', at: older.startsAt, visit: older },
          ],
        }),
    });
    renderWithApp(<CaravanTimeline companyId={uuid(7)} canRecord />);
    const region = await screen.findByRole('region', { name: '支援の経過' });
    const items = await within(region).findAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('出張キャラバン・下書き');
    expect(items[0]).toHaveTextContent(
      '参加者: 川崎 太郎（市職員・リーダー）、宮前 次郎（金融機関）',
    );
    expect(items[1]).toHaveTextContent('フォローアップ: 融資制度を紹介する（期限切れ）');
    expect(items[1]).toHaveTextContent('担当 川崎 太郎');
    expect(items[2]).toHaveTextContent('出張キャラバン・完了');
    expect(screen.getByText('最初の訪問: 2025年6月1日')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '訪問を記録' })).toHaveAttribute(
      'href',
      `/visits/new?companyId=${uuid(7)}`,
    );
  });

  it('says nothing is recorded yet when the company has no visits', async () => {
    mockApi({
      [`GET /api/v1/companies/${uuid(7)}/timeline`]: () =>
        json({ companyId: uuid(7), flag: null, firstVisitOn: null, items: [] }),
    });
    renderWithApp(<CaravanTimeline companyId={uuid(7)} canRecord={false} />);
    const region = await screen.findByRole('region', { name: '支援の経過' });
    expect(await within(region).findByText(/まだ記録はありません/)).toBeInTheDocument();
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(region).queryByRole('listitem')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '訪問を記録' })).not.toBeInTheDocument();
  });

  it('shows a failed load as an error with a retry, not as an empty history', async () => {
    let fail = true;
    const visit = buildVisit({ id: uuid(212), startsAt: '2026-04-10T01:00:00.000Z' });
    mockApi({
      [`GET /api/v1/companies/${uuid(7)}/timeline`]: () =>
        fail
          ? json({ code: 'internal', status: 500, detail: 'x' }, 500)
          : json({
              companyId: uuid(7),
              flag: null,
              firstVisitOn: '2026-04-10',
              items: [{ type: 'visit', at: visit.startsAt, visit }],
            }),
    });
    renderWithApp(<CaravanTimeline companyId={uuid(7)} canRecord />);
    const region = await screen.findByRole('region', { name: '支援の経過' });
    expect(await within(region).findByRole('alert')).toHaveTextContent(
      'サーバーでエラーが発生しました',
    );
    expect(region).not.toHaveTextContent('まだ記録はありません');

    fail = false;
    await userEvent.setup().click(within(region).getByRole('button', { name: '再試行' }));
    expect(await within(region).findAllByRole('listitem')).toHaveLength(1);
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
  });
});
