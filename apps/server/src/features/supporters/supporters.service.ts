import type { Database, TenantTx } from '@banso/db';
import {
  DEFAULT_FINANCE_CATEGORIES,
  DEFAULT_ISSUE_CATEGORIES,
  DEFAULT_VISIT_TARGET,
  type IssueCategory,
  type SupporterCreate,
  SupporterId,
  type SupporterListQuery,
  type SupporterUpdate,
  UserId,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { isUniqueViolation } from '../companies/unique-violation';
import { createSupportersRepository, type SupporterWithUser } from './supporters.repository';

/** The taxonomy; an organisation that never configured one gets the defaults written once. */
async function categoriesIn(tx: TenantTx): Promise<IssueCategory[]> {
  const repo = createSupportersRepository(tx);
  let rows = await repo.listCategories();
  if (rows.length === 0) {
    const finance = new Set<string>(DEFAULT_FINANCE_CATEGORIES);
    await repo.replaceCategories(
      DEFAULT_ISSUE_CATEGORIES.map((name) => ({
        name,
        finance: finance.has(name),
        active: true,
      })),
    );
    rows = await repo.listCategories();
  }
  return rows.map((r) => ({ name: r.name, finance: r.finance, active: r.active }));
}

async function checkCategoriesIn(tx: TenantTx, field: string, names: readonly string[]) {
  if (names.length === 0) return;
  const known = new Set((await categoriesIn(tx)).map((c) => c.name));
  const index = names.findIndex((n) => !known.has(n));
  if (index >= 0) throw AppError.field('validation_failed', `${field}.${index}`, 'invalid_value');
}

async function findIn(tx: TenantTx, id: SupporterId): Promise<SupporterWithUser> {
  const row = await createSupportersRepository(tx).find(id);
  if (!row) throw notFound('supporter');
  return row;
}

export function createSupportersService(deps: {
  db: Database;
  now: () => Date;
  users: { exists(actor: Actor, id: UserId, within?: TenantTx): Promise<boolean> };
}) {
  /** The request's linked login, parsed and checked to be a user of the organisation. */
  async function checkUser(actor: Actor, tx: TenantTx, userId: string | null | undefined) {
    if (!userId) return null;
    const id = UserId.parse(userId);
    if (!(await deps.users.exists(actor, id, tx)))
      throw AppError.field('validation_failed', 'userId', 'invalid_value');
    return id;
  }

  const linked = (error: unknown) =>
    isUniqueViolation(error) ? AppError.field('already_exists', 'userId', 'invalid_value') : error;

  return {
    /** The issue/expertise taxonomy (written with the defaults on first use). */
    async categories(actor: Actor, within?: TenantTx): Promise<IssueCategory[]> {
      authorize(actor, 'visits:read');
      return asActor(deps.db, actor, categoriesIn, within);
    },

    /** Fails with `<field>.<index>` on the first name that is not in the taxonomy. */
    async checkCategories(
      actor: Actor,
      field: string,
      names: readonly string[],
      within?: TenantTx,
    ): Promise<void> {
      authorize(actor, 'visits:read');
      if (names.length === 0) return;
      await asActor(deps.db, actor, (tx) => checkCategoriesIn(tx, field, names), within);
    },

    async setCategories(actor: Actor, items: IssueCategory[]) {
      authorize(actor, 'caravan-settings:write');
      const names = items.map((i) => i.name);
      const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
      if (dup >= 0) throw AppError.field('validation_failed', `items.${dup}.name`, 'invalid_value');
      return asActor(deps.db, actor, async (tx) => {
        const before = await categoriesIn(tx);
        await createSupportersRepository(tx).replaceCategories(items);
        await insertAudit(tx, actor, [
          {
            action: 'update',
            entity: 'issue_categories',
            entityId: actor.tenantId,
            changes: diffRecords({ items: before }, { items }),
          },
        ]);
        return categoriesIn(tx);
      });
    },

    /** The annual visit target of a fiscal year (the default when none was set). */
    async target(actor: Actor, fiscalYear: number, within?: TenantTx) {
      authorize(actor, 'planner:read');
      const set = await asActor(
        deps.db,
        actor,
        (tx) => createSupportersRepository(tx).findTarget(fiscalYear),
        within,
      );
      return { fiscalYear, target: set ?? DEFAULT_VISIT_TARGET, isDefault: set === null };
    },

    async listTargets(actor: Actor) {
      authorize(actor, 'planner:read');
      return asActor(deps.db, actor, (tx) => createSupportersRepository(tx).listTargets());
    },

    async setTarget(actor: Actor, fiscalYear: number, target: number) {
      authorize(actor, 'caravan-settings:write');
      await asActor(deps.db, actor, async (tx) => {
        const before = await createSupportersRepository(tx).upsertTarget(
          fiscalYear,
          target,
          actor.userId,
          deps.now(),
        );
        await insertAudit(tx, actor, [
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
      return asActor(deps.db, actor, (tx) => createSupportersRepository(tx).list(query));
    },

    async get(actor: Actor, id: SupporterId): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:read');
      return asActor(deps.db, actor, (tx) => findIn(tx, id));
    },

    async create(actor: Actor, input: SupporterCreate): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:write');
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const userId = await checkUser(actor, tx, input.userId);
          await checkCategoriesIn(tx, 'expertise', input.expertise);
          const now = deps.now();
          const row = await createSupportersRepository(tx).insert({
            id: newId(SupporterId),
            userId,
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
          await insertAudit(tx, actor, [
            {
              action: 'create',
              entity: 'supporter',
              entityId: row.id,
              changes: diffRecords(null, row),
            },
          ]);
          return findIn(tx, row.id);
        });
      } catch (error) {
        throw linked(error);
      }
    },

    async update(
      actor: Actor,
      id: SupporterId,
      input: SupporterUpdate,
    ): Promise<SupporterWithUser> {
      authorize(actor, 'supporters:write');
      const { version, userId: userBody, ...fields } = input;
      try {
        return await asActor(deps.db, actor, async (tx) => {
          const userId = await checkUser(actor, tx, userBody);
          const changes = userBody !== undefined ? { ...fields, userId } : fields;
          if (changes.expertise) await checkCategoriesIn(tx, 'expertise', changes.expertise);
          const r = createSupportersRepository(tx);
          const before = await findIn(tx, id);
          if (before.version !== version) throw new AppError('stale_version');
          const { userDisplayName: _u, ...beforeRow } = before;
          const after = await r.update(id, version, {
            ...changes,
            updatedAt: deps.now(),
            updatedBy: actor.userId,
          });
          if (!after) throw new AppError('stale_version');
          await insertAudit(tx, actor, [
            {
              action: 'update',
              entity: 'supporter',
              entityId: id,
              changes: diffRecords(beforeRow, after),
            },
          ]);
          return findIn(tx, id);
        });
      } catch (error) {
        throw linked(error);
      }
    },
  };
}
export type SupportersService = ReturnType<typeof createSupportersService>;
