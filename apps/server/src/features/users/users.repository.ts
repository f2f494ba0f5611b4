import { type TenantTx, tenants, users } from '@banso/db';
import type { UserId } from '@banso/shared';
import { and, asc, eq } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type TenantRow = typeof tenants.$inferSelect;

/** The users of the transaction's organisation, and the organisation's own row. */
export function createUsersRepository({ db, tenantId }: TenantTx) {
  return {
    async list(): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.email));
    },
    async find(id: UserId): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .limit(1);
      return row ?? null;
    },
    async findByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, email)))
        .limit(1);
      return row ?? null;
    },
    async insert(row: Omit<NewUser, 'tenantId'>): Promise<UserRow> {
      const [inserted] = await db
        .insert(users)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert user returned nothing');
      return inserted;
    },
    /** Optimistic update: null when the version no longer matches. */
    async update(id: UserId, version: number, patch: Partial<NewUser>): Promise<UserRow | null> {
      const [row] = await db
        .update(users)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.version, version)))
        .returning();
      return row ?? null;
    },
    async recordLogin(userId: UserId, at: Date): Promise<void> {
      await db
        .update(users)
        .set({ lastLoginAt: at })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
    },
    /** Creates the transaction's organisation (its id is the transaction's). */
    async insertTenant(row: Omit<typeof tenants.$inferInsert, 'id'>): Promise<TenantRow> {
      const [inserted] = await db
        .insert(tenants)
        .values({ ...row, id: tenantId })
        .returning();
      if (!inserted) throw new Error('insert tenant returned nothing');
      return inserted;
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
