import {
  companies,
  type Database,
  listings,
  matchDecisions,
  type TenantTx,
  tenants,
  withoutTenantScope,
} from '@banso/db';
import type { NeedDocument, SeedDocument } from '@banso/matching';
import type { CompanyId, ListingId, MatchDecisionId, TenantId } from '@banso/shared';
import { and, asc, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';

/**
 * What the matching index reads: listings as seeds, companies as needs, and the decisions it
 * learns from. Only listings that can still be licensed (offered, licensed; not archived) and
 * active companies are indexed.
 */

const seedColumns = {
  id: listings.id,
  kind: listings.kind,
  title: listings.title,
  abstract: listings.abstract,
  technicalFields: listings.technicalFields,
  functions: listings.functions,
  applicableProducts: listings.applicableProducts,
  purpose: listings.purpose,
  effect: listings.effect,
  ipc: listings.ipc,
  holderName: sql<string | null>`coalesce(${companies.name}, ${listings.holderName})`,
  holderCompanyId: listings.holderCompanyId,
  municipalityCode: sql<
    string | null
  >`coalesce(${listings.municipalityCode}, ${companies.municipalityCode})`,
};
type SeedRow = {
  id: ListingId;
  kind: string;
  title: string;
  abstract: string | null;
  technicalFields: string[];
  functions: string[];
  applicableProducts: string[];
  purpose: string | null;
  effect: string | null;
  ipc: string[];
  holderName: string | null;
  holderCompanyId: CompanyId | null;
  municipalityCode: string | null;
};

/** A seed document with the holder's company id (the holder is never its own candidate). */
export type IndexedSeed = SeedDocument & { id: ListingId; holderCompanyId?: CompanyId };

/** A need document (a company) with its id typed. */
export type IndexedNeed = NeedDocument & { id: CompanyId };

export function seedFromRow(r: SeedRow): IndexedSeed {
  const effects = [r.purpose, r.effect].filter((x): x is string => !!x).join('\n');
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    abstract: r.abstract ?? '',
    fields: [...r.technicalFields, ...r.functions],
    applicableProducts: r.applicableProducts,
    effects,
    ipc: r.ipc,
    ...(r.holderName ? { holder: r.holderName } : {}),
    ...(r.municipalityCode ? { municipality: r.municipalityCode } : {}),
    ...(r.holderCompanyId ? { holderCompanyId: r.holderCompanyId } : {}),
  };
}

const needColumns = {
  id: companies.id,
  kind: companies.kind,
  name: companies.name,
  businessDescription: companies.businessDescription,
  technologies: companies.technologies,
  products: companies.products,
  equipment: companies.equipment,
  needs: companies.needs,
  jsicCode: companies.jsicCode,
  municipalityCode: companies.municipalityCode,
};
type NeedRow = {
  id: CompanyId;
  kind: string;
  name: string;
  businessDescription: string | null;
  technologies: string[];
  products: string[];
  equipment: string[];
  needs: string[];
  jsicCode: string | null;
  municipalityCode: string | null;
};

export function needFromRow(r: NeedRow): IndexedNeed {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    description: r.businessDescription ?? '',
    technologies: r.technologies,
    products: r.products,
    equipment: r.equipment,
    needs: r.needs.join('\n'),
    ...(r.jsicCode ? { jsic: r.jsicCode } : {}),
    ...(r.municipalityCode ? { municipality: r.municipalityCode } : {}),
  };
}

const indexableListing = and(
  isNull(listings.archivedAt),
  inArray(listings.status, ['offered', 'licensed']),
) as SQL;
const indexableCompany = and(isNull(companies.archivedAt), eq(companies.status, 'active')) as SQL;

export interface DecisionRow {
  id: MatchDecisionId;
  listingId: ListingId;
  companyId: CompanyId;
  verdict: 'accepted' | 'rejected';
  reason: string | null;
}

/**
 * Organisations with at least one indexable listing (their indexes are warmed up at start).
 * Maintenance: the one query of matching that looks across organisations, so it runs outside
 * any organisation scope; each index is then built inside its own organisation's scope.
 */
export function organisationsWithListings(db: Database): Promise<TenantId[]> {
  return withoutTenantScope(db, 'matching warm-up: organisations with listings', async (root) => {
    const rows = await root
      .selectDistinct({ tenantId: listings.tenantId })
      .from(listings)
      .innerJoin(tenants, eq(tenants.id, listings.tenantId))
      .where(indexableListing);
    return rows.map((r) => r.tenantId);
  });
}

/**
 * The documents of the transaction's organisation. The index reads the whole organisation
 * (partner scope does not apply: partners never see candidates).
 */
export function createMatchDocumentsRepository(t: TenantTx) {
  const { db, tenantId } = t;
  const seedQuery = () =>
    db
      .select(seedColumns)
      .from(listings)
      .leftJoin(
        companies,
        and(eq(companies.tenantId, listings.tenantId), eq(companies.id, listings.holderCompanyId)),
      );

  return {
    async countDocuments(): Promise<number> {
      const [row] = await db
        .select({
          n: sql<number>`(select count(*) from ${listings} where ${listings.tenantId} = ${tenantId} and ${indexableListing})
            + (select count(*) from ${companies} where ${companies.tenantId} = ${tenantId} and ${indexableCompany})`.mapWith(
            Number,
          ),
        })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      return row?.n ?? 0;
    },

    /** Indexable listings in id order, a page after `afterId`. */
    async seedPage(afterId: ListingId | null, limit: number): Promise<IndexedSeed[]> {
      const rows = await seedQuery()
        .where(
          and(
            eq(listings.tenantId, tenantId),
            indexableListing,
            afterId ? gt(listings.id, afterId) : undefined,
          ),
        )
        .orderBy(asc(listings.id))
        .limit(limit);
      return rows.map(seedFromRow);
    },

    async needPage(afterId: CompanyId | null, limit: number): Promise<IndexedNeed[]> {
      const rows = await db
        .select(needColumns)
        .from(companies)
        .where(
          and(
            eq(companies.tenantId, tenantId),
            indexableCompany,
            afterId ? gt(companies.id, afterId) : undefined,
          ),
        )
        .orderBy(asc(companies.id))
        .limit(limit);
      return rows.map(needFromRow);
    },

    /** The given listings that are still indexable (the others are to be removed). */
    async seedsByIds(ids: ListingId[]): Promise<IndexedSeed[]> {
      if (ids.length === 0) return [];
      const rows = await seedQuery().where(
        and(eq(listings.tenantId, tenantId), inArray(listings.id, ids), indexableListing),
      );
      return rows.map(seedFromRow);
    },

    async needsByIds(ids: CompanyId[]): Promise<IndexedNeed[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .select(needColumns)
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids), indexableCompany));
      return rows.map(needFromRow);
    },

    /** Listings held by these companies (a holder's rename or move changes them). */
    async seedIdsHeldBy(companyIds: CompanyId[]): Promise<ListingId[]> {
      if (companyIds.length === 0) return [];
      const rows = await db
        .select({ id: listings.id })
        .from(listings)
        .where(and(eq(listings.tenantId, tenantId), inArray(listings.holderCompanyId, companyIds)));
      return rows.map((r) => r.id);
    },

    /** Decisions in the order they were made (replayed into the engine at build). */
    async decisions(ids?: MatchDecisionId[]): Promise<DecisionRow[]> {
      if (ids && ids.length === 0) return [];
      const rows = await db
        .select({
          id: matchDecisions.id,
          listingId: matchDecisions.listingId,
          companyId: matchDecisions.companyId,
          verdict: matchDecisions.verdict,
          reason: matchDecisions.reason,
        })
        .from(matchDecisions)
        .where(
          and(
            eq(matchDecisions.tenantId, tenantId),
            ids ? inArray(matchDecisions.id, ids) : undefined,
          ),
        )
        .orderBy(asc(matchDecisions.decidedAt), asc(matchDecisions.id));
      return rows as DecisionRow[];
    },

    /** Latest decision per pair, for the candidates shown. */
    async latestDecisions(
      pairs: { listingId: ListingId; companyId: CompanyId }[],
    ): Promise<Map<string, { verdict: string; reason: string | null; at: Date }>> {
      const out = new Map<string, { verdict: string; reason: string | null; at: Date }>();
      if (pairs.length === 0) return out;
      const rows = await db
        .selectDistinctOn([matchDecisions.listingId, matchDecisions.companyId], {
          listingId: matchDecisions.listingId,
          companyId: matchDecisions.companyId,
          verdict: matchDecisions.verdict,
          reason: matchDecisions.reason,
          at: matchDecisions.decidedAt,
        })
        .from(matchDecisions)
        .where(
          and(
            eq(matchDecisions.tenantId, tenantId),
            or(
              ...pairs.map((p) =>
                and(
                  eq(matchDecisions.listingId, p.listingId),
                  eq(matchDecisions.companyId, p.companyId),
                ),
              ),
            ),
          ),
        )
        .orderBy(
          asc(matchDecisions.listingId),
          asc(matchDecisions.companyId),
          sql`${matchDecisions.decidedAt} desc`,
        );
      for (const r of rows) out.set(`${r.listingId}:${r.companyId}`, r);
      return out;
    },
  };
}
export type MatchDocumentsRepository = ReturnType<typeof createMatchDocumentsRepository>;
