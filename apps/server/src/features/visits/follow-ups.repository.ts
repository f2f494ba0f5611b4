import { companies, followUps, supporters, type TenantTx, visitMembers } from '@banso/db';
import type { CompanyId, FollowUpId, SupporterId, VisitId } from '@banso/shared';
import { and, asc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  assignedSql,
  type FollowUpRow,
  type FollowUpWithNames,
  type NewFollowUpRow,
} from './visits.repository';

export interface FollowUpFilter {
  visitIds?: VisitId[];
  ids?: FollowUpId[];
  companyId?: CompanyId;
  assigneeId?: SupporterId;
  teamMemberId?: SupporterId;
  status?: string;
  /** Open and due before this day ('YYYY-MM-DD'). */
  overdueBefore?: string;
}

/**
 * The follow-ups (宿題) of the transaction's organisation; for a partner (`t.assignedTo`) only
 * those of the companies assigned to them.
 */
export function createFollowUpsRepository({ db, tenantId, assignedTo }: TenantTx) {
  return {
    async list(f: FollowUpFilter, limit = 10_000): Promise<FollowUpWithNames[]> {
      const where: SQL[] = [eq(followUps.tenantId, tenantId)];
      if (f.visitIds) {
        if (f.visitIds.length === 0) return [];
        where.push(inArray(followUps.visitId, f.visitIds));
      }
      if (f.ids) where.push(inArray(followUps.id, f.ids));
      if (f.companyId) where.push(eq(followUps.companyId, f.companyId));
      if (f.assigneeId) where.push(eq(followUps.assigneeId, f.assigneeId));
      if (f.status) where.push(eq(followUps.status, f.status));
      if (f.overdueBefore) {
        where.push(eq(followUps.status, 'open'));
        where.push(lt(followUps.dueOn, f.overdueBefore));
      }
      if (f.teamMemberId) {
        where.push(
          sql`exists (select 1 from ${visitMembers} m where m.tenant_id = ${followUps.tenantId} and m.visit_id = ${followUps.visitId} and m.supporter_id = ${f.teamMemberId})`,
        );
      }
      if (assignedTo) where.push(assignedSql(followUps.tenantId, followUps.companyId, assignedTo));
      const rows = await db
        .select({
          followUp: followUps,
          companyName: companies.name,
          assigneeName: supporters.name,
          assigneeKind: supporters.kind,
        })
        .from(followUps)
        .innerJoin(
          companies,
          and(eq(companies.tenantId, followUps.tenantId), eq(companies.id, followUps.companyId)),
        )
        .leftJoin(
          supporters,
          and(eq(supporters.tenantId, followUps.tenantId), eq(supporters.id, followUps.assigneeId)),
        )
        .where(and(...where))
        .orderBy(
          sql`${followUps.dueOn} asc nulls last`,
          asc(followUps.createdAt),
          asc(followUps.id),
        )
        .limit(limit);
      return rows.map((r) => ({
        ...r.followUp,
        companyName: r.companyName,
        assigneeName: r.assigneeName,
        assigneeKind: r.assigneeKind,
      }));
    },

    async find(id: FollowUpId): Promise<FollowUpWithNames | null> {
      const [row] = await this.list({ ids: [id] });
      return row ?? null;
    },

    async insertMany(rows: Omit<NewFollowUpRow, 'tenantId'>[]): Promise<FollowUpRow[]> {
      if (rows.length === 0) return [];
      return db
        .insert(followUps)
        .values(rows.map((r) => ({ ...r, tenantId })))
        .returning();
    },

    async update(
      id: FollowUpId,
      version: number,
      patch: Partial<NewFollowUpRow>,
    ): Promise<FollowUpRow | null> {
      const [row] = await db
        .update(followUps)
        .set({ ...patch, version: version + 1 })
        .where(
          and(
            eq(followUps.tenantId, tenantId),
            eq(followUps.id, id),
            eq(followUps.version, version),
          ),
        )
        .returning();
      return row ?? null;
    },
  };
}
