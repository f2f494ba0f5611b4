import { companies, companyAssignments, type Database, users } from '@banso/db';
import { queryTokens } from '@banso/shared';
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
  /** Partners: only companies assigned to this user. */
  assignedTo?: string;
}

export type CompanyCursor =
  | { sort: 'kana'; kana: string; id: string }
  | { sort: 'updated'; at: string; id: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(tenantId: string, f: CompanyFilter): SQL[] {
  const where: SQL[] = [eq(companies.tenantId, tenantId)];
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
  if (f.assignedTo) {
    where.push(
      sql`exists (select 1 from ${companyAssignments} a where a.tenant_id = ${companies.tenantId} and a.company_id = ${companies.id} and a.user_id = ${f.assignedTo})`,
    );
  }
  return where;
}

export function createCompaniesRepository(db: Database) {
  return {
    async list(
      tenantId: string,
      filter: CompanyFilter,
      cursor: CompanyCursor | null,
      sort: 'kana' | 'updated',
      limit: number,
    ) {
      const where = whereOf(tenantId, filter);
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

    async find(tenantId: string, id: string, assignedTo?: string): Promise<CompanyRow | null> {
      const where = whereOf(tenantId, {
        includeArchived: true,
        ...(assignedTo ? { assignedTo } : {}),
      });
      const [row] = await db
        .select()
        .from(companies)
        .where(and(...where, eq(companies.id, id)))
        .limit(1);
      return row ?? null;
    },

    async findByCorporateNumber(
      tenantId: string,
      corporateNumber: string,
    ): Promise<CompanyRow | null> {
      const [row] = await db
        .select()
        .from(companies)
        .where(
          and(eq(companies.tenantId, tenantId), eq(companies.corporateNumber, corporateNumber)),
        )
        .limit(1);
      return row ?? null;
    },

    async findManyByCorporateNumber(tenantId: string, numbers: string[]): Promise<CompanyRow[]> {
      if (numbers.length === 0) return [];
      return db
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.corporateNumber, numbers)));
    },

    async findManyById(tenantId: string, ids: string[]): Promise<CompanyRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids)));
    },

    async insert(row: NewCompanyRow): Promise<CompanyRow> {
      const [inserted] = await db.insert(companies).values(row).returning();
      if (!inserted) throw new Error('insert company returned nothing');
      return inserted;
    },

    async insertMany(rows: NewCompanyRow[]): Promise<void> {
      if (rows.length > 0) await db.insert(companies).values(rows);
    },

    /** Optimistic update: null when the version no longer matches (nothing changed). */
    async update(
      tenantId: string,
      id: string,
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

    /** Every company of a tenant in kana order, in pages, for exports. */
    async *streamAll(
      tenantId: string,
      filter: CompanyFilter,
      pageSize = 2000,
    ): AsyncGenerator<CompanyRow[]> {
      let cursor: CompanyCursor | null = null;
      for (;;) {
        const page: CompanyRow[] = await this.list(tenantId, filter, cursor, 'kana', pageSize);
        if (page.length === 0) return;
        yield page;
        const last = page[page.length - 1];
        if (!last || page.length < pageSize) return;
        cursor = { sort: 'kana', kana: last.kanaSort, id: last.id };
      }
    },

    async listAssignments(tenantId: string, companyId: string) {
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

    async addAssignment(
      tenantId: string,
      companyId: string,
      userId: string,
      by: string | null,
    ): Promise<boolean> {
      const rows = await db
        .insert(companyAssignments)
        .values({ tenantId, companyId, userId, createdBy: by })
        .onConflictDoNothing()
        .returning({ userId: companyAssignments.userId });
      return rows.length > 0;
    },

    async removeAssignment(tenantId: string, companyId: string, userId: string): Promise<boolean> {
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
