import { apiTokens, type Database, sessions, tenants, users } from '@banso/db';
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';

export type TenantRow = typeof tenants.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export function createAuthRepository(db: Database) {
  return {
    /** The single organisation of a one-organisation deployment, else null. */
    async findOnlyTenant(): Promise<TenantRow | null> {
      const rows = await db.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(2);
      return rows.length === 1 ? (rows[0] ?? null) : null;
    },

    async recordLogin(tenantId: string, userId: string, at: Date): Promise<void> {
      await db
        .update(users)
        .set({ lastLoginAt: at })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    },

    async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(row);
    },

    async findSession(tenantId: string, tokenHash: string, now: Date) {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
        .where(
          and(
            eq(sessions.tenantId, tenantId),
            eq(sessions.tokenHash, tokenHash),
            gt(sessions.expiresAt, now),
          ),
        )
        .limit(1);
      return row ?? null;
    },

    async touchSession(tenantId: string, id: string, at: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    },

    async deleteSession(tenantId: string, tokenHash: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)));
    },

    async deleteUserSessions(tenantId: string, userId: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
    },

    async deleteExpiredSessions(now: Date): Promise<void> {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },

    async insertApiToken(row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
      const [inserted] = await db.insert(apiTokens).values(row).returning();
      if (!inserted) throw new Error('insert api token returned nothing');
      return inserted;
    },

    async findApiToken(tenantId: string, tokenHash: string, now: Date) {
      const [row] = await db
        .select({ token: apiTokens, user: users })
        .from(apiTokens)
        .innerJoin(
          users,
          and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)),
        )
        .where(
          and(
            eq(apiTokens.tenantId, tenantId),
            eq(apiTokens.tokenHash, tokenHash),
            isNull(apiTokens.revokedAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        )
        .limit(1);
      return row ?? null;
    },

    async touchApiToken(tenantId: string, id: string, at: Date): Promise<void> {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
    },

    async listApiTokens(tenantId: string, userId: string): Promise<ApiTokenRow[]> {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
        .orderBy(asc(apiTokens.createdAt));
    },

    async revokeApiToken(tenantId: string, userId: string, id: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(
          and(
            eq(apiTokens.tenantId, tenantId),
            eq(apiTokens.userId, userId),
            eq(apiTokens.id, id),
            isNull(apiTokens.revokedAt),
          ),
        )
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
