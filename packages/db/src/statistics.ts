import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { executeRows } from './sql-helpers';
import { withoutTenantScope } from './tenant-scope';

/** What one pass of `refreshStatistics` did. */
export interface StatisticsPass {
  /** Tables analysed (ANALYZE) because enough rows changed since their last statistics. */
  analyzed: string[];
  /** Tables vacuumed (VACUUM (ANALYZE)) because enough dead row versions had piled up. */
  vacuumed: string[];
}

interface TableActivity {
  name: string;
  reltuples: number;
  changed: number;
  dead: number;
  analyzeThreshold: number;
  analyzeScale: number;
  vacuumThreshold: number;
  vacuumScale: number;
}

/**
 * What autovacuum does for a PostgreSQL server, for a database that has none: the embedded one
 * (PGlite runs no autovacuum worker). Without it the planner never gets statistics: a table
 * that was empty when it was created stays "small" for it, so listing 20 companies of thousands
 * sorts all of them instead of reading 20 entries of the sort index (docs/benchmarks.md, "Request
 * overhead"), and dead row versions of updated rows are never reclaimed.
 *
 * The thresholds are the server's own autovacuum settings (by default: analyse after
 * 50 + 10 % of the rows changed, vacuum after 50 + 20 % of them dead), applied to the tables of
 * the `public` schema. Maintenance across organisations, outside the organisation scope; one
 * statement per table, so other work runs in between.
 */
export function refreshStatistics(root: Database): Promise<StatisticsPass> {
  return withoutTenantScope(root, 'statistics of the embedded database', async (db) => {
    // Counters of this process reach pg_stat_* when they are flushed (at most once a second,
    // when idle): flush them now, so the next statement reads every change made so far.
    await db.execute(sql`select pg_stat_force_next_flush()`);
    await db.execute(sql`select 1`);
    const rows = await executeRows<TableActivity>(
      db,
      sql`
      select s.relname as name,
             c.reltuples::float8 as reltuples,
             s.n_mod_since_analyze::float8 as changed,
             s.n_dead_tup::float8 as dead,
             current_setting('autovacuum_analyze_threshold')::float8 as "analyzeThreshold",
             current_setting('autovacuum_analyze_scale_factor')::float8 as "analyzeScale",
             current_setting('autovacuum_vacuum_threshold')::float8 as "vacuumThreshold",
             current_setting('autovacuum_vacuum_scale_factor')::float8 as "vacuumScale"
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
      where s.schemaname = 'public'
      order by s.relname`,
    );
    const pass: StatisticsPass = { analyzed: [], vacuumed: [] };
    for (const t of rows) {
      // reltuples is -1 for a table never analysed or vacuumed.
      const live = Math.max(Number(t.reltuples), 0);
      if (Number(t.dead) > Number(t.vacuumThreshold) + Number(t.vacuumScale) * live) {
        await db.execute(sql`vacuum (analyze) ${sql.identifier(t.name)}`);
        pass.vacuumed.push(t.name);
      } else if (Number(t.changed) > Number(t.analyzeThreshold) + Number(t.analyzeScale) * live) {
        await db.execute(sql`analyze ${sql.identifier(t.name)}`);
        pass.analyzed.push(t.name);
      }
    }
    return pass;
  });
}
