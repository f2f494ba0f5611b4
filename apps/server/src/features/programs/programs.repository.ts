import { kpis, programs, type TenantTx } from '@banso/db';
import type { KpiId, ProgramId } from '@banso/shared';
import { and, asc, eq, gte, inArray, isNull, lte, type SQL } from 'drizzle-orm';

export type ProgramRow = typeof programs.$inferSelect;
export type NewProgramRow = typeof programs.$inferInsert;
export type KpiRow = typeof kpis.$inferSelect;
export type NewKpiRow = typeof kpis.$inferInsert;

export interface ProgramFilter {
  /** Only programs whose period includes this fiscal year. */
  fy?: number;
  includeArchived?: boolean;
  ids?: ProgramId[];
  codes?: string[];
}

/** The programs (事業) and KPIs of the transaction's organisation. */
export function createProgramsRepository(t: TenantTx) {
  const { db, tenantId } = t;
  return {
    async list(filter: ProgramFilter = {}): Promise<ProgramRow[]> {
      const where: SQL[] = [eq(programs.tenantId, tenantId)];
      if (!filter.includeArchived) where.push(isNull(programs.archivedAt));
      if (filter.fy !== undefined) {
        where.push(lte(programs.fromFy, filter.fy), gte(programs.toFy, filter.fy));
      }
      if (filter.ids) where.push(inArray(programs.id, filter.ids));
      if (filter.codes) where.push(inArray(programs.code, filter.codes));
      return db
        .select()
        .from(programs)
        .where(and(...where))
        .orderBy(
          asc(programs.sortOrder),
          asc(programs.fromFy),
          asc(programs.name),
          asc(programs.id),
        );
    },

    async find(id: ProgramId): Promise<ProgramRow | null> {
      const [row] = await db
        .select()
        .from(programs)
        .where(and(eq(programs.tenantId, tenantId), eq(programs.id, id)))
        .limit(1);
      return row ?? null;
    },

    async findByCode(code: string): Promise<ProgramRow | null> {
      const [row] = await db
        .select()
        .from(programs)
        .where(and(eq(programs.tenantId, tenantId), eq(programs.code, code)))
        .limit(1);
      return row ?? null;
    },

    async insert(row: Omit<NewProgramRow, 'tenantId'>): Promise<ProgramRow> {
      const [inserted] = await db
        .insert(programs)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert program returned nothing');
      return inserted;
    },

    /** Optimistic update: null when the version no longer matches (nothing changed). */
    async update(
      id: ProgramId,
      version: number,
      patch: Partial<Omit<NewProgramRow, 'tenantId'>>,
    ): Promise<ProgramRow | null> {
      const [row] = await db
        .update(programs)
        .set({ ...patch, version: version + 1 })
        .where(
          and(eq(programs.tenantId, tenantId), eq(programs.id, id), eq(programs.version, version)),
        )
        .returning();
      return row ?? null;
    },

    async listKpis(programIds: ProgramId[]): Promise<KpiRow[]> {
      if (programIds.length === 0) return [];
      return db
        .select()
        .from(kpis)
        .where(and(eq(kpis.tenantId, tenantId), inArray(kpis.programId, programIds)))
        .orderBy(asc(kpis.programId), asc(kpis.sortOrder), asc(kpis.createdAt), asc(kpis.id));
    },

    async findKpi(id: KpiId): Promise<KpiRow | null> {
      const [row] = await db
        .select()
        .from(kpis)
        .where(and(eq(kpis.tenantId, tenantId), eq(kpis.id, id)))
        .limit(1);
      return row ?? null;
    },

    async insertKpi(row: Omit<NewKpiRow, 'tenantId'>): Promise<KpiRow> {
      const [inserted] = await db
        .insert(kpis)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert kpi returned nothing');
      return inserted;
    },

    async updateKpi(
      id: KpiId,
      version: number,
      patch: Partial<Omit<NewKpiRow, 'tenantId'>>,
    ): Promise<KpiRow | null> {
      const [row] = await db
        .update(kpis)
        .set({ ...patch, version: version + 1 })
        .where(and(eq(kpis.tenantId, tenantId), eq(kpis.id, id), eq(kpis.version, version)))
        .returning();
      return row ?? null;
    },

    async deleteKpi(id: KpiId, version: number): Promise<KpiRow | null> {
      const [row] = await db
        .delete(kpis)
        .where(and(eq(kpis.tenantId, tenantId), eq(kpis.id, id), eq(kpis.version, version)))
        .returning();
      return row ?? null;
    },
  };
}
export type ProgramsRepository = ReturnType<typeof createProgramsRepository>;
