import { companies, type Database, followUps, supporters, visitMembers } from '@banso/db';
import { and, asc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  assignedSql,
  type FollowUpRow,
  type FollowUpWithNames,
  type NewFollowUpRow,
} from './visits.repository';

export interface FollowUpFilter {
  visitIds?: string[];
  ids?: string[];
  companyId?: string;
  assigneeId?: string;
  teamMemberId?: string;
  status?: string;
  /** Open and due before this day ('YYYY-MM-DD'). */
  overdueBefore?: string;
  assignedTo?: string;
}

export function createFollowUpsRepository(db: Database) {
  return {
    async list(tenantId: string, f: FollowUpFilter, limit = 10_000): Promise<FollowUpWithNames[]> {
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
      if (f.assignedTo)
        where.push(assignedSql(followUps.tenantId, followUps.companyId, f.assignedTo));
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

    async find(tenantId: string, id: string, assignedTo?: string) {
      const [row] = await this.list(tenantId, { ids: [id], ...(assignedTo ? { assignedTo } : {}) });
      return row ?? null;
    },

    async insertMany(rows: NewFollowUpRow[]): Promise<FollowUpRow[]> {
      if (rows.length === 0) return [];
      return db.insert(followUps).values(rows).returning();
    },

    async update(
      tenantId: string,
      id: string,
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
