import { type Database, tenants, users } from '@banso/db';
import { and, asc, eq } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export function createUsersRepository(db: Database) {
  return {
    async list(tenantId: string): Promise<UserRow[]> {
      return db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.email));
    },
    async find(tenantId: string, id: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
        .limit(1);
      return row ?? null;
    },
    async findByEmail(tenantId: string, email: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.email, email)))
        .limit(1);
      return row ?? null;
    },
    async insert(row: NewUser): Promise<UserRow> {
      const [inserted] = await db.insert(users).values(row).returning();
      if (!inserted) throw new Error('insert user returned nothing');
      return inserted;
    },
    /** Optimistic update: null when the version no longer matches. */
    async update(
      tenantId: string,
      id: string,
      version: number,
      patch: Partial<NewUser>,
    ): Promise<UserRow | null> {
      const [row] = await db
        .update(users)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(users.tenantId, tenantId), eq(users.id, id), eq(users.version, version)))
        .returning();
      return row ?? null;
    },
    async insertTenant(row: typeof tenants.$inferInsert) {
      const [inserted] = await db.insert(tenants).values(row).returning();
      if (!inserted) throw new Error('insert tenant returned nothing');
      return inserted;
    },
    async findTenantBySlug(slug: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return row ?? null;
    },
    async findTenantById(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
      return row ?? null;
    },
    async listTenants() {
      return db.select().from(tenants).orderBy(asc(tenants.createdAt));
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
