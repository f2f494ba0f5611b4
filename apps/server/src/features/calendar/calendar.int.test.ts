import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let admin: TestSession;
let other: TestSession;
let supporterId: string;
let colleagueId: string;
let visitId: string;
const absent: Record<string, string> = {};
const present: Record<string, string> = {};

const tokyoTime = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-05-01T00:00:00Z') });
  admin = await t.createOrganization('ical-city');
  other = await t.createOrganization('ical-other');
  const company = await (
    await t.request('POST', '/api/v1/companies', {
      session: admin,
      json: buildCompany({ name: '株式会社カレンダー工業', address: '川崎市中原区小杉町1-403' }),
    })
  ).json();
  supporterId = (
    await (
      await t.request('POST', '/api/v1/supporters', {
        session: admin,
        json: { name: '職員 暦', kind: 'staff' },
      })
    ).json()
  ).id;
  const visit = await t.request('POST', '/api/v1/visits', {
    session: admin,
    json: {
      companyId: company.id,
      startsAt: '2026-05-20T10:00:00+09:00',
      endsAt: '2026-05-20T11:30:00+09:00',
      kind: 'caravan',
      purpose: '新製品の販路, 補助金の相談',
      team: [{ supporterId, role: 'lead' }],
    },
  });
  expect(visit.status).toBe(201);
  visitId = (await visit.json()).id;

  // Around it, what the feed must leave out or keep: another supporter's visit, visits before the
  // 60-day window (today is 2026-05-01, so the window opens on 2026-03-02 in Tokyo), and a
  // completed visit and a team membership inside it.
  colleagueId = (
    await (
      await t.request('POST', '/api/v1/supporters', {
        session: admin,
        json: { name: '職員 別', kind: 'staff' },
      })
    ).json()
  ).id;
  const add = async (
    startsAt: string,
    team: { supporterId: string; role: string }[],
    status = 'draft',
  ) => {
    const res = await t.request('POST', '/api/v1/visits', {
      session: admin,
      json: { companyId: company.id, startsAt, kind: 'follow_up', status, team },
    });
    expect(res.status, startsAt).toBe(201);
    return (await res.json()).id as string;
  };
  const lead = [{ supporterId, role: 'lead' }];
  absent.colleague = await add('2026-05-21T10:00:00+09:00', [
    { supporterId: colleagueId, role: 'lead' },
  ]);
  absent.longAgo = await add('2026-02-20T10:00:00+09:00', lead, 'completed');
  absent.dayBeforeWindow = await add('2026-03-01T23:30:00+09:00', lead, 'completed');
  present.firstDayOfWindow = await add('2026-03-02T00:30:00+09:00', lead, 'completed');
  present.asMember = await add('2026-06-10T14:00:00+09:00', [
    { supporterId: colleagueId, role: 'lead' },
    { supporterId, role: 'member' },
  ]);
});
afterAll(() => t.close());

describe('calendar feed', () => {
  it('serves the planned visits at a secret URL that a real parser reads, times right in Tokyo', async () => {
    const created = await t.request('POST', `/api/v1/supporters/${supporterId}/calendar-feeds`, {
      session: admin,
    });
    expect(created.status).toBe(201);
    const feed = await created.json();
    expect(feed.path).toMatch(/^\/api\/v1\/calendar\/cal_[0-9a-f]{32}_[A-Za-z0-9_-]+\.ics$/);
    const res = await t.request('GET', feed.path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    // Only this supporter's visits (as lead or member), from 60 days back on, in time order.
    expect(events.map((e) => e.uid)).toEqual(
      [present.firstDayOfWindow, visitId, present.asMember].map((id) => `${id}@banso`),
    );
    for (const id of Object.values(absent)) expect(text).not.toContain(`${id}@banso`);
    const recorded = events[0];
    expect(recorded?.description).toContain('記録済み');
    expect(tokyoTime(recorded?.startDate.toJSDate() as Date)).toBe('2026-03-02 00:30');
    const member = events[2];
    expect(member?.description).toBe('チーム: 職員 別（リーダー）、職員 暦');
    expect(member?.summary).toBe('株式会社カレンダー工業 — フォローアップ');
    // Without an end, a visit lasts two hours.
    expect(tokyoTime(member?.endDate.toJSDate() as Date)).toBe('2026-06-10 16:00');
    const event = events.find((e) => e.uid === `${visitId}@banso`);
    if (!event) throw new Error('no event');
    expect(event.uid).toBe(`${visitId}@banso`);
    expect(event.summary).toBe('株式会社カレンダー工業 — 出張キャラバン');
    expect(event.location).toBe('川崎市中原区小杉町1-403');
    expect(event.description).toBe('目的: 新製品の販路, 補助金の相談\nチーム: 職員 暦（リーダー）');
    expect(tokyoTime(event.startDate.toJSDate())).toBe('2026-05-20 10:00');
    expect(tokyoTime(event.endDate.toJSDate())).toBe('2026-05-20 11:30');

    const list = await (
      await t.request('GET', `/api/v1/supporters/${supporterId}/calendar-feeds`, { session: admin })
    ).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).not.toHaveProperty('token');
    // The colleague's own feed has the colleague's visits, not this supporter's alone.
    const theirs = await (
      await t.request('POST', `/api/v1/supporters/${colleagueId}/calendar-feeds`, {
        session: admin,
      })
    ).json();
    const theirText = await (await t.request('GET', theirs.path)).text();
    const theirEvents = new ICAL.Component(ICAL.parse(theirText))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v).uid);
    expect(theirEvents).toEqual([`${absent.colleague}@banso`, `${present.asMember}@banso`]);
    expect(list.items[0].lastUsedAt).not.toBeNull();

    // The same secret under another tenant's id, and a made-up token: not found.
    const secret = feed.token.slice('cal_'.length + 32 + 1);
    expect(`cal_${admin.tenantId.replaceAll('-', '')}_${secret}`).toBe(feed.token);
    const forged = `cal_${other.tenantId.replaceAll('-', '')}_${secret}`;
    expect((await t.request('GET', `/api/v1/calendar/${forged}.ics`)).status).toBe(404);
    expect((await t.request('GET', '/api/v1/calendar/cal_nothing.ics')).status).toBe(404);

    const revoked = await t.request('DELETE', `/api/v1/calendar-feeds/${feed.id}`, {
      session: admin,
    });
    expect(revoked.status).toBe(204);
    expect((await t.request('GET', feed.path)).status).toBe(404);
  });

  it('lets only writers or the supporter themselves manage feeds, within the tenant', async () => {
    const viewer = await t.addUser(admin, 'viewer');
    expect(
      (
        await t.request('POST', `/api/v1/supporters/${supporterId}/calendar-feeds`, {
          session: viewer,
        })
      ).status,
    ).toBe(403);
    const mine = await (
      await t.request('POST', '/api/v1/supporters', {
        session: admin,
        json: { name: '閲覧 者', kind: 'other', userId: viewer.userId },
      })
    ).json();
    expect(
      (
        await t.request('POST', `/api/v1/supporters/${mine.id}/calendar-feeds`, {
          session: viewer,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('POST', `/api/v1/supporters/${supporterId}/calendar-feeds`, {
          session: other,
        })
      ).status,
    ).toBe(404);
  });
});
