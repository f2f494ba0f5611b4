import {
  apiTokens,
  type Database,
  sessions,
  type TenantTx,
  tenants,
  users,
  withoutTenantScope,
} from '@banso/db';
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/**
 * Sessions and API tokens of the transaction's organisation. A credential names its
 * organisation (`<tenant>.<secret>`, `bns_<tenant>_<secret>`), so even the lookup that
 * authenticates a request runs inside that organisation's scope.
 */
export function createAuthRepository({ db, tenantId }: TenantTx) {
  return {
    async insertSession(row: Omit<typeof sessions.$inferInsert, 'tenantId'>): Promise<void> {
      await db.insert(sessions).values({ ...row, tenantId });
    },

    async touchSession(id: string, at: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.tokenHash, tokenHash)));
    },

    async deleteUserSessions(userId: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
    },

    async insertApiToken(
      row: Omit<typeof apiTokens.$inferInsert, 'tenantId'>,
    ): Promise<ApiTokenRow> {
      const [inserted] = await db
        .insert(apiTokens)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert api token returned nothing');
      return inserted;
    },

    async touchApiToken(id: string, at: Date): Promise<void> {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
    },

    async listApiTokens(userId: string): Promise<ApiTokenRow[]> {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
        .orderBy(asc(apiTokens.createdAt));
    },

    async revokeApiToken(userId: string, id: string, at: Date): Promise<boolean> {
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

/** Maintenance across organisations: expired sessions go, whoever they belonged to. */
export const deleteExpiredSessions = (db: Database, now: Date) =>
  withoutTenantScope(db, 'purge expired sessions', async (root) => {
    await root.delete(sessions).where(lt(sessions.expiresAt, now));
  });

/**
 * Authentication happens before anyone acts, so it is the one organisation lookup made as
 * maintenance (one statement instead of a scoped transaction on every request): the credential
 * names its organisation and the query is keyed by (organisation, sha256 of the secret), so it
 * can only ever find that organisation's row, and only with the secret.
 */
export function findSession(db: Database, tenantId: string, tokenHash: string, now: Date) {
  return withoutTenantScope(
    db,
    'authenticate: the credential names its organisation',
    async (root) => {
      const [row] = await root
        .select({ session: sessions, user: users, tenant: tenants })
        .from(sessions)
        .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
        .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
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
  );
}

export function findApiToken(db: Database, tenantId: string, tokenHash: string, now: Date) {
  return withoutTenantScope(
    db,
    'authenticate: the credential names its organisation',
    async (root) => {
      const [row] = await root
        .select({ token: apiTokens, user: users, tenant: tenants })
        .from(apiTokens)
        .innerJoin(
          users,
          and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)),
        )
        .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
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
  );
}
