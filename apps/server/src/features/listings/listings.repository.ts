import { companies, escapeLike, listings, type TenantTx } from '@banso/db';
import type { CompanyId, ListingId } from '@banso/shared';
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';

export type ListingRow = typeof listings.$inferSelect;
export type NewListingRow = typeof listings.$inferInsert;
export type ListingWithHolder = ListingRow & { holderCompanyName: string | null };

export interface ListingFilter {
  /** Normalised search text (normalizeForSearch). */
  text?: string;
  kind?: string;
  status?: string;
  /** IPC prefix, canonical form ('G06T', 'G06T 7'). */
  ipcPrefix?: string;
  holderCompanyId?: CompanyId;
  archived?: boolean;
}

/** Newest first: (created_at, id) descending. */
export interface ListingCursor {
  at: string;
  id: ListingId;
}

/**
 * Listings (開放特許 and other seeds and needs) of the transaction's organisation. Listings are
 * public offers: partners read them all (no assignment scope), as before.
 */
export function createListingsRepository(t: TenantTx) {
  const { db, tenantId } = t;
  const base = () =>
    db
      .select({ listing: listings, holderCompanyName: companies.name })
      .from(listings)
      .leftJoin(
        companies,
        and(eq(companies.tenantId, listings.tenantId), eq(companies.id, listings.holderCompanyId)),
      );
  const withHolder = (r: { listing: ListingRow; holderCompanyName: string | null }) => ({
    ...r.listing,
    holderCompanyName: r.holderCompanyName,
  });

  function where(f: ListingFilter): SQL {
    const parts: (SQL | undefined)[] = [eq(listings.tenantId, tenantId)];
    if (f.text) parts.push(sql`${listings.searchText} like ${`%${escapeLike(f.text)}%`}`);
    if (f.kind) parts.push(eq(listings.kind, f.kind));
    if (f.status) parts.push(eq(listings.status, f.status));
    if (f.ipcPrefix)
      parts.push(
        sql`exists (select 1 from unnest(${listings.ipc}) as code where code like ${`${escapeLike(f.ipcPrefix)}%`})`,
      );
    if (f.holderCompanyId) parts.push(eq(listings.holderCompanyId, f.holderCompanyId));
    parts.push(f.archived ? isNotNull(listings.archivedAt) : isNull(listings.archivedAt));
    return and(...parts) as SQL;
  }

  return {
    async list(
      f: ListingFilter,
      cursor: ListingCursor | null,
      limit: number,
    ): Promise<ListingWithHolder[]> {
      const after = cursor
        ? or(
            lt(listings.createdAt, new Date(cursor.at)),
            and(eq(listings.createdAt, new Date(cursor.at)), lt(listings.id, cursor.id)),
          )
        : undefined;
      const rows = await base()
        .where(and(where(f), after))
        .orderBy(desc(listings.createdAt), desc(listings.id))
        .limit(limit);
      return rows.map(withHolder);
    },

    async count(f: ListingFilter): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(listings)
        .where(where(f));
      return row?.n ?? 0;
    },

    async find(id: ListingId): Promise<ListingWithHolder | null> {
      const [row] = await base()
        .where(and(eq(listings.tenantId, tenantId), eq(listings.id, id)))
        .limit(1);
      return row ? withHolder(row) : null;
    },

    async findMany(ids: ListingId[]): Promise<ListingWithHolder[]> {
      if (ids.length === 0) return [];
      const rows = await base().where(
        and(eq(listings.tenantId, tenantId), inArray(listings.id, ids)),
      );
      return rows.map(withHolder);
    },

    /** Existing listings by external id (re-import updates them). */
    async byExternalIds(externalIds: string[]): Promise<ListingRow[]> {
      if (externalIds.length === 0) return [];
      return db
        .select()
        .from(listings)
        .where(and(eq(listings.tenantId, tenantId), inArray(listings.externalId, externalIds)));
    },

    async insert(row: Omit<NewListingRow, 'tenantId'>): Promise<ListingRow> {
      const [inserted] = await db
        .insert(listings)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert listing returned nothing');
      return inserted;
    },

    async update(
      id: ListingId,
      version: number,
      patch: Partial<Omit<NewListingRow, 'tenantId'>>,
    ): Promise<ListingRow | null> {
      const [row] = await db
        .update(listings)
        .set({ ...patch, version: version + 1 })
        .where(
          and(eq(listings.tenantId, tenantId), eq(listings.id, id), eq(listings.version, version)),
        )
        .returning();
      return row ?? null;
    },

    /** Registered companies named (exactly) or numbered (法人番号) as given: import holders. */
    async holders(names: string[], corporateNumbers: string[]) {
      if (names.length === 0 && corporateNumbers.length === 0) return [];
      return db
        .select({
          id: companies.id,
          name: companies.name,
          corporateNumber: companies.corporateNumber,
        })
        .from(companies)
        .where(
          and(
            eq(companies.tenantId, tenantId),
            or(
              names.length > 0 ? inArray(companies.name, names) : undefined,
              corporateNumbers.length > 0
                ? inArray(companies.corporateNumber, corporateNumbers)
                : undefined,
            ),
          ),
        );
    },

    /** Names of the tenant's companies with these ids (holder checks). */
    async companyNames(ids: CompanyId[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: companies.id, name: companies.name })
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids)));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
export type ListingsRepository = ReturnType<typeof createListingsRepository>;
