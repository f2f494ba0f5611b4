import { randomUUID } from 'node:crypto';
import type { Database } from '@banso/db';
import {
  type CompanyCreate,
  type CompanyListQuery,
  type CompanyUpdate,
  normalizeCorporateNumber,
  normalizeForSearch,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { authorize, partnerScope } from '../auth/permissions';
import {
  type CompanyCursor,
  type CompanyFilter,
  type CompanyRow,
  createCompaniesRepository,
} from './companies.repository';
import { valuesFromCreate, valuesFromUpdate } from './company-values';
import { isUniqueViolation } from './unique-violation';

export function encodeCursor(cursor: CompanyCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string, sort: 'kana' | 'updated'): CompanyCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as CompanyCursor;
    if (parsed.sort === sort && typeof parsed.id === 'string') return parsed;
  } catch {
    // fall through
  }
  throw AppError.field('bad_request', 'cursor', 'invalid_value');
}

/** Turns the API's list query into a repository filter (search text normalised). */
export function filterFromQuery(query: Partial<CompanyListQuery>): CompanyFilter {
  const filter: CompanyFilter = {};
  if (query.q?.trim()) {
    const digits = normalizeCorporateNumber(query.q);
    if (/^\d{13}$/.test(digits)) filter.corporateNumber = digits;
    else {
      const text = normalizeForSearch(query.q);
      if (text) filter.text = text;
    }
  }
  if (query.corporateNumber)
    filter.corporateNumber = normalizeCorporateNumber(query.corporateNumber);
  if (query.jsic) filter.jsicPrefix = query.jsic.trim().toUpperCase();
  if (query.municipality) filter.municipalityPrefix = query.municipality.trim();
  if (query.tag) filter.tag = query.tag.trim();
  if (query.kind) filter.kind = query.kind;
  if (query.status) filter.status = query.status;
  if (query.includeArchived) filter.includeArchived = true;
  return filter;
}

export function createCompaniesService(deps: { db: Database; now: () => Date }) {
  const repo = createCompaniesRepository(deps.db);

  async function load(db: Database, actor: Actor, id: string): Promise<CompanyRow> {
    const row = await createCompaniesRepository(db).find(actor.tenantId, id, partnerScope(actor));
    if (!row) throw notFound('company');
    return row;
  }

  async function changeArchive(actor: Actor, id: string, version: number, archive: boolean) {
    authorize(actor, 'companies:write');
    return deps.db.transaction(async (txDb) => {
      const tx = txDb as unknown as Database;
      const before = await load(tx, actor, id);
      if (before.version !== version) throw new AppError('stale_version');
      const now = deps.now();
      const after = await createCompaniesRepository(tx).update(actor.tenantId, id, version, {
        archivedAt: archive ? now : null,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      await insertAudit(tx, actor, [
        {
          action: archive ? 'archive' : 'restore',
          entity: 'company',
          entityId: id,
          changes: diffRecords(before, after),
        },
      ]);
      return after;
    });
  }

  return {
    async list(actor: Actor, query: CompanyListQuery) {
      authorize(actor, 'companies:read');
      const filter = filterFromQuery(query);
      const scope = partnerScope(actor);
      if (scope) filter.assignedTo = scope;
      const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
      const rows = await repo.list(actor.tenantId, filter, cursor, query.sort, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? encodeCursor(
              query.sort === 'kana'
                ? { sort: 'kana', kana: last.kanaSort, id: last.id }
                : { sort: 'updated', at: last.updatedAt.toISOString(), id: last.id },
            )
          : null;
      return { items, nextCursor };
    },

    async get(actor: Actor, id: string): Promise<CompanyRow> {
      authorize(actor, 'companies:read');
      return load(deps.db, actor, id);
    },

    async create(actor: Actor, input: CompanyCreate): Promise<CompanyRow> {
      authorize(actor, 'companies:write');
      try {
        return await deps.db.transaction(async (txDb) => {
          const tx = txDb as unknown as Database;
          const companies = createCompaniesRepository(tx);
          if (
            input.corporateNumber &&
            (await companies.findByCorporateNumber(actor.tenantId, input.corporateNumber))
          ) {
            throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
          }
          const now = deps.now();
          const row = await companies.insert({
            ...valuesFromCreate(input),
            tenantId: actor.tenantId,
            id: randomUUID(),
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          await insertAudit(tx, actor, [
            {
              action: 'create',
              entity: 'company',
              entityId: row.id,
              changes: diffRecords(null, row),
            },
          ]);
          return row;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
        }
        throw error;
      }
    },

    async update(actor: Actor, id: string, input: CompanyUpdate): Promise<CompanyRow> {
      authorize(actor, 'companies:write');
      const { version, ...changes } = input;
      try {
        return await deps.db.transaction(async (txDb) => {
          const tx = txDb as unknown as Database;
          const before = await load(tx, actor, id);
          if (before.version !== version) throw new AppError('stale_version');
          if (
            changes.corporateNumber &&
            changes.corporateNumber !== before.corporateNumber &&
            (await createCompaniesRepository(tx).findByCorporateNumber(
              actor.tenantId,
              changes.corporateNumber,
            ))
          ) {
            throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
          }
          const now = deps.now();
          const after = await createCompaniesRepository(tx).update(actor.tenantId, id, version, {
            ...valuesFromUpdate(before, changes),
            updatedAt: now,
            updatedBy: actor.userId,
          });
          if (!after) throw new AppError('stale_version');
          await insertAudit(tx, actor, [
            {
              action: 'update',
              entity: 'company',
              entityId: id,
              changes: diffRecords(before, after),
            },
          ]);
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
        }
        throw error;
      }
    },

    archive: (actor: Actor, id: string, version: number) => changeArchive(actor, id, version, true),
    restore: (actor: Actor, id: string, version: number) =>
      changeArchive(actor, id, version, false),

    async listAssignments(actor: Actor, companyId: string) {
      authorize(actor, 'companies:read');
      await load(deps.db, actor, companyId);
      return repo.listAssignments(actor.tenantId, companyId);
    },

    async assign(
      actor: Actor,
      companyId: string,
      userId: string,
      users: { exists(tenantId: string, id: string): Promise<boolean> },
    ) {
      authorize(actor, 'assignments:manage');
      await load(deps.db, actor, companyId);
      if (!(await users.exists(actor.tenantId, userId)))
        throw AppError.field('validation_failed', 'userId', 'invalid_value');
      await deps.db.transaction(async (txDb) => {
        const tx = txDb as unknown as Database;
        const added = await createCompaniesRepository(tx).addAssignment(
          actor.tenantId,
          companyId,
          userId,
          actor.userId,
        );
        if (added) {
          await insertAudit(tx, actor, [
            {
              action: 'create',
              entity: 'company_assignment',
              entityId: `${companyId}:${userId}`,
              changes: { userId: { before: null, after: userId } },
            },
          ]);
        }
      });
    },

    async unassign(actor: Actor, companyId: string, userId: string) {
      authorize(actor, 'assignments:manage');
      await load(deps.db, actor, companyId);
      await deps.db.transaction(async (txDb) => {
        const tx = txDb as unknown as Database;
        const removed = await createCompaniesRepository(tx).removeAssignment(
          actor.tenantId,
          companyId,
          userId,
        );
        if (!removed) throw notFound('assignment');
        await insertAudit(tx, actor, [
          {
            action: 'delete',
            entity: 'company_assignment',
            entityId: `${companyId}:${userId}`,
            changes: { userId: { before: userId, after: null } },
          },
        ]);
      });
    },
  };
}
export type CompaniesService = ReturnType<typeof createCompaniesService>;
