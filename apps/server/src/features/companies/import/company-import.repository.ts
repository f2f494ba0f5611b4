import {
  affectedRows,
  companies,
  type Database,
  imports,
  type TenantTx,
  withoutTenantScope,
} from '@banso/db';
import type { CompanyId, ImportId } from '@banso/shared';
import { and, eq, getTableColumns, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../../context';
import type { AuditEvent } from '../../audit/audit.repository';
import type { CompanyRow } from '../companies.repository';

export type ImportRecordRow = typeof imports.$inferSelect;
export type NewImportRecordRow = typeof imports.$inferInsert;
export type ImportCounts = Pick<
  ImportRecordRow,
  'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'skipped'
>;

/** Columns an import's upsert must not overwrite on an existing company. */
const KEPT_ON_UPDATE = new Set(['tenantId', 'id', 'createdAt', 'createdBy']);
const COLUMNS = Object.entries(getTableColumns(companies)).map(([key, column]) => ({
  key,
  name: column.name,
}));
const columnList = COLUMNS.map((c) => `"${c.name}"`).join(', ');
const updateList = COLUMNS.filter((c) => !KEPT_ON_UPDATE.has(c.key))
  .map((c) => `"${c.name}" = excluded."${c.name}"`)
  .join(', ');

/** A row keyed by database column names, as jsonb_populate_recordset reads it. */
const toColumnNames = (row: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const c of COLUMNS) out[c.name] = row[c.key] ?? null;
  return out;
};

export function createCompanyImportRepository({ db, tenantId }: TenantTx) {
  return {
    /** The companies a batch names, by 法人番号 or id (archived ones included), in one query. */
    async findForBatch(numbers: string[], ids: CompanyId[]): Promise<CompanyRow[]> {
      // One array parameter each rather than one parameter per key. Safe as literals: 法人番号 are
      // validated 13-digit strings and ids validated UUIDs.
      const keys: SQL[] = [];
      if (numbers.length > 0)
        keys.push(sql`${companies.corporateNumber} = any(${`{${numbers.join(',')}}`}::text[])`);
      if (ids.length > 0) keys.push(sql`${companies.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
      if (keys.length === 0) return [];
      return db
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, tenantId), or(...keys)));
    },

    /** The stored companies a batch of import rows refers to (by 法人番号, then by ID column). */
    findForRows(
      rows: readonly { insert: { corporateNumber?: string | null }; id?: CompanyId | null }[],
    ): Promise<CompanyRow[]> {
      return this.findForBatch(
        rows.flatMap((r) => (r.insert.corporateNumber ? [r.insert.corporateNumber] : [])),
        rows.flatMap((r) => (r.id ? [r.id] : [])),
      );
    },

    /**
     * One multi-row INSERT … ON CONFLICT (tenant, id) DO UPDATE for new and changed companies.
     * An update applies only if the stored version is the one the batch read (version − 1);
     * returns how many rows were written, so the caller can detect a concurrent change.
     */
    async upsertCompanies(rows: CompanyRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const json = JSON.stringify(rows.map(toColumnNames));
      const result = await db.execute(sql`
        insert into companies (${sql.raw(columnList)})
        select ${sql.raw(columnList)} from jsonb_populate_recordset(null::companies, ${json}::jsonb)
        on conflict (tenant_id, id) do update set ${sql.raw(updateList)}
        where companies.version = excluded.version - 1`);
      return affectedRows(result);
    },

    /**
     * The audit rows of a batch, as insertAudit writes them (same columns and actor mapping), but
     * sent as one JSON parameter: the ORM's multi-row insert costs ~0.3 ms per row to build.
     */
    async insertAuditEvents(actor: Actor, events: AuditEvent[]): Promise<void> {
      if (events.length === 0) return;
      const actorUserId = actor.via === 'system' ? null : actor.userId;
      const json = JSON.stringify(
        events.map((e) => ({
          tenant_id: tenantId,
          actor_user_id: actorUserId,
          actor_label: actor.label,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          changes: e.changes,
          request_id: actor.requestId ?? null,
        })),
      );
      await db.execute(sql`
        insert into audit_log (tenant_id, actor_user_id, actor_label, action, entity, entity_id, changes, request_id)
        select tenant_id, actor_user_id, actor_label, action, entity, entity_id, changes, request_id
        from jsonb_populate_recordset(null::audit_log, ${json}::jsonb)`);
    },

    async insertImport(row: Omit<NewImportRecordRow, 'tenantId'>): Promise<void> {
      await db.insert(imports).values({ ...row, tenantId });
    },

    async findImport(id: ImportId): Promise<ImportRecordRow | null> {
      const [row] = await db
        .select()
        .from(imports)
        .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)))
        .limit(1);
      return row ?? null;
    },

    /**
     * Moves a running import's committed boundary from `fromLine` on, with its counts. False if
     * the record is not at `fromLine` any more (another process resumed the same import).
     */
    async advanceImport(
      id: ImportId,
      fromLine: number,
      patch: ImportCounts & { committedLine: number; heartbeatAt: Date },
    ): Promise<boolean> {
      const rows = await db
        .update(imports)
        .set(patch)
        .where(
          and(
            eq(imports.tenantId, tenantId),
            eq(imports.id, id),
            eq(imports.committedLine, fromLine),
            eq(imports.status, 'running'),
          ),
        )
        .returning({ id: imports.id });
      return rows.length > 0;
    },

    async updateImport(id: ImportId, patch: Partial<NewImportRecordRow>): Promise<void> {
      await db
        .update(imports)
        .set(patch)
        .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
    },
  };
}
export type CompanyImportRepository = ReturnType<typeof createCompanyImportRepository>;

/**
 * Fresh planner statistics after a large import (the embedded database has no autovacuum).
 * ANALYZE is the table owner's: maintenance, outside the organisation scope.
 */
export const analyzeCompanies = (db: Database) =>
  withoutTenantScope(db, 'analyze companies after a large import', async (root) => {
    await root.execute(sql`analyze companies`);
  });

/**
 * Marks every running import whose process showed no sign of life since `aliveSince` as
 * interrupted (its process was killed: the record would otherwise say "running" until someone
 * resumed it). Maintenance across organisations; returns the imports it marked.
 */
export const interruptStaleImports = (db: Database, aliveSince: Date) =>
  withoutTenantScope(db, 'mark imports of dead processes interrupted', (root) =>
    root
      .update(imports)
      .set({ status: 'interrupted' })
      .where(
        and(
          eq(imports.status, 'running'),
          or(
            lt(imports.heartbeatAt, aliveSince),
            and(isNull(imports.heartbeatAt), lt(imports.startedAt, aliveSince)),
          ),
        ),
      )
      .returning({ tenantId: imports.tenantId, id: imports.id }),
  );
