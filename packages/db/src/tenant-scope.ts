import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantId, UserId } from '@banso/shared';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * A transaction bound to one organisation (支援機関). Repositories are built from this, never
 * from a bare database: they read the organisation from here, so no method takes one as an
 * argument and none can be called for another organisation. Row-level security (migration 0007)
 * is the backstop: inside the transaction every statement runs as the role `banso_app` with
 * `banso.tenant_id` set, so even a query written without an organisation filter sees and writes
 * only this organisation's rows.
 */
export interface TenantTx {
  readonly db: Database;
  readonly tenantId: TenantId;
  /** Partners (金融機関) see only the companies assigned to this user; undefined: the whole organisation. */
  readonly assignedTo: UserId | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Active {
  root: Database;
  tx: TenantTx;
}
const active = new AsyncLocalStorage<Active>();

/** A connection inside a transaction already bound to an organisation (driver-specific fast path). */
export interface ScopedConnection {
  db: Database;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
type Begin = (tenantId: TenantId) => Promise<ScopedConnection>;
const beginners = new WeakMap<Database, Begin>();

/**
 * A driver may register how to open an organisation transaction in one round trip (node-postgres
 * sends `BEGIN; SELECT set_config(…)` as one simple query); without one, inTenant uses the ORM's
 * transaction and a second statement.
 */
export function registerScopedBegin(root: Database, begin: Begin): void {
  beginners.set(root, begin);
}

/**
 * Runs `fn` in one transaction bound to `tenantId` (RLS on). Called again inside `fn` for the
 * same database and organisation, it joins the running transaction (so services can call each
 * other); for another organisation it refuses.
 */
export async function inTenant<T>(
  root: Database,
  scope: { tenantId: TenantId; assignedTo?: UserId | undefined },
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  const current = active.getStore();
  if (current && current.root === root) {
    if (current.tx.tenantId !== scope.tenantId) {
      throw new Error('a transaction of one organisation cannot act for another');
    }
    if (scope.assignedTo === current.tx.assignedTo) return fn(current.tx);
    return fn({ ...current.tx, assignedTo: scope.assignedTo });
  }
  if (!UUID.test(scope.tenantId)) throw new Error('inTenant: the organisation id is not a uuid');
  const begin = beginners.get(root);
  if (begin) {
    const connection = await begin(scope.tenantId);
    const tx: TenantTx = {
      db: connection.db,
      tenantId: scope.tenantId,
      assignedTo: scope.assignedTo,
    };
    let result: T;
    try {
      result = await active.run({ root, tx }, () => fn(tx));
    } catch (error) {
      await connection.rollback();
      throw error;
    }
    await connection.commit();
    return result;
  }
  return root.transaction(async (t) => {
    const db = t as unknown as Database;
    await db.execute(
      sql`select set_config('role', 'banso_app', true), set_config('banso.tenant_id', ${scope.tenantId}, true)`,
    );
    const tx: TenantTx = { db, tenantId: scope.tenantId, assignedTo: scope.assignedTo };
    return active.run({ root, tx }, () => fn(tx));
  });
}

/** The organisation transaction `fn` runs in, if any (for code that must not open a second one). */
export const currentTenantTx = (root: Database): TenantTx | undefined => {
  const current = active.getStore();
  return current && current.root === root ? current.tx : undefined;
};

/**
 * The explicit way around the organisation scope, for maintenance that must see every
 * organisation: backup and restore, sign-in by organisation code, the session purge, listing the
 * organisations. It runs as the owning role (policy `maintenance`); `reason` names the caller for
 * the log line the caller writes. Never call it with data from a request beyond what `reason`
 * says.
 */
export async function withoutTenantScope<T>(
  root: Database,
  reason: string,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  if (active.getStore()?.root === root) {
    throw new Error(`withoutTenantScope(${reason}) inside an organisation transaction`);
  }
  return fn(root);
}
