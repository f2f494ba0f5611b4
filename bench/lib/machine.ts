import { readFileSync } from 'node:fs';
import os from 'node:os';
import { openDatabase } from '@banso/db';
import { sql } from 'drizzle-orm';
import { BENCH_PG_URL, postgresReachable, query, serverVersion } from './bench-db';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pglite: string;
  postgres: string | null;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** What the numbers were measured on. */
export async function describeMachine(): Promise<Machine> {
  const pglite = await openDatabase({ driver: 'pglite', dataDir: null });
  const pgliteVersion = await serverVersion(pglite.db);
  await pglite.close();
  let postgres: string | null = null;
  if (await postgresReachable()) {
    const handle = await openDatabase({ driver: 'postgres', url: BENCH_PG_URL, poolSize: 1 });
    const [row] = await query<{ v: string }>(handle.db, sql`select version() as v`);
    postgres = row?.v.split(' on ')[0] ?? null;
    await handle.close();
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    pglite: `@electric-sql/pglite ${packageVersion('@electric-sql/pglite')} (PostgreSQL ${pgliteVersion})`,
    postgres,
  };
}
