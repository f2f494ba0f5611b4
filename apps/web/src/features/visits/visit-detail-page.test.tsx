import { notifications } from '@mantine/notifications';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitDto } from '../../api/caravan';
import { json, mockApi, renderWithApp } from '../../test/render';
import { writerSession } from '../companies/list/testing';
import { buildVisit, uuid } from './testing';
import VisitDetailPage from './visit-detail-page';

describe('VisitDetailPage', () => {
  afterEach(() => notifications.clean());

  it('completes a draft with the version it shows, then shows it completed', async () => {
    const user = userEvent.setup();
    let visit: VisitDto = buildVisit({
      status: 'draft',
      completedAt: null,
      nextContactOn: '2026-06-01',
      version: 4,
    });
    let sent: unknown;
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      [`GET /api/v1/visits/${uuid(200)}`]: () => json(visit),
      [`POST /api/v1/visits/${uuid(200)}/complete`]: async (req) => {
        sent = await req.json();
        visit = {
          ...visit,
          status: 'completed',
          completedAt: '2026-04-10T06:00:00.000Z',
          version: 5,
        };
        return json(visit);
      },
    });
    renderWithApp(<VisitDetailPage />, { route: '/visits/:id', path: `/visits/${uuid(200)}` });
    expect(await screen.findByText('下書き')).toBeInTheDocument();
    expect(screen.getByText('次回接触予定日: 2026年6月1日')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '完了にする' }));
    await waitFor(() => expect(sent).toEqual({ version: 4 }));
    expect(await screen.findByText('完了')).toBeInTheDocument();
    expect(screen.getByText(/^完了 2026年4月10日/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '完了にする' })).toBeNull();
  });

  it('says why a draft cannot be completed', async () => {
    const user = userEvent.setup();
    mockApi({
      'GET /api/v1/auth/session': () => json(writerSession('staff')),
      [`GET /api/v1/visits/${uuid(200)}`]: () =>
        json(buildVisit({ status: 'draft', completedAt: null, team: [] })),
      [`POST /api/v1/visits/${uuid(200)}/complete`]: () =>
        json(
          {
            type: 'about:blank',
            title: 'validation',
            status: 422,
            code: 'validation_failed',
            detail: '入力内容に誤りがあります',
            errors: [{ field: 'team', code: 'required', message: '必須項目です' }],
          },
          422,
        ),
    });
    renderWithApp(<VisitDetailPage />, { route: '/visits/:id', path: `/visits/${uuid(200)}` });
    await user.click(await screen.findByRole('button', { name: '完了にする' }));
    expect(await screen.findByText(/入力内容に誤りがあります/)).toBeInTheDocument();
    expect(screen.getByText('下書き')).toBeInTheDocument();
  });
});
