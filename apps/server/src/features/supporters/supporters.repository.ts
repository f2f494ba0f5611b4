import {
  escapeLike,
  issueCategories,
  supporters,
  type TenantTx,
  users,
  visitMembers,
  visits,
  visitTargets,
} from '@banso/db';
import type { CompanyId, SupporterId, UserId } from '@banso/shared';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';

export type SupporterRow = typeof supporters.$inferSelect;
export type NewSupporterRow = typeof supporters.$inferInsert;
export type SupporterWithUser = SupporterRow & { userDisplayName: string | null };
export type IssueCategoryRow = typeof issueCategories.$inferSelect;

export interface SupporterFilter {
  q?: string;
  kind?: string;
  expertise?: string;
  active?: boolean;
}

const withUser = {
  supporter: supporters,
  userDisplayName: users.displayName,
};

function joinUser<T extends { supporter: SupporterRow; userDisplayName: string | null }>(
  r: T,
): SupporterWithUser {
  return { ...r.supporter, userDisplayName: r.userDisplayName };
}

/** The supporters (支援者), the issue taxonomy and the visit targets of the transaction's organisation. */
export function createSupportersRepository({ db, tenantId }: TenantTx) {
  const base = () =>
    db
      .select(withUser)
      .from(supporters)
      .leftJoin(
        users,
        and(eq(users.tenantId, supporters.tenantId), eq(users.id, supporters.userId)),
      );

  return {
    async list(f: SupporterFilter): Promise<SupporterWithUser[]> {
      const where: SQL[] = [eq(supporters.tenantId, tenantId)];
      if (f.q?.trim()) {
        const q = `%${escapeLike(f.q.trim())}%`;
        where.push(
          or(
            ilike(supporters.name, q),
            ilike(supporters.nameKana, q),
            ilike(supporters.organization, q),
          ) as SQL,
        );
      }
      if (f.kind) where.push(eq(supporters.kind, f.kind));
      if (f.expertise) where.push(sql`${f.expertise} = any(${supporters.expertise})`);
      if (f.active !== undefined) where.push(eq(supporters.active, f.active));
      const rows = await base()
        .where(and(...where))
        .orderBy(asc(supporters.nameKana), asc(supporters.name), asc(supporters.id));
      return rows.map(joinUser);
    },

    async find(id: SupporterId): Promise<SupporterWithUser | null> {
      const [row] = await base()
        .where(and(eq(supporters.tenantId, tenantId), eq(supporters.id, id)))
        .limit(1);
      return row ? joinUser(row) : null;
    },

    async findMany(ids: SupporterId[]): Promise<SupporterRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(supporters)
        .where(and(eq(supporters.tenantId, tenantId), inArray(supporters.id, ids)));
    },

    async findByUser(userId: UserId): Promise<SupporterRow | null> {
      const [row] = await db
        .select()
        .from(supporters)
        .where(and(eq(supporters.tenantId, tenantId), eq(supporters.userId, userId)))
        .limit(1);
      return row ?? null;
    },

    async insert(row: Omit<NewSupporterRow, 'tenantId'>): Promise<SupporterRow> {
      const [inserted] = await db
        .insert(supporters)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert supporter returned nothing');
      return inserted;
    },

    async update(
      id: SupporterId,
      version: number,
      patch: Partial<NewSupporterRow>,
    ): Promise<SupporterRow | null> {
      const [row] = await db
        .update(supporters)
        .set({ ...patch, version: version + 1 })
        .where(
          and(
            eq(supporters.tenantId, tenantId),
            eq(supporters.id, id),
            eq(supporters.version, version),
          ),
        )
        .returning();
      return row ?? null;
    },

    /**
     * The roster for a team proposal in one query: every active supporter with the visits
     * planned for them in [monthStart, monthEnd] and their earlier visits to the company.
     */
    async roster(companyId: CompanyId, monthStart: string, monthEnd: string) {
      const rows = await db
        .select({
          supporter: supporters,
          planned:
            sql<number>`count(*) filter (where ${visits.localDate} between ${monthStart} and ${monthEnd})`.mapWith(
              Number,
            ),
          toCompany:
            sql<number>`count(*) filter (where ${visits.companyId} = ${companyId} and ${visits.status} = 'completed')`.mapWith(
              Number,
            ),
        })
        .from(supporters)
        .leftJoin(
          visitMembers,
          and(
            eq(visitMembers.tenantId, supporters.tenantId),
            eq(visitMembers.supporterId, supporters.id),
          ),
        )
        .leftJoin(
          visits,
          and(eq(visits.tenantId, visitMembers.tenantId), eq(visits.id, visitMembers.visitId)),
        )
        .where(and(eq(supporters.tenantId, tenantId), eq(supporters.active, true)))
        .groupBy(supporters.tenantId, supporters.id);
      return rows;
    },

    // ── taxonomy and targets ──

    async listCategories(): Promise<IssueCategoryRow[]> {
      return db
        .select()
        .from(issueCategories)
        .where(eq(issueCategories.tenantId, tenantId))
        .orderBy(asc(issueCategories.sortOrder), asc(issueCategories.name));
    },

    async replaceCategories(
      items: { name: string; finance: boolean; active: boolean }[],
    ): Promise<void> {
      await db.delete(issueCategories).where(eq(issueCategories.tenantId, tenantId));
      if (items.length === 0) return;
      await db
        .insert(issueCategories)
        .values(items.map((c, i) => ({ tenantId, ...c, sortOrder: i })))
        .onConflictDoNothing();
    },

    async findTarget(fiscalYear: number): Promise<number | null> {
      const [row] = await db
        .select({ target: visitTargets.target })
        .from(visitTargets)
        .where(and(eq(visitTargets.tenantId, tenantId), eq(visitTargets.fiscalYear, fiscalYear)));
      return row?.target ?? null;
    },

    async listTargets() {
      return db
        .select()
        .from(visitTargets)
        .where(eq(visitTargets.tenantId, tenantId))
        .orderBy(asc(visitTargets.fiscalYear));
    },

    async upsertTarget(
      fiscalYear: number,
      target: number,
      by: UserId | null,
      at: Date,
    ): Promise<number | null> {
      const before = await this.findTarget(fiscalYear);
      await db
        .insert(visitTargets)
        .values({ tenantId, fiscalYear, target, updatedAt: at, updatedBy: by })
        .onConflictDoUpdate({
          target: [visitTargets.tenantId, visitTargets.fiscalYear],
          set: { target, updatedAt: at, updatedBy: by },
        });
      return before;
    },
  };
}
export type SupportersRepository = ReturnType<typeof createSupportersRepository>;
