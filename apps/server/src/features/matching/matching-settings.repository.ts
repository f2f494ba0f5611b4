import { type TenantTx, tenants } from '@banso/db';
import type { UserId } from '@banso/shared';
import { eq, sql } from 'drizzle-orm';

/**
 * An organisation's matching settings, kept under `matching` in `tenants.settings` (jsonb):
 * `{ "matching": { "partnerRegions": ["09", "092011"] } }`. Other keys of the column are left
 * as they are.
 */
export interface MatchingSettingsRecord {
  /** Prefecture (2 digits) and municipality (6 digits) codes, validated on the way in. */
  partnerRegions: string[];
}

function parse(value: unknown): MatchingSettingsRecord {
  const list =
    value && typeof value === 'object' && 'partnerRegions' in value
      ? (value as { partnerRegions: unknown }).partnerRegions
      : undefined;
  return {
    partnerRegions: Array.isArray(list)
      ? list.filter((c): c is string => typeof c === 'string')
      : [],
  };
}

/** The matching settings of the transaction's organisation. */
export function createMatchingSettingsRepository(t: TenantTx) {
  const { db, tenantId } = t;
  return {
    /** The settings (defaults when none were saved); `forUpdate` locks the row in a transaction. */
    async find(forUpdate = false): Promise<MatchingSettingsRecord> {
      const query = db
        .select({ matching: sql<unknown>`${tenants.settings} -> 'matching'` })
        .from(tenants)
        .where(eq(tenants.id, tenantId))
        .limit(1);
      const [row] = forUpdate ? await query.for('update') : await query;
      return parse(row?.matching);
    },

    /** Merges the given keys into `settings.matching`; the tenant row's version moves on. */
    async save(settings: MatchingSettingsRecord, by: UserId | null, now: Date): Promise<void> {
      const patch = JSON.stringify(settings);
      await db
        .update(tenants)
        .set({
          settings: sql`jsonb_set(${tenants.settings}, '{matching}', coalesce(${tenants.settings} -> 'matching', '{}'::jsonb) || ${patch}::jsonb)`,
          updatedAt: now,
          updatedBy: by,
          version: sql`${tenants.version} + 1`,
        })
        .where(eq(tenants.id, tenantId));
    },
  };
}
