import {
  companies,
  companyAssignments,
  companyFlags,
  type followUps,
  supporters,
  type TenantTx,
  users,
  visitIssues,
  visitMembers,
  visits,
} from '@banso/db';
import type { CompanyId, SupporterId, UserId, VisitId } from '@banso/shared';
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisitRow = typeof visits.$inferInsert;
export type VisitIssueRow = typeof visitIssues.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
export type NewFollowUpRow = typeof followUps.$inferInsert;
export type VisitWithCompany = VisitRow & { companyName: string; companyAddress: string | null };
export interface MemberRow {
  visitId: VisitId;
  supporterId: SupporterId;
  role: string;
  name: string;
  kind: string;
  organization: string | null;
}
export type FollowUpWithNames = FollowUpRow & {
  companyName: string;
  assigneeName: string | null;
  assigneeKind: string | null;
};

export interface VisitFilter {
  companyId?: CompanyId;
  supporterId?: SupporterId;
  status?: string;
  kind?: string;
  from?: string;
  to?: string;
}

/** `exists` over company_assignments for a table with (tenant_id, company_id). */
export const assignedSql = (tenantCol: unknown, companyCol: unknown, userId: UserId) =>
  sql`exists (select 1 from ${companyAssignments} a where a.tenant_id = ${tenantCol} and a.company_id = ${companyCol} and a.user_id = ${userId})`;

const visitSelect = {
  visit: visits,
  companyName: companies.name,
  companyAddress: companies.address,
};

/**
 * Visits (訪問記録), their teams and issues, and the planner flags of the transaction's
 * organisation. For a partner (`t.assignedTo`) every read of company-linked rows keeps to the
 * companies assigned to them.
 */
export function createVisitsRepository(t: TenantTx) {
  const { db, tenantId, assignedTo } = t;
  /** The partner scope over a table with (tenant_id, company_id); none for the organisation. */
  const scoped = (tenantCol: unknown, companyCol: unknown): SQL[] =>
    assignedTo ? [assignedSql(tenantCol, companyCol, assignedTo)] : [];
  const withCompany = () =>
    db
      .select(visitSelect)
      .from(visits)
      .innerJoin(
        companies,
        and(eq(companies.tenantId, visits.tenantId), eq(companies.id, visits.companyId)),
      );
  const flat = (r: { visit: VisitRow; companyName: string; companyAddress: string | null }) => ({
    ...r.visit,
    companyName: r.companyName,
    companyAddress: r.companyAddress,
  });

  return {
    async find(id: VisitId): Promise<VisitWithCompany | null> {
      const where: SQL[] = [
        eq(visits.tenantId, tenantId),
        eq(visits.id, id),
        ...scoped(visits.tenantId, visits.companyId),
      ];
      const [row] = await withCompany()
        .where(and(...where))
        .limit(1);
      return row ? flat(row) : null;
    },

    async list(f: VisitFilter, order: 'asc' | 'desc', limit: number): Promise<VisitWithCompany[]> {
      const where: SQL[] = [eq(visits.tenantId, tenantId)];
      if (f.companyId) where.push(eq(visits.companyId, f.companyId));
      if (f.status) where.push(eq(visits.status, f.status));
      if (f.kind) where.push(eq(visits.kind, f.kind));
      if (f.from) where.push(gte(visits.localDate, f.from));
      if (f.to) where.push(lte(visits.localDate, f.to));
      if (f.supporterId) {
        where.push(
          sql`exists (select 1 from ${visitMembers} m where m.tenant_id = ${visits.tenantId} and m.visit_id = ${visits.id} and m.supporter_id = ${f.supporterId})`,
        );
      }
      where.push(...scoped(visits.tenantId, visits.companyId));
      const dir = order === 'asc' ? asc : desc;
      const rows = await withCompany()
        .where(and(...where))
        .orderBy(dir(visits.startsAt), dir(visits.id))
        .limit(limit);
      return rows.map(flat);
    },

    async insert(row: Omit<NewVisitRow, 'tenantId'>): Promise<VisitRow> {
      const [inserted] = await db
        .insert(visits)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert visit returned nothing');
      return inserted;
    },

    async update(
      id: VisitId,
      version: number,
      patch: Partial<NewVisitRow>,
    ): Promise<VisitRow | null> {
      const [row] = await db
        .update(visits)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(visits.tenantId, tenantId), eq(visits.id, id), eq(visits.version, version)))
        .returning();
      return row ?? null;
    },

    async members(visitIds: VisitId[]): Promise<MemberRow[]> {
      if (visitIds.length === 0) return [];
      return db
        .select({
          visitId: visitMembers.visitId,
          supporterId: visitMembers.supporterId,
          role: visitMembers.role,
          name: supporters.name,
          kind: supporters.kind,
          organization: supporters.organization,
        })
        .from(visitMembers)
        .innerJoin(
          supporters,
          and(
            eq(supporters.tenantId, visitMembers.tenantId),
            eq(supporters.id, visitMembers.supporterId),
          ),
        )
        .where(
          and(
            eq(visitMembers.tenantId, tenantId),
            inArray(visitMembers.visitId, visitIds),
            ...(assignedTo
              ? [
                  sql`exists (select 1 from ${visits} v where v.tenant_id = ${visitMembers.tenantId} and v.id = ${visitMembers.visitId} and ${assignedSql(sql`v.tenant_id`, sql`v.company_id`, assignedTo)})`,
                ]
              : []),
          ),
        )
        .orderBy(asc(visitMembers.role), asc(supporters.nameKana), asc(supporters.name));
    },

    async replaceMembers(
      visitId: VisitId,
      team: { supporterId: SupporterId; role: string }[],
    ): Promise<void> {
      await db
        .delete(visitMembers)
        .where(and(eq(visitMembers.tenantId, tenantId), eq(visitMembers.visitId, visitId)));
      if (team.length > 0)
        await db.insert(visitMembers).values(team.map((m) => ({ tenantId, visitId, ...m })));
    },

    async issues(visitIds: VisitId[]): Promise<VisitIssueRow[]> {
      if (visitIds.length === 0) return [];
      return db
        .select()
        .from(visitIssues)
        .where(
          and(
            eq(visitIssues.tenantId, tenantId),
            inArray(visitIssues.visitId, visitIds),
            ...scoped(visitIssues.tenantId, visitIssues.companyId),
          ),
        )
        .orderBy(asc(visitIssues.position));
    },

    async replaceIssues(visitId: VisitId, rows: Omit<VisitIssueRow, 'tenantId'>[]): Promise<void> {
      await db
        .delete(visitIssues)
        .where(and(eq(visitIssues.tenantId, tenantId), eq(visitIssues.visitId, visitId)));
      if (rows.length > 0)
        await db.insert(visitIssues).values(rows.map((r) => ({ ...r, tenantId })));
    },

    /** Open (unresolved) issue categories of a company, across all its visits. */
    async openIssueCategories(companyId: CompanyId): Promise<string[]> {
      const rows = await db
        .selectDistinct({ category: visitIssues.category })
        .from(visitIssues)
        .where(
          and(
            eq(visitIssues.tenantId, tenantId),
            eq(visitIssues.companyId, companyId),
            sql`${visitIssues.resolvedOn} is null`,
            ...scoped(visitIssues.tenantId, visitIssues.companyId),
          ),
        )
        .orderBy(asc(visitIssues.category));
      return rows.map((r) => r.category);
    },

    async companyIssues(companyId: CompanyId) {
      return db
        .select({ issue: visitIssues, startsAt: visits.startsAt, localDate: visits.localDate })
        .from(visitIssues)
        .innerJoin(
          visits,
          and(eq(visits.tenantId, visitIssues.tenantId), eq(visits.id, visitIssues.visitId)),
        )
        .where(
          and(
            eq(visitIssues.tenantId, tenantId),
            eq(visitIssues.companyId, companyId),
            ...scoped(visitIssues.tenantId, visitIssues.companyId),
          ),
        )
        .orderBy(desc(visits.startsAt), asc(visitIssues.position));
    },

    // ── flags ──

    async findFlag(companyId: CompanyId) {
      const [row] = await db
        .select({ flag: companyFlags, supporter: supporters })
        .from(companyFlags)
        .leftJoin(
          supporters,
          and(
            eq(supporters.tenantId, companyFlags.tenantId),
            eq(supporters.id, companyFlags.supporterId),
          ),
        )
        .where(
          and(
            eq(companyFlags.tenantId, tenantId),
            eq(companyFlags.companyId, companyId),
            ...scoped(companyFlags.tenantId, companyFlags.companyId),
          ),
        );
      return row ?? null;
    },

    async upsertFlag(row: Omit<typeof companyFlags.$inferInsert, 'tenantId'>): Promise<void> {
      await db
        .insert(companyFlags)
        .values({ ...row, tenantId })
        .onConflictDoUpdate({
          target: [companyFlags.tenantId, companyFlags.companyId],
          set: {
            note: row.note ?? null,
            supporterId: row.supporterId ?? null,
            createdAt: row.createdAt ?? new Date(),
            createdBy: row.createdBy ?? null,
            createdByLabel: row.createdByLabel,
          },
        });
    },

    async deleteFlag(companyId: CompanyId): Promise<boolean> {
      const rows = await db
        .delete(companyFlags)
        .where(and(eq(companyFlags.tenantId, tenantId), eq(companyFlags.companyId, companyId)))
        .returning({ companyId: companyFlags.companyId });
      return rows.length > 0;
    },

    /** The user's display name, for flags set by someone without a supporter record. */
    async userLabel(userId: UserId): Promise<string | null> {
      const [row] = await db
        .select({ name: users.displayName })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
      return row?.name ?? null;
    },
  };
}
export type VisitsRepository = ReturnType<typeof createVisitsRepository>;
