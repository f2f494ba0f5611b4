import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany } from '../../testing/factories';
import { createTestApp, type TestApp, type TestSession } from '../../testing/test-app';

let t: TestApp;
let admin: TestSession;
let other: TestSession;
let supporterId: string;
let visitId: string;

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
    expect(events).toHaveLength(1);
    const [event] = events;
    if (!event) throw new Error('no event');
    expect(event.uid).toBe(`${visitId}@banso`);
    expect(event.summary).toBe('株式会社カレンダー工業 — 出張キャラバン訪問');
    expect(event.location).toBe('川崎市中原区小杉町1-403');
    expect(event.description).toBe('目的: 新製品の販路, 補助金の相談\nチーム: 職員 暦（リーダー）');
    expect(tokyoTime(event.startDate.toJSDate())).toBe('2026-05-20 10:00');
    expect(tokyoTime(event.endDate.toJSDate())).toBe('2026-05-20 11:30');

    const list = await (
      await t.request('GET', `/api/v1/supporters/${supporterId}/calendar-feeds`, { session: admin })
    ).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).not.toHaveProperty('token');
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
