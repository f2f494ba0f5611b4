import {
  companies,
  companyAssignments,
  listings,
  matchDecisions,
  matches,
  programs,
  supporters,
  type TenantTx,
} from '@banso/db';
import type { CompanyId, ListingId, MatchId, ProgramId, SupporterId } from '@banso/shared';
import { and, asc, desc, eq, isNotNull, or, type SQL, sql } from 'drizzle-orm';

export type MatchRow = typeof matches.$inferSelect;
export type NewMatchRow = typeof matches.$inferInsert;
export type MatchWithNames = MatchRow & {
  listingTitle: string;
  listingKind: string;
  holderName: string | null;
  companyName: string;
  coordinatorName: string | null;
  programName: string | null;
};

export interface MatchFilter {
  stage?: string;
  status?: string;
  listingId?: ListingId;
  companyId?: CompanyId;
  programId?: ProgramId;
}

const holder = sql<
  string | null
>`coalesce((select h.name from ${companies} h where h.tenant_id = ${listings.tenantId} and h.id = ${listings.holderCompanyId}), ${listings.holderName})`;

/** The organisation's matches; for a partner, only those of companies assigned to them (built in). */
function scopeOf(t: TenantTx): SQL[] {
  const where: SQL[] = [eq(matches.tenantId, t.tenantId)];
  if (t.assignedTo) {
    where.push(
      sql`exists (select 1 from ${companyAssignments} a where a.tenant_id = ${matches.tenantId} and a.company_id = ${matches.companyId} and a.user_id = ${t.assignedTo})`,
    );
  }
  return where;
}

/** A company of the organisation; for a partner, only one assigned to them. */
function companyScope(t: TenantTx): SQL[] {
  const where: SQL[] = [eq(companies.tenantId, t.tenantId)];
  if (t.assignedTo) {
    where.push(
      sql`exists (select 1 from ${companyAssignments} a where a.tenant_id = ${companies.tenantId} and a.company_id = ${companies.id} and a.user_id = ${t.assignedTo})`,
    );
  }
  return where;
}

/** Matches (マッチング案件) of the transaction's organisation, and the checks their writes need. */
export function createMatchesRepository(t: TenantTx) {
  const { db, tenantId } = t;
  const base = () =>
    db
      .select({
        match: matches,
        listingTitle: listings.title,
        listingKind: listings.kind,
        holderName: holder,
        companyName: companies.name,
        coordinatorName: supporters.name,
        programName: programs.name,
      })
      .from(matches)
      .innerJoin(
        listings,
        and(eq(listings.tenantId, matches.tenantId), eq(listings.id, matches.listingId)),
      )
      .innerJoin(
        companies,
        and(eq(companies.tenantId, matches.tenantId), eq(companies.id, matches.companyId)),
      )
      .leftJoin(
        supporters,
        and(eq(supporters.tenantId, matches.tenantId), eq(supporters.id, matches.coordinatorId)),
      )
      .leftJoin(
        programs,
        and(eq(programs.tenantId, matches.tenantId), eq(programs.id, matches.programId)),
      );
  type Joined = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
  const flatten = (r: Joined): MatchWithNames => ({
    ...r.match,
    listingTitle: r.listingTitle,
    listingKind: r.listingKind,
    holderName: r.holderName,
    companyName: r.companyName,
    coordinatorName: r.coordinatorName,
    programName: r.programName,
  });

  return {
    async list(f: MatchFilter): Promise<MatchWithNames[]> {
      const where: (SQL | undefined)[] = scopeOf(t);
      if (f.stage) where.push(eq(matches.stage, f.stage));
      if (f.status) where.push(eq(matches.status, f.status));
      if (f.listingId) where.push(eq(matches.listingId, f.listingId));
      if (f.companyId) where.push(eq(matches.companyId, f.companyId));
      if (f.programId) where.push(eq(matches.programId, f.programId));
      const rows = await base()
        .where(and(...where))
        .orderBy(desc(matches.updatedAt), asc(matches.id))
        .limit(5000);
      return rows.map(flatten);
    },

    async find(id: MatchId): Promise<MatchWithNames | null> {
      const [row] = await base()
        .where(and(...scopeOf(t), eq(matches.id, id)))
        .limit(1);
      return row ? flatten(row) : null;
    },

    async insert(row: Omit<NewMatchRow, 'tenantId'>): Promise<MatchRow> {
      const [inserted] = await db
        .insert(matches)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert match returned nothing');
      return inserted;
    },

    async update(
      id: MatchId,
      version: number,
      patch: Partial<Omit<NewMatchRow, 'tenantId'>>,
    ): Promise<MatchRow | null> {
      const [row] = await db
        .update(matches)
        .set({ ...patch, version: version + 1 })
        .where(and(...scopeOf(t), eq(matches.id, id), eq(matches.version, version)))
        .returning();
      return row ?? null;
    },

    /** Open (active) matches of the given pairs: pair key `listingId:companyId` → match id. */
    async openForPairs(
      pairs: { listingId: ListingId; companyId: CompanyId }[],
    ): Promise<Map<string, string>> {
      if (pairs.length === 0) return new Map();
      const rows = await db
        .select({ id: matches.id, listingId: matches.listingId, companyId: matches.companyId })
        .from(matches)
        .where(
          and(
            ...scopeOf(t),
            eq(matches.status, 'active'),
            or(
              ...pairs.map((p) =>
                and(eq(matches.listingId, p.listingId), eq(matches.companyId, p.companyId)),
              ),
            ),
          ),
        );
      return new Map(rows.map((r) => [`${r.listingId}:${r.companyId}`, r.id]));
    },

    async insertDecision(row: Omit<typeof matchDecisions.$inferInsert, 'tenantId'>): Promise<void> {
      await db.insert(matchDecisions).values({ ...row, tenantId });
    },

    async programExists(id: ProgramId): Promise<boolean> {
      const [row] = await db
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.tenantId, tenantId), eq(programs.id, id)));
      return !!row;
    },

    async supporterExists(id: SupporterId): Promise<boolean> {
      const [row] = await db
        .select({ id: supporters.id })
        .from(supporters)
        .where(and(eq(supporters.tenantId, tenantId), eq(supporters.id, id)));
      return !!row;
    },

    async companyExists(id: CompanyId): Promise<boolean> {
      const [row] = await db
        .select({ id: companies.id })
        .from(companies)
        .where(and(...companyScope(t), eq(companies.id, id)));
      return !!row;
    },

    async pairExists(listingId: ListingId, companyId: CompanyId): Promise<boolean> {
      const [row] = await db
        .select({
          listing:
            sql<number>`(select count(*) from ${listings} where ${listings.tenantId} = ${tenantId} and ${listings.id} = ${listingId})`.mapWith(
              Number,
            ),
          company:
            sql<number>`(select count(*) from ${companies} where ${and(...companyScope(t), eq(companies.id, companyId))})`.mapWith(
              Number,
            ),
        })
        .from(sql`(select 1) as one`);
      return (row?.listing ?? 0) > 0 && (row?.company ?? 0) > 0;
    },

    /**
     * Per stage: active matches there now, and every match (dropped too) that reached it —
     * a stage counts as reached when it has a day or when a later stage does.
     */
    async funnel() {
      const rows = await db
        .select({
          stage: matches.stage,
          status: matches.status,
          n: sql<number>`count(*)`.mapWith(Number),
        })
        .from(matches)
        .where(and(...scopeOf(t)))
        .groupBy(matches.stage, matches.status);
      return rows;
    },

    /** 成約 and 製品化 per fiscal year (April–March) of their day. */
    async perFiscalYear() {
      const fy = (col: unknown) =>
        sql<number>`(extract(year from ${col}) - case when extract(month from ${col}) < 4 then 1 else 0 end)::int`;
      const contracted = await db
        .select({ fy: fy(matches.contractedOn), n: sql<number>`count(*)`.mapWith(Number) })
        .from(matches)
        .where(and(...scopeOf(t), isNotNull(matches.contractedOn)))
        .groupBy(sql`1`);
      const commercialized = await db
        .select({ fy: fy(matches.commercializedOn), n: sql<number>`count(*)`.mapWith(Number) })
        .from(matches)
        .where(and(...scopeOf(t), isNotNull(matches.commercializedOn)))
        .groupBy(sql`1`);
      return { contracted, commercialized };
    },
  };
}
export type MatchesRepository = ReturnType<typeof createMatchesRepository>;
