import type { Database, TenantTx } from '@banso/db';
import { CalendarFeedId, localDateOf, type SupporterId, TenantId, VISIT_KIND } from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import { type Actor, systemActor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize, can } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { dashedUuid, randomSecret, sha256 } from '../auth/secrets';
import { createSupportersRepository } from '../supporters/supporters.repository';
import { createVisitsRepository } from '../visits/visits.repository';
import { createCalendarRepository } from './calendar.repository';
import { buildCalendar, type CalendarEvent } from './ical';

/** Feed token: `cal_<tenant id without dashes>_<secret>`; only sha256(secret) is stored. */
export function formatFeedToken(tenantId: TenantId, secret: string): string {
  return `cal_${tenantId.replaceAll('-', '')}_${secret}`;
}

export function parseFeedToken(value: string): { tenantId: TenantId; secret: string } | null {
  const match = /^cal_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const tenantId = TenantId.safeParse(dashedUuid(match[1]));
  return tenantId.success ? { tenantId: tenantId.data, secret: match[2] } : null;
}

/** How far back the feed keeps visits, so a visit just held stays in the calendar. */
const PAST_DAYS = 60;
const DEFAULT_MINUTES = 120;

export function createCalendarService(deps: { db: Database; now: () => Date }) {
  /** Writers manage any supporter's feeds; anyone may manage the feeds of their own supporter. */
  async function supporterFor(tx: TenantTx, actor: Actor, supporterId: SupporterId) {
    const supporter = await createSupportersRepository(tx).find(supporterId);
    if (!supporter) throw notFound('supporter');
    if (!can(actor, 'calendar:manage') && supporter.userId !== actor.userId)
      throw new AppError('forbidden', { log: 'not your calendar' });
    return supporter;
  }

  return {
    async list(actor: Actor, supporterId: SupporterId) {
      // A feed shows the supporter's visits; beyond that, supporterFor decides.
      authorize(actor, 'visits:read');
      return asActor(deps.db, actor, async (tx) => {
        await supporterFor(tx, actor, supporterId);
        return createCalendarRepository(tx).list(supporterId);
      });
    },

    async create(actor: Actor, supporterId: SupporterId) {
      authorize(actor, 'visits:read');
      const secret = randomSecret();
      const row = await asActor(deps.db, actor, async (tx) => {
        await supporterFor(tx, actor, supporterId);
        const inserted = await createCalendarRepository(tx).insert({
          id: newId(CalendarFeedId),
          supporterId,
          tokenHash: sha256(secret),
          tokenPrefix: secret.slice(0, 6),
          createdAt: deps.now(),
          createdBy: actor.userId,
        });
        await insertAudit(tx, actor, [
          {
            action: 'create',
            entity: 'calendar_feed',
            entityId: inserted.id,
            changes: { supporterId: { before: null, after: supporterId } },
          },
        ]);
        return inserted;
      });
      const token = formatFeedToken(actor.tenantId, secret);
      return { row, token, path: `/api/v1/calendar/${token}.ics` };
    },

    async revoke(actor: Actor, id: CalendarFeedId) {
      authorize(actor, 'visits:read');
      await asActor(deps.db, actor, async (tx) => {
        const feeds = createCalendarRepository(tx);
        const feed = await feeds.find(id);
        if (!feed) throw notFound('calendar_feed');
        await supporterFor(tx, actor, feed.supporterId);
        if (!(await feeds.revoke(id, deps.now()))) throw notFound('calendar_feed');
        await insertAudit(tx, actor, [
          {
            action: 'revoke',
            entity: 'calendar_feed',
            entityId: id,
            changes: { revokedAt: { before: null, after: deps.now().toISOString() } },
          },
        ]);
      });
    },

    /**
     * The .ics text for a feed token, or null when the token is unknown or revoked. No user is
     * signed in (the token is the secret): it reads as the system of the token's organisation.
     */
    async render(token: string): Promise<string | null> {
      const parsed = parseFeedToken(token);
      if (!parsed) return null;
      const found = await asActor(
        deps.db,
        systemActor(parsed.tenantId, 'calendar feed'),
        async (tx) => {
          const feeds = createCalendarRepository(tx);
          const feed = await feeds.findActiveByHash(sha256(parsed.secret));
          if (!feed) return null;
          const supporter = await createSupportersRepository(tx).find(feed.supporterId);
          if (!supporter) return null;
          const now = deps.now();
          if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > 60_000)
            await feeds.touch(feed.id, now);
          const visits = createVisitsRepository(tx);
          const from = localDateOf(new Date(now.getTime() - PAST_DAYS * 86_400_000));
          const rows = await visits.list({ supporterId: supporter.id, from }, 'asc', 2000);
          const members = await visits.members(rows.map((r) => r.id));
          return { supporter, rows, members };
        },
      );
      if (!found) return null;
      const { supporter, rows, members } = found;
      const events: CalendarEvent[] = rows.map((v) => {
        const team = members
          .filter((m) => m.visitId === v.id)
          .map((m) => (m.role === 'lead' ? `${m.name}（リーダー）` : m.name));
        const description = [
          v.purpose ? `目的: ${v.purpose}` : null,
          team.length ? `チーム: ${team.join('、')}` : null,
          v.status === 'completed' ? '記録済み' : null,
        ]
          .filter(Boolean)
          .join('\n');
        return {
          uid: `${v.id}@banso`,
          start: v.startsAt,
          end: v.endsAt ?? new Date(v.startsAt.getTime() + DEFAULT_MINUTES * 60_000),
          stamp: v.updatedAt,
          sequence: v.version,
          summary: `${v.companyName} — ${VISIT_KIND.labelOf(v.kind, 'ja')}`,
          location: v.location ?? v.companyAddress,
          description: description || null,
          status: 'CONFIRMED',
        };
      });
      return buildCalendar({ name: `${supporter.name} の訪問予定（伴走）`, events });
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
