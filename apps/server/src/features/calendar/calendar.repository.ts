import { calendarFeeds, type TenantTx } from '@banso/db';
import type { CalendarFeedId, SupporterId } from '@banso/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

/** The iCalendar feeds of the transaction's organisation. */
export function createCalendarRepository({ db, tenantId }: TenantTx) {
  return {
    async insert(
      row: Omit<typeof calendarFeeds.$inferInsert, 'tenantId'>,
    ): Promise<CalendarFeedRow> {
      const [inserted] = await db
        .insert(calendarFeeds)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert calendar feed returned nothing');
      return inserted;
    },

    async list(supporterId: SupporterId): Promise<CalendarFeedRow[]> {
      return db
        .select()
        .from(calendarFeeds)
        .where(
          and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.supporterId, supporterId)),
        )
        .orderBy(desc(calendarFeeds.createdAt));
    },

    async find(id: CalendarFeedId): Promise<CalendarFeedRow | null> {
      const [row] = await db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.id, id)));
      return row ?? null;
    },

    /** A live feed by (tenant, sha256 of the secret): a token never resolves in another tenant. */
    async findActiveByHash(tokenHash: string): Promise<CalendarFeedRow | null> {
      const [row] = await db
        .select()
        .from(calendarFeeds)
        .where(
          and(
            eq(calendarFeeds.tenantId, tenantId),
            eq(calendarFeeds.tokenHash, tokenHash),
            isNull(calendarFeeds.revokedAt),
          ),
        );
      return row ?? null;
    },

    async revoke(id: CalendarFeedId, at: Date): Promise<boolean> {
      const rows = await db
        .update(calendarFeeds)
        .set({ revokedAt: at })
        .where(
          and(
            eq(calendarFeeds.tenantId, tenantId),
            eq(calendarFeeds.id, id),
            isNull(calendarFeeds.revokedAt),
          ),
        )
        .returning({ id: calendarFeeds.id });
      return rows.length > 0;
    },

    async touch(id: CalendarFeedId, at: Date): Promise<void> {
      await db
        .update(calendarFeeds)
        .set({ lastUsedAt: at })
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.id, id)));
    },
  };
}
