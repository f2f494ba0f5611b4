import { randomUUID } from 'node:crypto';
import type { Database } from '@banso/db';
import type {
  FollowUpComplete,
  FollowUpCreate,
  FollowUpListQuery,
  FollowUpUpdate,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { authorize, can, partnerScope } from '../auth/permissions';
import { createSupportersRepository } from '../supporters/supporters.repository';
import type { SupportersService } from '../supporters/supporters.service';
import { createFollowUpsRepository, type FollowUpFilter } from './follow-ups.repository';
import { presentFollowUp } from './visits.presenter';
import { createVisitsRepository, type FollowUpWithNames } from './visits.repository';
import type { VisitsService } from './visits.service';

const tx = <T>(db: Database, fn: (tx: Database) => Promise<T>) =>
  db.transaction(async (t) => fn(t as unknown as Database));

export function createFollowUpsService(deps: {
  db: Database;
  now: () => Date;
  supporters: SupportersService;
  visits: VisitsService;
}) {
  const repo = createFollowUpsRepository(deps.db);
  const present = (row: FollowUpWithNames) => presentFollowUp(row, deps.visits.today());

  async function load(db: Database, actor: Actor, id: string) {
    const row = await createFollowUpsRepository(db).find(actor.tenantId, id, partnerScope(actor));
    if (!row) throw notFound('follow_up');
    return row;
  }

  async function checkAssignee(tenantId: string, id: string | null | undefined) {
    if (!id) return;
    const [found] = await createSupportersRepository(deps.db).findMany(tenantId, [id]);
    if (!found) throw AppError.field('validation_failed', 'assigneeId', 'invalid_value');
  }

  /** Writers change any follow-up; a partner completes only those assigned to their supporter. */
  async function authorizeChange(db: Database, actor: Actor, row: FollowUpWithNames) {
    if (can(actor, 'visits:write')) return;
    authorize(actor, 'follow-ups:complete');
    // Inside the transaction: PGlite has one connection, a query beside it would wait forever.
    const own = await createSupportersRepository(db).findByUser(actor.tenantId, actor.userId);
    if (!own || own.id !== row.assigneeId)
      throw new AppError('forbidden', { log: 'follow-up not assigned to this partner' });
  }

  async function change(
    actor: Actor,
    id: string,
    version: number,
    patch: (before: FollowUpWithNames) => Record<string, unknown>,
    requireWriter = false,
  ) {
    if (requireWriter) authorize(actor, 'visits:write');
    else authorize(actor, 'visits:read');
    await tx(deps.db, async (t) => {
      const before = await load(t, actor, id);
      await authorizeChange(t, actor, before);
      if (before.version !== version) throw new AppError('stale_version');
      const after = await createFollowUpsRepository(t).update(actor.tenantId, id, version, {
        ...patch(before),
        updatedAt: deps.now(),
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      const { companyName: _c, assigneeName: _a, assigneeKind: _k, ...beforeRow } = before;
      await insertAudit(t, actor, [
        {
          action: 'update',
          entity: 'follow_up',
          entityId: id,
          changes: diffRecords(beforeRow, after),
        },
      ]);
    });
    return present(await load(deps.db, actor, id));
  }

  return {
    present,

    async list(actor: Actor, query: FollowUpListQuery) {
      authorize(actor, 'visits:read');
      const filter: FollowUpFilter = {};
      const scope = partnerScope(actor);
      if (scope) filter.assignedTo = scope;
      if (query.mine) {
        const own = await deps.supporters.findByUser(actor.tenantId, actor.userId);
        if (!own) return [];
        filter.assigneeId = own.id;
      }
      if (query.assigneeId) {
        if (filter.assigneeId && filter.assigneeId !== query.assigneeId) return [];
        filter.assigneeId = query.assigneeId;
      }
      if (query.teamMemberId) filter.teamMemberId = query.teamMemberId;
      if (query.companyId) filter.companyId = query.companyId;
      if (query.status) filter.status = query.status;
      if (query.overdue) filter.overdueBefore = deps.visits.today();
      return (await repo.list(actor.tenantId, filter, query.limit)).map(present);
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'visits:read');
      return present(await load(deps.db, actor, id));
    },

    async create(actor: Actor, visitId: string, input: FollowUpCreate) {
      authorize(actor, 'visits:write');
      const visit = await createVisitsRepository(deps.db).find(
        actor.tenantId,
        visitId,
        partnerScope(actor),
      );
      if (!visit) throw notFound('visit');
      await checkAssignee(actor.tenantId, input.assigneeId);
      const id = await tx(deps.db, async (t) => {
        const now = deps.now();
        const [row] = await createFollowUpsRepository(t).insertMany([
          {
            tenantId: actor.tenantId,
            id: randomUUID(),
            visitId,
            companyId: visit.companyId,
            title: input.title,
            assigneeId: input.assigneeId ?? null,
            dueOn: input.dueOn ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          },
        ]);
        if (!row) throw new Error('insert follow-up returned nothing');
        await insertAudit(t, actor, [
          {
            action: 'create',
            entity: 'follow_up',
            entityId: row.id,
            changes: diffRecords(null, row),
          },
        ]);
        return row.id;
      });
      return present(await load(deps.db, actor, id));
    },

    async update(actor: Actor, id: string, input: FollowUpUpdate) {
      const { version, ...changes } = input;
      await checkAssignee(actor.tenantId, changes.assigneeId);
      return change(actor, id, version, () => changes, true);
    },

    async complete(actor: Actor, id: string, input: FollowUpComplete) {
      return change(actor, id, input.version, () => ({
        status: 'done',
        completedOn: input.completedOn ?? deps.visits.today(),
        completionNote: input.note ?? null,
      }));
    },

    async reopen(actor: Actor, id: string, version: number) {
      return change(actor, id, version, () => ({
        status: 'open',
        completedOn: null,
        completionNote: null,
      }));
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
