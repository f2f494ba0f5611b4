import type { Database, TenantTx } from '@banso/db';
import {
  type CompanyCreate,
  CompanyId,
  type CompanyListQuery,
  type CompanyUpdate,
  type HistoryQuery,
  normalizeCorporateNumber,
  normalizeForSearch,
  type UserId,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { decodeCursor, encodeCursor } from '../../data/cursor';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { type AuditPageResult, auditPage } from '../audit/audit.service';
import { diffRecords } from '../audit/audit-diff';
import { createUsersRepository } from '../users/users.repository';
import {
  type CompanyCursor,
  type CompanyFilter,
  type CompanyRow,
  createCompaniesRepository,
} from './companies.repository';
import { valuesFromCreate, valuesFromUpdate } from './company-values';
import { isUniqueViolation } from './unique-violation';

const isCompanyCursor =
  (sort: 'kana' | 'updated') =>
  (v: unknown): v is CompanyCursor => {
    if (typeof v !== 'object' || v === null) return false;
    const c = v as Record<string, unknown>;
    if (c.sort !== sort || !CompanyId.safeParse(c.id).success) return false;
    return sort === 'kana'
      ? typeof c.kana === 'string'
      : typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at));
  };

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
  async function load(tx: TenantTx, id: CompanyId): Promise<CompanyRow> {
    const row = await createCompaniesRepository(tx).find(id);
    if (!row) throw notFound('company');
    return row;
  }

  async function changeArchive(actor: Actor, id: CompanyId, version: number, archive: boolean) {
    authorize(actor, 'companies:write');
    return asActor(deps.db, actor, async (tx) => {
      const before = await load(tx, id);
      if (before.version !== version) throw new AppError('stale_version');
      const now = deps.now();
      const after = await createCompaniesRepository(tx).update(id, version, {
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
      const cursor = query.cursor ? decodeCursor(query.cursor, isCompanyCursor(query.sort)) : null;
      const rows = await asActor(deps.db, actor, (tx) =>
        createCompaniesRepository(tx).list(filter, cursor, query.sort, query.limit + 1),
      );
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

    async get(actor: Actor, id: CompanyId): Promise<CompanyRow> {
      authorize(actor, 'companies:read');
      return asActor(deps.db, actor, (tx) => load(tx, id));
    },

    async create(actor: Actor, input: CompanyCreate): Promise<CompanyRow> {
      authorize(actor, 'companies:write');
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const companies = createCompaniesRepository(tx);
          if (
            input.corporateNumber &&
            (await companies.findByCorporateNumber(input.corporateNumber))
          ) {
            throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
          }
          const now = deps.now();
          const row = await companies.insert({
            ...valuesFromCreate(input),
            id: newId(CompanyId),
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

    async update(actor: Actor, id: CompanyId, input: CompanyUpdate): Promise<CompanyRow> {
      authorize(actor, 'companies:write');
      const { version, ...changes } = input;
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const before = await load(tx, id);
          if (before.version !== version) throw new AppError('stale_version');
          if (
            changes.corporateNumber &&
            changes.corporateNumber !== before.corporateNumber &&
            (await createCompaniesRepository(tx).findByCorporateNumber(changes.corporateNumber))
          ) {
            throw AppError.field('already_exists', 'corporateNumber', 'duplicate_corporate_number');
          }
          const now = deps.now();
          const after = await createCompaniesRepository(tx).update(id, version, {
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

    archive: (actor: Actor, id: CompanyId, version: number) =>
      changeArchive(actor, id, version, true),
    restore: (actor: Actor, id: CompanyId, version: number) =>
      changeArchive(actor, id, version, false),

    /** The company's audit history, newest first, a page at a time. */
    async history(actor: Actor, id: CompanyId, page: HistoryQuery): Promise<AuditPageResult> {
      authorize(actor, 'company-history:read');
      return asActor(deps.db, actor, async (tx) => {
        await load(tx, id);
        return auditPage(tx, { entity: 'company', entityId: id }, page);
      });
    },

    async listAssignments(actor: Actor, companyId: CompanyId) {
      authorize(actor, 'companies:read');
      return asActor(deps.db, actor, async (tx) => {
        await load(tx, companyId);
        return createCompaniesRepository(tx).listAssignments(companyId);
      });
    },

    async assign(actor: Actor, companyId: CompanyId, userId: UserId) {
      authorize(actor, 'assignments:manage');
      await asActor(deps.db, actor, async (tx) => {
        await load(tx, companyId);
        if (!(await createUsersRepository(tx).find(userId)))
          throw AppError.field('validation_failed', 'userId', 'invalid_value');
        const added = await createCompaniesRepository(tx).addAssignment(
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

    async unassign(actor: Actor, companyId: CompanyId, userId: UserId) {
      authorize(actor, 'assignments:manage');
      await asActor(deps.db, actor, async (tx) => {
        await load(tx, companyId);
        const removed = await createCompaniesRepository(tx).removeAssignment(companyId, userId);
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
