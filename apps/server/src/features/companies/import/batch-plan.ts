import type { CompanyId, TenantId, UserId } from '@banso/shared';
import type { AuditEvent } from '../../audit/audit.repository';
import { diffRecords } from '../../audit/audit-diff';
import type { CompanyRow } from '../companies.repository';
import { companySearchColumns } from '../company-search';
import type { CompanyData, ImportRow } from './import-row';

export interface BatchContext {
  tenantId: TenantId;
  userId: UserId;
  now: Date;
  newId: () => CompanyId;
}

export interface BatchPlan {
  /** Complete rows to upsert, at most one per company. */
  writes: CompanyRow[];
  /** One audit event per written company, before → after of the changed fields. */
  events: AuditEvent[];
  inserted: number;
  updated: number;
  unchanged: number;
}

const sameValue = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
};

const SEARCH_SOURCES = new Set(['name', 'nameKana', 'nameEn']);

/**
 * Decides what a batch of rows does to the companies that exist (`existing`: every company the
 * batch's 法人番号 or IDs name). A row updates the company with its 法人番号, else the company
 * with its ID; otherwise it inserts one (keeping the file's ID if it has one, so a file moved
 * between Banso installations keeps its ids). An update writes only the row's own fields, and
 * nothing at all when they are unchanged. Rows apply in order, as if written one by one, so two
 * rows naming the same company in one batch give one write. Pure.
 */
export function planBatch(
  rows: readonly ImportRow[],
  existing: readonly CompanyRow[],
  ctx: BatchContext,
): BatchPlan {
  const byNumber = new Map<string, CompanyRow>();
  const byId = new Map<string, CompanyRow>();
  for (const company of existing) {
    byId.set(company.id, company);
    if (company.corporateNumber) byNumber.set(company.corporateNumber, company);
  }
  const pending = new Map<string, { before: CompanyRow | null; after: CompanyRow }>();
  const plan: BatchPlan = { writes: [], events: [], inserted: 0, updated: 0, unchanged: 0 };

  const track = (before: CompanyRow | null, after: CompanyRow) => {
    const previous = before?.corporateNumber;
    if (previous && previous !== after.corporateNumber && byNumber.get(previous)?.id === after.id)
      byNumber.delete(previous);
    if (after.corporateNumber) byNumber.set(after.corporateNumber, after);
    byId.set(after.id, after);
  };

  for (const row of rows) {
    const number = row.insert.corporateNumber;
    const current =
      (number !== null ? byNumber.get(number) : undefined) ??
      (row.id !== null ? byId.get(row.id) : undefined);
    if (!current) {
      const after: CompanyRow = {
        tenantId: ctx.tenantId,
        id: row.id ?? ctx.newId(),
        ...row.insert,
        ...companySearchColumns(row.insert),
        archivedAt: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.userId,
        updatedBy: ctx.userId,
        version: 1,
      };
      pending.set(after.id, { before: null, after });
      track(null, after);
      plan.inserted++;
      continue;
    }
    if (row.ntaUpdatedOn && current.ntaUpdatedOn && row.ntaUpdatedOn < current.ntaUpdatedOn) {
      plan.unchanged++;
      continue;
    }
    const changed = (Object.keys(row.patch) as (keyof CompanyData)[]).filter(
      (k) => !sameValue(current[k], row.patch[k]),
    );
    if (changed.length === 0) {
      plan.unchanged++;
      continue;
    }
    const merged: CompanyRow = { ...current, ...row.patch };
    if (changed.some((k) => SEARCH_SOURCES.has(k)))
      Object.assign(merged, companySearchColumns(merged));
    const before = pending.get(current.id)?.before ?? (pending.has(current.id) ? null : current);
    const after: CompanyRow = before
      ? { ...merged, updatedAt: ctx.now, updatedBy: ctx.userId, version: before.version + 1 }
      : merged;
    pending.set(current.id, { before, after });
    track(current, after);
    plan.updated++;
  }

  for (const [id, { before, after }] of pending) {
    plan.writes.push(after);
    plan.events.push({
      action: 'import',
      entity: 'company',
      entityId: id,
      changes: diffRecords(before, after),
    });
  }
  return plan;
}
