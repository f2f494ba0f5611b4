import { randomUUID } from 'node:crypto';
import type { Database } from '@banso/db';
import {
  DEFAULT_FINANCE_CATEGORIES,
  DEFAULT_ISSUE_CATEGORIES,
  DEFAULT_VISIT_TARGET,
  type IssueCategory,
  type SupporterCreate,
  type SupporterListQuery,
  type SupporterUpdate,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { authorize } from '../auth/permissions';
import { isUniqueViolation } from '../companies/unique-violation';
import { createSupportersRepository, type SupporterWithUser } from './supporters.repository';

const tx = <T>(db: Database, fn: (tx: Database) => Promise<T>) =>
  db.transaction(async (t) => fn(t as unknown as Database));

export function createSupportersService(deps: {
  db: Database;
  now: () => Date;
  users: { exists(tenantId: string, id: string): Promise<boolean> };
}) {
  const repo = createSupportersRepository(deps.db);

  /** The taxonomy; a tenant that never configured one gets the defaults written once. */
  async function categories(tenantId: string): Promise<IssueCategory[]> {
    let rows = await repo.listCategories(tenantId);
    if (rows.length === 0) {
      const finance = new Set<string>(DEFAULT_FINANCE_CATEGORIES);
      await repo.replaceCategories(
        tenantId,
        DEFAULT_ISSUE_CATEGORIES.map((name) => ({
          name,
          finance: finance.has(name),
          active: true,
        })),
      );
      rows = await repo.listCategories(tenantId);
    }
    return rows.map((r) => ({ name: r.name, finance: r.finance, active: r.active }));
  }

  async function checkCategories(tenantId: string, field: string, names: readonly string[]) {
    if (names.length === 0) return;
    const known = new Set((await categories(tenantId)).map((c) => c.name));
    const index = names.findIndex((n) => !known.has(n));
    if (index >= 0) throw AppError.field('validation_failed', `${field}.${index}`, 'invalid_value');
  }

  async function checkUser(tenantId: string, userId: string | null | undefined) {
    if (userId && !(await deps.users.exists(tenantId, userId)))
      throw AppError.field('validation_failed', 'userId', 'invalid_value');
  }

  const linked = (error: unknown) =>
    isUniqueViolation(error) ? AppError.field('already_exists', 'userId', 'invalid_value') : error;

  return {
    categories,
    checkCategories,

    async setCategories(actor: Actor, items: IssueCategory[]) {
      authorize(actor, 'caravan-settings:write');
      const names = items.map((i) => i.name);
      const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (dup >= 0) throw AppError.field('validation_failed', `items.${dup}.name`, 'invalid_value');
      const before = await categories(actor.tenantId);
      await tx(deps.db, async (t) => {
        await createSupportersRepository(t).replaceCategories(actor.tenantId, items);
        await insertAudit(t, actor, [
          {
            action: 'update',
            entity: 'issue_categories',
            entityId: actor.tenantId,
            changes: diffRecords({ items: before }, { items }),
          },
        ]);
      });
      return categories(actor.tenantId);
    },

    async target(tenantId: string, fiscalYear: number) {
      const set = await repo.findTarget(tenantId, fiscalYear);
      return { fiscalYear, target: set ?? DEFAULT_VISIT_TARGET, isDefault: set === null };
    },

    async listTargets(actor: Actor) {
      authorize(actor, 'planner:read');
      return repo.listTargets(actor.tenantId);
    },

    async setTarget(actor: Actor, fiscalYear: number, target: number) {
      authorize(actor, 'caravan-settings:write');
      await tx(deps.db, async (t) => {
        const before = await createSupportersRepository(t).upsertTarget(
          actor.tenantId,
          fiscalYear,
          target,
          actor.userId,
          deps.now(),
        );
        await insertAudit(t, actor, [
          {
            action: 'update',
            entity: 'visit_target',
            entityId: String(fiscalYear),
            changes: { target: { before, after: target } },
          },
        ]);
      });
      return { fiscalYear, target, isDefault: false };
    },

    async list(actor: Actor, query: SupporterListQuery) {
      authorize(actor, 'supporters:read');
      return repo.list(actor.tenantId, query);
    },

    async get(actor: Actor, id: string): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:read');
      const row = await repo.find(actor.tenantId, id);
      if (!row) throw notFound('supporter');
      return row;
    },

    /** The supporter linked to the actor's login, if any. */
    findByUser: (tenantId: string, userId: string) => repo.findByUser(tenantId, userId),

    async create(actor: Actor, input: SupporterCreate): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:write');
      await checkUser(actor.tenantId, input.userId);
      await checkCategories(actor.tenantId, 'expertise', input.expertise);
      try {
        const id = await tx(deps.db, async (t) => {
          const now = deps.now();
          const row = await createSupportersRepository(t).insert({
            tenantId: actor.tenantId,
            id: randomUUID(),
            userId: input.userId ?? null,
            name: input.name,
            nameKana: input.nameKana ?? null,
            organization: input.organization ?? null,
            kind: input.kind,
            expertise: input.expertise,
            monthlyCapacity: input.monthlyCapacity,
            email: input.email ?? null,
            phone: input.phone ?? null,
            notes: input.notes ?? null,
            active: input.active,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          await insertAudit(t, actor, [
            {
              action: 'create',
              entity: 'supporter',
              entityId: row.id,
              changes: diffRecords(null, row),
            },
          ]);
          return row.id;
        });
        return (await repo.find(actor.tenantId, id)) as SupporterWithUser;
      } catch (error) {
        throw linked(error);
      }
    },

    async update(actor: Actor, id: string, input: SupporterUpdate): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:write');
      const { version, ...changes } = input;
      await checkUser(actor.tenantId, changes.userId);
      if (changes.expertise) await checkCategories(actor.tenantId, 'expertise', changes.expertise);
      try {
        await tx(deps.db, async (t) => {
          const r = createSupportersRepository(t);
          const before = await r.find(actor.tenantId, id);
          if (!before) throw notFound('supporter');
          if (before.version !== version) throw new AppError('stale_version');
          const { userDisplayName: _u, ...beforeRow } = before;
          const after = await r.update(actor.tenantId, id, version, {
            ...changes,
            updatedAt: deps.now(),
            updatedBy: actor.userId,
          });
          if (!after) throw new AppError('stale_version');
          await insertAudit(t, actor, [
            {
              action: 'update',
              entity: 'supporter',
              entityId: id,
              changes: diffRecords(beforeRow, after),
            },
          ]);
        });
      } catch (error) {
        throw linked(error);
      }
      return (await repo.find(actor.tenantId, id)) as SupporterWithUser;
    },
  };
}
export type SupportersService = ReturnType<typeof createSupportersService>;
