import {
  companies,
  type Database,
  listings,
  matchDecisions,
  matches,
  programs,
  supporters,
} from '@banso/db';
import { and, asc, desc, eq, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { assignedSql } from '../visits/visits.repository';

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
  listingId?: string;
  companyId?: string;
  programId?: string;
  /** Partners: only matches of companies assigned to this user. */
  assignedTo?: string;
}

const holder = sql<
  string | null
>`coalesce((select h.name from ${companies} h where h.tenant_id = ${listings.tenantId} and h.id = ${listings.holderCompanyId}), ${listings.holderName})`;

export function createMatchesRepository(db: Database) {
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
    async list(tenantId: string, f: MatchFilter): Promise<MatchWithNames[]> {
      const where: (SQL | undefined)[] = [eq(matches.tenantId, tenantId)];
      if (f.stage) where.push(eq(matches.stage, f.stage));
      if (f.status) where.push(eq(matches.status, f.status));
      if (f.listingId) where.push(eq(matches.listingId, f.listingId));
      if (f.companyId) where.push(eq(matches.companyId, f.companyId));
      if (f.programId) where.push(eq(matches.programId, f.programId));
      if (f.assignedTo) where.push(assignedSql(matches.tenantId, matches.companyId, f.assignedTo));
      const rows = await base()
        .where(and(...where))
        .orderBy(desc(matches.updatedAt), asc(matches.id))
        .limit(5000);
      return rows.map(flatten);
    },

    async find(tenantId: string, id: string, assignedTo?: string): Promise<MatchWithNames | null> {
      const [row] = await base()
        .where(
          and(
            eq(matches.tenantId, tenantId),
            eq(matches.id, id),
            assignedTo ? assignedSql(matches.tenantId, matches.companyId, assignedTo) : undefined,
          ),
        )
        .limit(1);
      return row ? flatten(row) : null;
    },

    async insert(row: NewMatchRow): Promise<MatchRow> {
      const [inserted] = await db.insert(matches).values(row).returning();
      if (!inserted) throw new Error('insert match returned nothing');
      return inserted;
    },

    async update(
      tenantId: string,
      id: string,
      version: number,
      patch: Partial<NewMatchRow>,
    ): Promise<MatchRow | null> {
      const [row] = await db
        .update(matches)
        .set({ ...patch, version: version + 1 })
        .where(
          and(eq(matches.tenantId, tenantId), eq(matches.id, id), eq(matches.version, version)),
        )
        .returning();
      return row ?? null;
    },

    /** Open (active) matches of the given pairs: pair key `listingId:companyId` → match id. */
    async openForPairs(
      tenantId: string,
      pairs: { listingId: string; companyId: string }[],
    ): Promise<Map<string, string>> {
      if (pairs.length === 0) return new Map();
      const rows = await db
        .select({ id: matches.id, listingId: matches.listingId, companyId: matches.companyId })
        .from(matches)
        .where(
          and(
            eq(matches.tenantId, tenantId),
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

    async insertDecision(row: typeof matchDecisions.$inferInsert): Promise<void> {
      await db.insert(matchDecisions).values(row);
    },

    async programExists(tenantId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.tenantId, tenantId), eq(programs.id, id)));
      return !!row;
    },

    async supporterExists(tenantId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: supporters.id })
        .from(supporters)
        .where(and(eq(supporters.tenantId, tenantId), eq(supporters.id, id)));
      return !!row;
    },

    async companyExists(tenantId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: companies.id })
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), eq(companies.id, id)));
      return !!row;
    },

    async pairExists(tenantId: string, listingId: string, companyId: string): Promise<boolean> {
      const [row] = await db
        .select({
          listing:
            sql<number>`(select count(*) from ${listings} where ${listings.tenantId} = ${tenantId} and ${listings.id} = ${listingId})`.mapWith(
              Number,
            ),
          company:
            sql<number>`(select count(*) from ${companies} where ${companies.tenantId} = ${tenantId} and ${companies.id} = ${companyId})`.mapWith(
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
    async funnel(tenantId: string, assignedTo?: string) {
      const rows = await db
        .select({
          stage: matches.stage,
          status: matches.status,
          n: sql<number>`count(*)`.mapWith(Number),
        })
        .from(matches)
        .where(
          and(
            eq(matches.tenantId, tenantId),
            assignedTo ? assignedSql(matches.tenantId, matches.companyId, assignedTo) : undefined,
          ),
        )
        .groupBy(matches.stage, matches.status);
      return rows;
    },

    /** 成約 and 製品化 per fiscal year (April–March) of their day. */
    async perFiscalYear(tenantId: string, assignedTo?: string) {
      const fy = (col: unknown) =>
        sql<number>`(extract(year from ${col}) - case when extract(month from ${col}) < 4 then 1 else 0 end)::int`;
      const scope = assignedTo
        ? assignedSql(matches.tenantId, matches.companyId, assignedTo)
        : undefined;
      const contracted = await db
        .select({ fy: fy(matches.contractedOn), n: sql<number>`count(*)`.mapWith(Number) })
        .from(matches)
        .where(and(eq(matches.tenantId, tenantId), isNotNull(matches.contractedOn), scope))
        .groupBy(sql`1`);
      const commercialized = await db
        .select({ fy: fy(matches.commercializedOn), n: sql<number>`count(*)`.mapWith(Number) })
        .from(matches)
        .where(and(eq(matches.tenantId, tenantId), isNotNull(matches.commercializedOn), scope))
        .groupBy(sql`1`);
      return { contracted, commercialized };
    },
  };
}
export type MatchesRepository = ReturnType<typeof createMatchesRepository>;
