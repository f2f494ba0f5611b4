import { type Database, executeRows, transaction } from '@banso/db';
import { sql } from 'drizzle-orm';
import { schemaTables } from '../backup.repository';
import { quoteIdent } from '../dump-format';

/**
 * Every row of every table as canonical JSON text (jsonb output, time stamps
 * in UTC), in primary-key order: equal on two databases means equal data,
 * whichever driver and PostgreSQL version holds them. Values are compared as
 * PostgreSQL prints them, so bigint keeps every digit and timestamps keep
 * their microseconds.
 */
export async function tableContents(
  db: Database,
  options: { except?: string[] } = {},
): Promise<Record<string, string[]>> {
  return transaction(db, async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const table of schemaTables()) {
      if (options.except?.includes(table.name)) continue;
      const pk = table.primaryKey.map(quoteIdent).join(', ');
      const rows = await executeRows<{ row: string }>(
        tx,
        sql.raw(`select to_jsonb(t)::text as row from ${quoteIdent(table.name)} t order by ${pk}`),
      );
      out[table.name] = rows.map((r) => r.row);
    }
    return out;
  });
}
