import { type Database, inTenant, type TenantTx } from '@banso/db';
import type { Actor } from '../context';

/** The data an actor may reach: their organisation; a partner (金融機関) only their assigned companies. */
export const scopeOf = (actor: Actor) => ({
  tenantId: actor.tenantId,
  assignedTo: actor.role === 'partner' ? actor.userId : undefined,
});

/**
 * Runs `fn` in one transaction bound to the actor's organisation (row-level security on), with
 * the partner scope built in. Every repository is made from the `TenantTx` it hands over. A
 * service called from inside another's transaction is handed that transaction (`within`) and runs
 * in it; it never opens a second one. Keep slow work (hashing, rendering, ranking) outside: on
 * the embedded database a transaction holds the only connection.
 */
export function asActor<T>(
  db: Database,
  actor: Actor,
  fn: (tx: TenantTx) => Promise<T>,
  within?: TenantTx,
) {
  return inTenant(db, scopeOf(actor), fn, within);
}

type AsyncMethods<R> = { [K in keyof R]: (...args: never[]) => Promise<unknown> };

/**
 * A repository whose every call is its own short transaction of the actor's organisation — for
 * long work that must not hold one transaction (the CSV import reads and plans between its
 * batches). Operations that must commit together use `asActor` instead.
 */
export function perCall<R extends AsyncMethods<R>>(
  db: Database,
  actor: Actor,
  make: (tx: TenantTx) => R,
): R {
  return new Proxy({} as R, {
    get:
      (_target, key) =>
      (...args: unknown[]) =>
        asActor(db, actor, (tx) => {
          const repo = make(tx);
          const method = repo[key as keyof R] as unknown as (...a: unknown[]) => Promise<unknown>;
          return method.apply(repo, args);
        }),
  });
}
