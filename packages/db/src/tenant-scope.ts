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
  tenantId: TenantId;
}
/**
 * Only under tests (BANSO_CHECK_TX_NESTING=1, set by the vitest config for every project and the
 * servers they start): remembers the open organisation transaction along the async call chain,
 * so that opening a second one inside it fails loudly instead of deadlocking on the embedded
 * database's one connection. Not in production: on Node 20 an AsyncLocalStorage in use makes
 * every promise of the process pay a hook, which cost the embedded database 10–20 % per request
 * (docs/benchmarks.md); nested work is passed its transaction explicitly (`within`) instead.
 */
const nesting =
  process.env.BANSO_CHECK_TX_NESTING === '1' ? new AsyncLocalStorage<Active>() : undefined;

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
 * Runs `fn` in one transaction bound to `tenantId` (RLS on). Work that is already inside such a
 * transaction passes it as `within` and runs in it (so services can call each other); `within`
 * of another organisation is refused. Without `within`, a new transaction is opened — never do
 * that inside another one: on the embedded database the inner one would wait for the outer one
 * forever (tests run with a check that throws instead).
 */
export async function inTenant<T>(
  root: Database,
  scope: { tenantId: TenantId; assignedTo?: UserId | undefined },
  fn: (tx: TenantTx) => Promise<T>,
  within?: TenantTx,
): Promise<T> {
  if (within) {
    if (within.tenantId !== scope.tenantId) {
      throw new Error('a transaction of one organisation cannot act for another');
    }
    if (scope.assignedTo === within.assignedTo) return fn(within);
    return fn({ ...within, assignedTo: scope.assignedTo });
  }
  const open = nesting?.getStore();
  if (open && open.root === root) {
    throw new Error(
      open.tenantId === scope.tenantId
        ? 'inTenant: an organisation transaction is already open in this call chain; pass it on as `within`'
        : 'a transaction of one organisation cannot act for another',
    );
  }
  if (!UUID.test(scope.tenantId)) throw new Error('inTenant: the organisation id is not a uuid');
  const run = (tx: TenantTx) =>
    nesting ? nesting.run({ root, tenantId: scope.tenantId }, () => fn(tx)) : fn(tx);
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
      result = await run(tx);
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
    return run({ db, tenantId: scope.tenantId, assignedTo: scope.assignedTo });
  });
}

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
  if (nesting?.getStore()?.root === root) {
    throw new Error(`withoutTenantScope(${reason}) inside an organisation transaction`);
  }
  return fn(root);
}
