import {
  apiTokens,
  type Database,
  loginThrottles,
  sessions,
  type TenantTx,
  tenants,
  transaction,
  users,
  withoutTenantScope,
} from '@banso/db';
import type { ApiTokenId, SessionId, TenantId, UserId } from '@banso/shared';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';

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

    async touchSession(id: SessionId, at: Date): Promise<void> {
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

    async deleteUserSessions(userId: UserId): Promise<void> {
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

    async touchApiToken(id: ApiTokenId, at: Date): Promise<void> {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: at })
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
    },

    async listApiTokens(userId: UserId): Promise<ApiTokenRow[]> {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.userId, userId)))
        .orderBy(asc(apiTokens.createdAt));
    },

    async revokeApiToken(userId: UserId, id: ApiTokenId, at: Date): Promise<boolean> {
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

    /** Accounts of this organisation blocked from signing in until a time after `now`, by e-mail. */
    async accountBlocks(now: Date): Promise<Map<string, Date>> {
      const rows = await db
        .select({ email: loginThrottles.email, until: loginThrottles.blockedUntil })
        .from(loginThrottles)
        .where(
          and(
            eq(loginThrottles.tenantId, tenantId),
            gt(loginThrottles.blockedUntil, now),
            sql`${loginThrottles.key} like 'acct:%'`,
          ),
        );
      const out = new Map<string, Date>();
      for (const r of rows) if (r.email && r.until) out.set(r.email, r.until);
      return out;
    },

    /** Ends every sign-in count of an account of this organisation (an administrator's unlock). */
    async clearSignInCounts(email: string): Promise<number> {
      const rows = await db
        .delete(loginThrottles)
        .where(and(eq(loginThrottles.tenantId, tenantId), eq(loginThrottles.email, email)))
        .returning({ key: loginThrottles.key });
      return rows.length;
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
export function findSession(db: Database, tenantId: TenantId, tokenHash: string, now: Date) {
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

export function findApiToken(db: Database, tenantId: TenantId, tokenHash: string, now: Date) {
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

/** One counter of failed sign-ins as stored (see loginThrottles). */
export type LoginThrottleRow = typeof loginThrottles.$inferSelect;

/**
 * Sign-in throttling happens before anyone acts (and for organisations that may not exist), so
 * its counters are read and written as maintenance, keyed by what the attempt named.
 */
export const readLoginThrottles = (db: Database, keys: string[]) =>
  withoutTenantScope(db, 'sign-in throttling: before anyone acts', (root) =>
    root.select().from(loginThrottles).where(inArray(loginThrottles.key, keys)),
  );

/**
 * Counts one failure on each key (a count older than `forgetBefore` starts again at one) and
 * stores the block that follows from the new count (`blockFor`, seconds; 0: none). Returns the
 * counts and blocks as stored.
 */
export const recordLoginFailures = (
  db: Database,
  now: Date,
  forgetBefore: Date,
  counters: {
    key: string;
    tenantId: string | null;
    email: string | null;
    address: string;
    blockFor: (failures: number) => number;
  }[],
) =>
  withoutTenantScope(db, 'sign-in throttling: count a failure', (root) =>
    transaction(root, async (tx) => {
      const stored: { key: string; failures: number; blockedUntil: Date | null }[] = [];
      for (const c of counters) {
        const [row] = await tx
          .insert(loginThrottles)
          .values({
            key: c.key,
            tenantId: c.tenantId,
            email: c.email,
            address: c.address,
            failures: 1,
            lastFailedAt: now,
          })
          .onConflictDoUpdate({
            target: loginThrottles.key,
            set: {
              failures: sql`case when ${loginThrottles.lastFailedAt} < ${forgetBefore} then 1 else ${loginThrottles.failures} + 1 end`,
              lastFailedAt: now,
            },
          })
          .returning({ failures: loginThrottles.failures });
        const failures = row?.failures ?? 1;
        const seconds = c.blockFor(failures);
        const blockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
        await tx.update(loginThrottles).set({ blockedUntil }).where(eq(loginThrottles.key, c.key));
        stored.push({ key: c.key, failures, blockedUntil });
      }
      return stored;
    }),
  );

/** A correct password: the account's and the pair's counts end. */
export const clearLoginThrottles = (db: Database, keys: string[]) =>
  withoutTenantScope(db, 'sign-in throttling: a correct password', async (root) => {
    await root.delete(loginThrottles).where(inArray(loginThrottles.key, keys));
  });
