import { type Database, tenants, withoutTenantScope } from '@banso/db';
import { asc, eq } from 'drizzle-orm';
import type { TenantRow } from './users.repository';

/**
 * The few questions asked across organisations, before an organisation is known: which
 * organisation an organisation code (typed at sign-in) names, whether a deployment has only one,
 * and the list for `banso tenant list`. Each goes explicitly around the organisation scope
 * (withoutTenantScope) and returns organisation rows only, never their data.
 */
export function createOrganizationsRepository(db: Database) {
  return {
    findBySlug: (slug: string): Promise<TenantRow | null> =>
      withoutTenantScope(db, 'sign-in: organisation code', async (root) => {
        const [row] = await root.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
        return row ?? null;
      }),

    /** The single organisation of a one-organisation deployment, else null. */
    findOnly: (): Promise<TenantRow | null> =>
      withoutTenantScope(db, 'sign-in: the only organisation', async (root) => {
        const rows = await root.select().from(tenants).orderBy(asc(tenants.createdAt)).limit(2);
        return rows.length === 1 ? (rows[0] ?? null) : null;
      }),

    list: (): Promise<TenantRow[]> =>
      withoutTenantScope(db, 'list organisations', (root) =>
        root.select().from(tenants).orderBy(asc(tenants.createdAt)),
      ),
  };
}
