import { calendarFeeds, type Database } from '@banso/db';
import { and, desc, eq, isNull } from 'drizzle-orm';

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

export function createCalendarRepository(db: Database) {
  return {
    async insert(row: typeof calendarFeeds.$inferInsert): Promise<CalendarFeedRow> {
      const [inserted] = await db.insert(calendarFeeds).values(row).returning();
      if (!inserted) throw new Error('insert calendar feed returned nothing');
      return inserted;
    },

    async list(tenantId: string, supporterId: string): Promise<CalendarFeedRow[]> {
      return db
        .select()
        .from(calendarFeeds)
        .where(
          and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.supporterId, supporterId)),
        )
        .orderBy(desc(calendarFeeds.createdAt));
    },

    async find(tenantId: string, id: string): Promise<CalendarFeedRow | null> {
      const [row] = await db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.id, id)));
      return row ?? null;
    },

    /** A live feed by (tenant, sha256 of the secret): a token never resolves in another tenant. */
    async findActiveByHash(tenantId: string, tokenHash: string): Promise<CalendarFeedRow | null> {
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

    async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
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

    async touch(tenantId: string, id: string, at: Date): Promise<void> {
      await db
        .update(calendarFeeds)
        .set({ lastUsedAt: at })
        .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.id, id)));
    },
  };
}
