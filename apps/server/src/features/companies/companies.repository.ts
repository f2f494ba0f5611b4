import { companies, companyAssignments, escapeLike, type TenantTx, users } from '@banso/db';
import { type CompanyId, queryTokens, type UserId } from '@banso/shared';
import {
  and,
  arrayContains,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  like,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';

export type CompanyRow = typeof companies.$inferSelect;
export type NewCompanyRow = typeof companies.$inferInsert;

export interface CompanyFilter {
  /** Already normalised with normalizeForSearch. */
  text?: string;
  corporateNumber?: string;
  jsicPrefix?: string;
  municipalityPrefix?: string;
  tag?: string;
  kind?: string;
  status?: string;
  includeArchived?: boolean;
}

export type CompanyCursor =
  | { sort: 'kana'; kana: string; id: CompanyId }
  | { sort: 'updated'; at: string; id: CompanyId };

/** The organisation's companies; for a partner, only those assigned to them (built in, not an option). */
function scopeOf(t: TenantTx): SQL[] {
  const where: SQL[] = [eq(companies.tenantId, t.tenantId)];
  if (t.assignedTo) {
    where.push(
      sql`exists (select 1 from ${companyAssignments} a where a.tenant_id = ${companies.tenantId} and a.company_id = ${companies.id} and a.user_id = ${t.assignedTo})`,
    );
  }
  return where;
}

function whereOf(t: TenantTx, f: CompanyFilter): SQL[] {
  const where = scopeOf(t);
  if (!f.includeArchived) where.push(isNull(companies.archivedAt));
  if (f.text) {
    where.push(arrayContains(companies.searchTokens, queryTokens(f.text)));
    where.push(like(companies.searchText, `%${escapeLike(f.text)}%`));
  }
  if (f.corporateNumber) where.push(eq(companies.corporateNumber, f.corporateNumber));
  if (f.jsicPrefix) where.push(like(companies.jsicCode, `${escapeLike(f.jsicPrefix)}%`));
  if (f.municipalityPrefix)
    where.push(like(companies.municipalityCode, `${escapeLike(f.municipalityPrefix)}%`));
  if (f.tag) where.push(arrayContains(companies.tags, [f.tag]));
  if (f.kind) where.push(eq(companies.kind, f.kind));
  if (f.status) where.push(eq(companies.status, f.status));
  return where;
}

/** The companies (企業台帳) of the transaction's organisation. */
export function createCompaniesRepository(t: TenantTx) {
  const { db, tenantId } = t;
  return {
    async list(
      filter: CompanyFilter,
      cursor: CompanyCursor | null,
      sort: 'kana' | 'updated',
      limit: number,
    ) {
      const where = whereOf(t, filter);
      if (cursor?.sort === 'kana') {
        where.push(
          or(
            gt(companies.kanaSort, cursor.kana),
            and(eq(companies.kanaSort, cursor.kana), gt(companies.id, cursor.id)),
          ) as SQL,
        );
      } else if (cursor?.sort === 'updated') {
        const at = new Date(cursor.at);
        where.push(
          or(
            lt(companies.updatedAt, at),
            and(eq(companies.updatedAt, at), lt(companies.id, cursor.id)),
          ) as SQL,
        );
      }
      const order =
        sort === 'kana'
          ? [asc(companies.kanaSort), asc(companies.id)]
          : [desc(companies.updatedAt), desc(companies.id)];
      return db
        .select()
        .from(companies)
        .where(and(...where))
        .orderBy(...order)
        .limit(limit);
    },

    async find(id: CompanyId): Promise<CompanyRow | null> {
      const where = whereOf(t, { includeArchived: true });
      const [row] = await db
        .select()
        .from(companies)
        .where(and(...where, eq(companies.id, id)))
        .limit(1);
      return row ?? null;
    },

    async findByCorporateNumber(corporateNumber: string): Promise<CompanyRow | null> {
      const [row] = await db
        .select()
        .from(companies)
        .where(and(...scopeOf(t), eq(companies.corporateNumber, corporateNumber)))
        .limit(1);
      return row ?? null;
    },

    async findManyByCorporateNumber(numbers: string[]): Promise<CompanyRow[]> {
      if (numbers.length === 0) return [];
      return db
        .select()
        .from(companies)
        .where(and(...scopeOf(t), inArray(companies.corporateNumber, numbers)));
    },

    async findManyById(ids: CompanyId[]): Promise<CompanyRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(companies)
        .where(and(...scopeOf(t), inArray(companies.id, ids)));
    },

    async insert(row: Omit<NewCompanyRow, 'tenantId'>): Promise<CompanyRow> {
      const [inserted] = await db
        .insert(companies)
        .values({ ...row, tenantId })
        .returning();
      if (!inserted) throw new Error('insert company returned nothing');
      return inserted;
    },

    async insertMany(rows: Omit<NewCompanyRow, 'tenantId'>[]): Promise<void> {
      if (rows.length > 0) await db.insert(companies).values(rows.map((r) => ({ ...r, tenantId })));
    },

    /** Optimistic update: null when the version no longer matches (nothing changed). */
    async update(
      id: CompanyId,
      version: number,
      patch: Partial<NewCompanyRow>,
    ): Promise<CompanyRow | null> {
      const [row] = await db
        .update(companies)
        .set({ ...patch, version: version + 1 })
        .where(
          and(
            eq(companies.tenantId, tenantId),
            eq(companies.id, id),
            eq(companies.version, version),
          ),
        )
        .returning();
      return row ?? null;
    },

    async listAssignments(companyId: CompanyId) {
      return db
        .select({
          userId: companyAssignments.userId,
          createdAt: companyAssignments.createdAt,
          displayName: users.displayName,
          role: users.role,
        })
        .from(companyAssignments)
        .innerJoin(
          users,
          and(
            eq(users.tenantId, companyAssignments.tenantId),
            eq(users.id, companyAssignments.userId),
          ),
        )
        .where(
          and(
            eq(companyAssignments.tenantId, tenantId),
            eq(companyAssignments.companyId, companyId),
          ),
        )
        .orderBy(asc(users.displayName));
    },

    async addAssignment(companyId: CompanyId, userId: UserId, by: UserId | null): Promise<boolean> {
      const rows = await db
        .insert(companyAssignments)
        .values({ tenantId, companyId, userId, createdBy: by })
        .onConflictDoNothing()
        .returning({ userId: companyAssignments.userId });
      return rows.length > 0;
    },

    async removeAssignment(companyId: CompanyId, userId: UserId): Promise<boolean> {
      const rows = await db
        .delete(companyAssignments)
        .where(
          and(
            eq(companyAssignments.tenantId, tenantId),
            eq(companyAssignments.companyId, companyId),
            eq(companyAssignments.userId, userId),
          ),
        )
        .returning({ userId: companyAssignments.userId });
      return rows.length > 0;
    },
  };
}
export type CompaniesRepository = ReturnType<typeof createCompaniesRepository>;
