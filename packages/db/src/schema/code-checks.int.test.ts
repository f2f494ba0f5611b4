import { VOCABULARIES } from '@banso/shared/vocabulary';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { CODE_CHECKS } from './columns';
import './index';

/**
 * The database's CHECK constraints on closed sets are generated from @banso/shared's vocabulary:
 * after the migrations, each lists exactly the vocabulary's codes (so a code added to the
 * vocabulary without `npm run db:generate` fails here), and a value outside the set is refused.
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

async function checkDefinition(table: string, column: string): Promise<string | null> {
  const result = (await database.db.execute(
    sql`select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid where t.relname = ${table} and c.conname = ${`${table}_${column}_check`} and c.contype = 'c'`,
  )) as unknown as { rows: { def: string }[] };
  return result.rows[0]?.def ?? null;
}

/** The quoted codes of a definition, in order: CHECK ((kind = ANY (ARRAY['a'::text, …]))). */
const codesOf = (def: string) => [...def.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]);

describe('CHECK constraints from the vocabulary', () => {
  it('covers every stored closed set the schema declares, with the vocabulary codes in order', async () => {
    expect(CODE_CHECKS.length).toBeGreaterThanOrEqual(20);
    for (const { table, column, vocabulary } of CODE_CHECKS) {
      expect(VOCABULARIES).toContain(vocabulary);
      const def = await checkDefinition(table, column);
      expect(def, `${table}.${column}`).not.toBeNull();
      expect(codesOf(def ?? ''), `${table}.${column}`).toEqual([...vocabulary.codes]);
    }
  });

  it('refuses a code outside the set and takes one inside it', async () => {
    await database.db.execute(
      sql`insert into tenants (id, slug, name) values (gen_random_uuid(), 'vocab-check', 'x')`,
    );
    const insertUser = (email: string, role: string) =>
      database.db.execute(
        sql`insert into users (tenant_id, id, email, display_name, password_hash, role) select id, gen_random_uuid(), ${email}, 'a', 'x', ${role} from tenants where slug = 'vocab-check'`,
      );
    await insertUser('staff@example.jp', 'staff');
    const error = await insertUser('owner@example.jp', 'owner').then(
      () => null,
      (e: unknown) => e,
    );
    const text = `${String(error)} ${String((error as { cause?: unknown } | null)?.cause)}`;
    expect(text).toContain('users_role_check');
  });
});
