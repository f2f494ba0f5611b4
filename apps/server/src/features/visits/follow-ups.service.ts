import type { Database, TenantTx } from '@banso/db';
import {
  CompanyId,
  type FollowUpComplete,
  type FollowUpCreate,
  FollowUpId,
  type FollowUpListQuery,
  type FollowUpUpdate,
  SupporterId,
  type VisitId,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize, can } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { createSupportersRepository } from '../supporters/supporters.repository';
import type { SupportersService } from '../supporters/supporters.service';
import { createFollowUpsRepository, type FollowUpFilter } from './follow-ups.repository';
import { presentFollowUp } from './visits.presenter';
import { createVisitsRepository, type FollowUpWithNames } from './visits.repository';
import type { VisitsService } from './visits.service';

export function createFollowUpsService(deps: {
  db: Database;
  now: () => Date;
  supporters: SupportersService;
  visits: VisitsService;
}) {
  const present = (row: FollowUpWithNames) => presentFollowUp(row, deps.visits.today());

  async function load(tx: TenantTx, id: FollowUpId) {
    const row = await createFollowUpsRepository(tx).find(id);
    if (!row) throw notFound('follow_up');
    return row;
  }

  /** The request's assignee, parsed and checked to be a supporter of the organisation. */
  async function checkAssignee(tx: TenantTx, id: string | null | undefined) {
    if (!id) return null;
    const [found] = await createSupportersRepository(tx).findMany([SupporterId.parse(id)]);
    if (!found) throw AppError.field('validation_failed', 'assigneeId', 'invalid_value');
    return found.id;
  }

  /** Writers change any follow-up; a partner completes only those assigned to their supporter. */
  /** Writers complete any follow-up; partners only theirs (checked on the row); others never. */
  function authorizeCompletion(actor: Actor): void {
    if (!can(actor, 'visits:write')) authorize(actor, 'follow-ups:complete');
  }

  async function authorizeChange(tx: TenantTx, actor: Actor, row: FollowUpWithNames) {
    if (can(actor, 'visits:write')) return;
    authorize(actor, 'follow-ups:complete');
    const own = await createSupportersRepository(tx).findByUser(actor.userId);
    if (!own || own.id !== row.assigneeId)
      throw new AppError('forbidden', { log: 'follow-up not assigned to this partner' });
  }

  /** The change of one follow-up; the caller has authorised the actor for the operation. */
  async function change(
    actor: Actor,
    id: FollowUpId,
    version: number,
    patch: (before: FollowUpWithNames) => Record<string, unknown>,
    check: (tx: TenantTx) => Promise<void> = async () => {},
  ) {
    return asActor(deps.db, actor, async (tx) => {
      await check(tx);
      const before = await load(tx, id);
      await authorizeChange(tx, actor, before);
      if (before.version !== version) throw new AppError('stale_version');
      const after = await createFollowUpsRepository(tx).update(id, version, {
        ...patch(before),
        updatedAt: deps.now(),
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      const { companyName: _c, assigneeName: _a, assigneeKind: _k, ...beforeRow } = before;
      await insertAudit(tx, actor, [
        {
          action: 'update',
          entity: 'follow_up',
          entityId: id,
          changes: diffRecords(beforeRow, after),
        },
      ]);
      return present(await load(tx, id));
    });
  }

  return {
    present,

    async list(actor: Actor, query: FollowUpListQuery, within?: TenantTx) {
      authorize(actor, 'visits:read');
      return asActor(
        deps.db,
        actor,
        async (tx) => {
          const filter: FollowUpFilter = {};
          if (query.mine) {
            const own = await createSupportersRepository(tx).findByUser(actor.userId);
            if (!own) return [];
            filter.assigneeId = own.id;
          }
          if (query.assigneeId) {
            if (filter.assigneeId && filter.assigneeId !== query.assigneeId) return [];
            filter.assigneeId = SupporterId.parse(query.assigneeId);
          }
          if (query.teamMemberId) filter.teamMemberId = SupporterId.parse(query.teamMemberId);
          if (query.companyId) filter.companyId = CompanyId.parse(query.companyId);
          if (query.status) filter.status = query.status;
          if (query.overdue) filter.overdueBefore = deps.visits.today();
          return (await createFollowUpsRepository(tx).list(filter, query.limit)).map(present);
        },
        within,
      );
    },

    async get(actor: Actor, id: FollowUpId) {
      authorize(actor, 'visits:read');
      return asActor(deps.db, actor, async (tx) => present(await load(tx, id)));
    },

    async create(actor: Actor, visitId: VisitId, input: FollowUpCreate) {
      authorize(actor, 'visits:write');
      return asActor(deps.db, actor, async (tx) => {
        const visit = await createVisitsRepository(tx).find(visitId);
        if (!visit) throw notFound('visit');
        const assigneeId = await checkAssignee(tx, input.assigneeId);
        const now = deps.now();
        const [row] = await createFollowUpsRepository(tx).insertMany([
          {
            id: newId(FollowUpId),
            visitId,
            companyId: visit.companyId,
            title: input.title,
            assigneeId,
            dueOn: input.dueOn ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          },
        ]);
        if (!row) throw new Error('insert follow-up returned nothing');
        await insertAudit(tx, actor, [
          {
            action: 'create',
            entity: 'follow_up',
            entityId: row.id,
            changes: diffRecords(null, row),
          },
        ]);
        return present(await load(tx, row.id));
      });
    },

    async update(actor: Actor, id: FollowUpId, input: FollowUpUpdate) {
      authorize(actor, 'visits:write');
      const { version, ...changes } = input;
      return change(
        actor,
        id,
        version,
        () => changes,
        async (tx) => {
          await checkAssignee(tx, changes.assigneeId);
        },
      );
    },

    async complete(actor: Actor, id: FollowUpId, input: FollowUpComplete) {
      authorizeCompletion(actor);
      return change(actor, id, input.version, () => ({
        status: 'done',
        completedOn: input.completedOn ?? deps.visits.today(),
        completionNote: input.note ?? null,
      }));
    },

    async reopen(actor: Actor, id: FollowUpId, version: number) {
      authorizeCompletion(actor);
      return change(actor, id, version, () => ({
        status: 'open',
        completedOn: null,
        completionNote: null,
      }));
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
