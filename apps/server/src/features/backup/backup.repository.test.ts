import { schema } from '@banso/db';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { CatalogError, EXCLUDED_TABLES, schemaTables, topologicalOrder } from './backup.repository';

describe('the tables a dump covers', () => {
  it('are every table of the Drizzle schema, parents before the tables that reference them', () => {
    const tables = schemaTables();
    const all = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((t) => getTableName(t as PgTable));
    expect(tables.map((t) => t.name).sort()).toEqual([...all].sort());
    const position = new Map(tables.map((t, i) => [t.name, i]));
    for (const t of tables) {
      for (const parent of t.dependsOn)
        expect(position.get(parent), `${parent} before ${t.name}`).toBeLessThan(
          position.get(t.name) ?? -1,
        );
    }
    expect(tables.find((t) => t.name === 'company_assignments')?.dependsOn.sort()).toEqual([
      'companies',
      'users',
    ]);
    expect(tables.find((t) => t.name === 'companies')?.primaryKey).toEqual(['tenant_id', 'id']);
    expect(tables.find((t) => t.name === 'tenants')?.primaryKey).toEqual(['id']);
  });

  it('leave out only login sessions and the KPI rollups (rebuilt from the visits), on purpose', () => {
    expect(Object.keys(EXCLUDED_TABLES).sort()).toEqual([
      'kpi_company_years',
      'kpi_visit_counts',
      'sessions',
    ]);
  });

  it('refuse a foreign-key cycle or a reference outside the schema', () => {
    expect(() =>
      topologicalOrder([
        { name: 'a', dependsOn: ['b'] },
        { name: 'b', dependsOn: ['a'] },
      ]),
    ).toThrow(CatalogError);
    expect(() => topologicalOrder([{ name: 'a', dependsOn: ['zzz'] }])).toThrow(
      /not in the schema/,
    );
  });
});
