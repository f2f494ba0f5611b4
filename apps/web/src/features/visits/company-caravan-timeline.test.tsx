import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineDto } from '../../api/caravan';
import { json, mockApi, renderWithApp } from '../../test/render';
import { CaravanTimeline } from './company-caravan-timeline';
import { buildFollowUp, buildVisit, uuid } from './testing';

const companyId = uuid(7);
const timelinePath = `GET /api/v1/companies/${companyId}/timeline`;
const flagPath = `/api/v1/companies/${companyId}/flag`;

const timeline = (overrides: Partial<TimelineDto> = {}): TimelineDto => ({
  companyId,
  flag: null,
  firstVisitOn: null,
  items: [],
  ...overrides,
});

describe('CaravanTimeline', () => {
  afterEach(() => notifications.clean());

  it('turns visits and follow-ups into history entries: kind and status, issues with who raised them, who was there, the follow-up’s state', async () => {
    const older = buildVisit({
      id: uuid(210),
      startsAt: '2025-06-01T01:00:00.000Z',
      kind: 'phone',
      purpose: '資金繰りの相談',
      issues: [
        {
          id: uuid(250),
          category: '資金調達',
          description: null,
          raisedBy: 'owner',
          resolvedOn: null,
        },
        {
          id: uuid(251),
          category: '販路開拓',
          description: null,
          raisedBy: 'supporter',
          resolvedOn: null,
        },
      ],
    });
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
    const overdue = buildFollowUp(1, {
      title: '融資制度を紹介する',
      overdue: true,
      dueOn: '2025-09-01',
    });
    const done = buildFollowUp(2, {
      title: '見積もりを送る',
      status: 'done',
      completedOn: '2025-07-01',
      completionNote: 'メールで送付済み',
      assignee: null,
      dueOn: null,
    });
    mockApi({
      [timelinePath]: () =>
        json(
          timeline({
            firstVisitOn: '2025-06-01',
            items: [
              { type: 'visit', at: newer.startsAt, visit: newer },
              { type: 'follow_up', at: '2025-09-01', followUp: overdue },
              { type: 'follow_up', at: '2025-07-01', followUp: done },
              { type: 'visit', at: older.startsAt, visit: older },
            ],
          }),
        ),
    });
    renderWithApp(<CaravanTimeline companyId={companyId} canRecord />);
    const region = await screen.findByRole('region', { name: '支援の経過' });
    const items = await within(region).findAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent('出張キャラバン・下書き');
    expect(items[0]).toHaveTextContent(/ · 訪問/);
    expect(items[0]).toHaveTextContent(
      '参加者: 川崎 太郎（市職員・リーダー）、宮前 次郎（金融機関）',
    );
    expect(items[1]).toHaveTextContent('フォローアップ: 融資制度を紹介する（期限切れ）');
    expect(items[1]).toHaveTextContent('担当 川崎 太郎 · 期限 2025年9月1日');
    expect(items[2]).toHaveTextContent('フォローアップ: 見積もりを送る（完了）');
    expect(items[2]).toHaveTextContent('メールで送付済み');
    expect(items[2]).toHaveTextContent(/ · その他/);
    // A phone call shows as a call, with its issues and who raised each.
    expect(items[3]).toHaveTextContent('電話・完了');
    expect(items[3]).toHaveTextContent(/ · 電話/);
    expect(items[3]).toHaveTextContent('資金繰りの相談');
    expect(items[3]).toHaveTextContent('課題: 資金調達（経営者）、販路開拓（支援者）');
    expect(screen.getByText('最初の訪問: 2025年6月1日')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '訪問を記録' })).toHaveAttribute(
      'href',
      `/visits/new?companyId=${companyId}`,
    );
    expect(screen.getByRole('link', { name: 'ブリーフィング PDF' })).toHaveAttribute(
      'href',
      `/api/v1/companies/${companyId}/briefing.pdf`,
    );
  });

  it('flags the company for the planner with a note, then withdraws the flag', async () => {
    const user = userEvent.setup();
    let current = timeline();
    const sent: [string, unknown][] = [];
    mockApi({
      [timelinePath]: () => json(current),
      [`PUT ${flagPath}`]: async (req) => {
        const body = (await req.json()) as { note: string | null };
        sent.push(['PUT', body]);
        const flag = {
          companyId,
          note: body.note,
          supporter: { id: uuid(101), name: '川崎 太郎', kind: 'staff' as const },
          flaggedBy: '川崎 太郎',
          createdAt: '2026-04-10T00:00:00.000Z',
        };
        current = timeline({ flag });
        return json(flag);
      },
      [`DELETE ${flagPath}`]: () => {
        sent.push(['DELETE', null]);
        current = timeline();
        return new Response(null, { status: 204 });
      },
    });
    renderWithApp(<CaravanTimeline companyId={companyId} canRecord />);
    await user.click(await screen.findByRole('button', { name: '訪問を要望' }));
    const dialog = await screen.findByRole('dialog', { name: 'この企業への訪問を要望する' });
    await user.type(within(dialog).getByRole('textbox', { name: '要望の理由（任意）' }), '新工場');
    await user.click(within(dialog).getByRole('button', { name: '訪問を要望' }));
    await waitFor(() => expect(sent).toEqual([['PUT', { note: '新工場' }]]));
    expect(await screen.findByText('訪問の要望あり（川崎 太郎）: 新工場')).toBeInTheDocument();
    expect(screen.getByText('訪問を要望しました')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '要望を取り消す' }));
    await waitFor(() => expect(sent.map(([method]) => method)).toEqual(['PUT', 'DELETE']));
    await waitFor(() => expect(screen.queryByText(/訪問の要望あり/)).toBeNull());
    expect(screen.getByRole('button', { name: '訪問を要望' })).toBeInTheDocument();
  });

  it('shows the flag but no flag button to someone who does not record visits', async () => {
    mockApi({
      [timelinePath]: () =>
        json(
          timeline({
            flag: {
              companyId,
              note: null,
              supporter: null,
              flaggedBy: '管理者',
              createdAt: '2026-04-10T00:00:00.000Z',
            },
          }),
        ),
    });
    renderWithApp(<CaravanTimeline companyId={companyId} canRecord={false} />);
    expect(await screen.findByText('訪問の要望あり（管理者）: —')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /要望/ })).toBeNull();
    expect(screen.queryByRole('link', { name: '訪問を記録' })).toBeNull();
  });
});
