import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { PgliteSession, PgliteTransaction } from 'drizzle-orm/pglite/session';
import pg from 'pg';
import * as schema from './schema/index';
import { registerScopedBegin, type ScopedConnection } from './tenant-scope';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DriverName = 'pglite' | 'postgres';

/** Resolved through the package (not this file's URL) so it also holds inside the server bundle. */
export const migrationsFolder = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@banso/db/package.json')),
  'migrations',
);

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DriverName;
  /** Applies pending migrations (idempotent). Runs from app code on both drivers. */
  migrate(): Promise<void>;
  /**
   * LISTEN on a channel: `onNotify` gets each payload after its transaction commits, from this
   * process or any other. On PostgreSQL a dedicated connection listens and reconnects by itself;
   * `onReset` is called after a reconnect, since notifications sent meanwhile are lost.
   * Returns a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Only for the embedded driver: the PGlite instance, for physical dumps in tests. */
  readonly pglite?: PGlite;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onReset?(): void;
  onError?(error: Error): void;
}

export type OpenDatabaseOptions =
  | {
      driver: 'pglite' /** directory, or null for in-memory */;
      dataDir: string | null;
      loadDataDir?: Blob;
    }
  | {
      driver: 'postgres';
      url: string;
      poolSize?: number;
      applicationName?: string;
      /** An idle pooled connection failed (server restart, terminated backend). Default: a line on stderr. */
      onIdleClientError?: (error: Error) => void;
    };

/**
 * PGlite keeps WAL growing to ~450 MB by default; an embedded single-user
 * database does not need that much.
 */
const PGLITE_CONF = ['max_wal_size = 64MB', 'min_wal_size = 32MB'];

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.driver === 'pglite') {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = new PGlite({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      postgresqlconf: PGLITE_CONF,
    });
    await client.waitReady;
    const db = drizzlePglite({ client, schema, casing: 'snake_case' });
    registerScopedBegin(db as unknown as Database, pgliteScopedBegin(client, db));
    return {
      db: db as unknown as Database,
      driver: 'pglite',
      pglite: client,
      migrate: () => migratePglite(db, { migrationsFolder }),
      listen: async (channel, handlers) => {
        const stop = await client.listen(channel, (payload) => handlers.onNotify(payload));
        return () => stop();
      },
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'banso',
  });
  // Without a listener, an idle connection terminated by the server (restart, failover,
  // pg_terminate_backend) would be an uncaught 'error' event and crash the process; the
  // pool drops that client and opens a new one on the next query.
  pool.on(
    'error',
    options.onIdleClientError ??
      ((error) =>
        process.stderr.write(`[banso] idle PostgreSQL connection closed: ${error.message}\n`)),
  );
  // Fail fast with the driver's own message if the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg({ client: pool, schema, casing: 'snake_case' });
  // Organisation transactions open in one round trip: BEGIN and the two settings in one simple
  // query (the id is a validated uuid, so it can be written into the text). One ORM instance per
  // pooled connection, kept while the connection lives.
  const perClient = new WeakMap<pg.PoolClient, Database>();
  registerScopedBegin(db as unknown as Database, async (tenantId) => {
    const client = await pool.connect();
    try {
      await client.query(
        `BEGIN; SELECT set_config('role', 'banso_app', true), set_config('banso.tenant_id', '${tenantId}', true)`,
      );
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    let scoped = perClient.get(client);
    if (!scoped) {
      scoped = drizzleNodePg({
        client: serialized(client),
        schema,
        casing: 'snake_case',
      }) as unknown as Database;
      perClient.set(client, scoped);
    }
    const end = async (statement: 'COMMIT' | 'ROLLBACK') => {
      try {
        await client.query(statement);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      client.release();
    };
    return {
      db: scoped,
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK').catch(() => {}),
    };
  });
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    migrate: () => migrateNodePg(db, { migrationsFolder }),
    listen: (channel, handlers) =>
      listenPostgres(options.url, options.applicationName ?? 'banso', channel, handlers),
    close: () => pool.end(),
  };
}

/**
 * Organisation transactions on the embedded database: PGlite's own transaction (which holds its
 * only connection) with the two settings sent as one simple query, and the ORM's transaction
 * object built on it as drizzle's `transaction()` builds it, without a second, parameterised
 * statement. The id is a validated uuid, so it can be written into the text.
 */
function pgliteScopedBegin(client: PGlite, db: PgliteDatabase<Schema>) {
  // drizzle's own transaction() hands these to PgliteSession/PgliteTransaction (drizzle-orm 0.45).
  const internals = db as unknown as {
    dialect: ConstructorParameters<typeof PgliteTransaction>[0];
    _: { schema: unknown; fullSchema: unknown; tableNamesMap: unknown };
  };
  const relational = {
    schema: internals._.schema,
    fullSchema: internals._.fullSchema,
    tableNamesMap: internals._.tableNamesMap,
  } as ConstructorParameters<typeof PgliteTransaction>[2];
  return (tenantId: string) =>
    new Promise<ScopedConnection>((resolve, reject) => {
      let settle: (commit: boolean) => void = () => {};
      const outcome = new Promise<boolean>((r) => {
        settle = r;
      });
      let opened = false;
      const finished = client.transaction(async (ptx) => {
        await ptx.exec(
          `SELECT set_config('role', 'banso_app', true), set_config('banso.tenant_id', '${tenantId}', true)`,
        );
        const session = new PgliteSession(ptx as unknown as PGlite, internals.dialect, relational);
        const tx = new PgliteTransaction(internals.dialect, session, relational);
        opened = true;
        resolve({
          db: tx as unknown as Database,
          commit: async () => {
            settle(true);
            await finished;
          },
          rollback: async () => {
            settle(false);
            await finished.catch(() => {});
          },
        });
        if (!(await outcome)) await ptx.rollback();
      });
      finished.catch((error: unknown) => {
        if (!opened) reject(error);
      });
    });
}

/**
 * One connection answers one query at a time: statements issued together inside a transaction
 * (Promise.all) are queued here instead of being handed to node-postgres at once, which it
 * deprecates.
 */
function serialized(client: pg.PoolClient): pg.PoolClient {
  let tail: Promise<unknown> = Promise.resolve();
  const query = (...args: unknown[]) => {
    const run = tail.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
    tail = run.catch(() => {});
    return run;
  };
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'query' ? query : Reflect.get(target, key, receiver)),
  });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A dedicated connection that LISTENs, reconnecting with a growing delay (max 30 s). */
async function listenPostgres(
  url: string,
  applicationName: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: url,
      application_name: `${applicationName}-listen`,
    });
    c.on('notification', (msg) => {
      if (msg.channel === channel) handlers.onNotify(msg.payload ?? '');
    });
    c.on('error', (error) => {
      handlers.onError?.(error);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${quoteIdent(channel)}`);
    client = c;
    delay = 500;
  };
  const reconnect = (dead: pg.Client) => {
    if (stopped || client !== dead) return;
    client = null;
    dead.end().catch(() => {});
    const attempt = () => {
      retryTimer = undefined;
      if (stopped) return;
      connect().then(
        () => handlers.onReset?.(),
        (error: Error) => {
          handlers.onError?.(error);
          delay = Math.min(delay * 2, 30_000);
          retryTimer = setTimeout(attempt, delay);
          retryTimer.unref();
        },
      );
    };
    retryTimer = setTimeout(attempt, delay);
    retryTimer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const c = client;
    client = null;
    await c?.end();
  };
}
