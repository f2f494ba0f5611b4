import type { SQL } from 'drizzle-orm';
import type { Database } from './client';

/** Escapes `\`, `%` and `_` for a LIKE pattern (PostgreSQL's default escape character is `\`). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The rows of a raw statement, whichever driver ran it (both answer `{ rows }`). */
export async function executeRows<T>(db: Database, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (result as { rows: T[] }).rows;
}

/** Rows a raw statement affected (node-postgres says rowCount, PGlite affectedRows). */
export function affectedRows(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.affectedRows ?? r.rowCount ?? 0;
}

type TransactionConfig = Parameters<Database['transaction']>[1];

/**
 * A plain transaction typed as the one `Database` (the ORM's transaction type differs per
 * driver). For maintenance (backup, restore); organisation work uses `inTenant`.
 */
export function transaction<T>(
  db: Database,
  fn: (tx: Database) => Promise<T>,
  config?: TransactionConfig,
): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Database), config);
}
