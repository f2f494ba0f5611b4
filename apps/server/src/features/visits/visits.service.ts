import { randomUUID } from 'node:crypto';
import type { Database } from '@banso/db';
import {
  type CompanyFlagRequest,
  localDateOf,
  type VisitCreate,
  type VisitListQuery,
  type VisitUpdate,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { authorize, partnerScope } from '../auth/permissions';
import { createCompaniesRepository } from '../companies/companies.repository';
import { createSupportersRepository } from '../supporters/supporters.repository';
import type { SupportersService } from '../supporters/supporters.service';
import { createFollowUpsRepository } from './follow-ups.repository';
import {
  checkTeamShape,
  followUpAssignees,
  issueRows,
  type TeamInput,
  visitSnapshot,
} from './visit-input';
import { presentVisit } from './visits.presenter';
import { createVisitsRepository, type VisitWithCompany } from './visits.repository';

const tx = <T>(db: Database, fn: (tx: Database) => Promise<T>) =>
  db.transaction(async (t) => fn(t as unknown as Database));

export function createVisitsService(deps: {
  db: Database;
  now: () => Date;
  supporters: SupportersService;
}) {
  const repo = createVisitsRepository(deps.db);
  const today = () => localDateOf(deps.now());

  async function loadCompany(db: Database, actor: Actor, companyId: string, field?: string) {
    const row = await createCompaniesRepository(db).find(
      actor.tenantId,
      companyId,
      partnerScope(actor),
    );
    if (!row) {
      if (field) throw AppError.field('validation_failed', field, 'invalid_value');
      throw notFound('company');
    }
    return row;
  }

  async function checkSupporters(tenantId: string, field: string, ids: readonly string[]) {
    if (ids.length === 0) return;
    const found = new Set(
      (await createSupportersRepository(deps.db).findMany(tenantId, [...new Set(ids)])).map(
        (s) => s.id,
      ),
    );
    const index = ids.findIndex((id) => !found.has(id));
    if (index >= 0) {
      const path = field === 'team' ? `team.${index}.supporterId` : `${field}.${index}.assigneeId`;
      throw AppError.field('validation_failed', path, 'invalid_value');
    }
  }

  /** Visit rows → DTOs with team, issues and follow-ups (three queries for any number). */
  async function hydrate(db: Database, tenantId: string, rows: VisitWithCompany[]) {
    const ids = rows.map((r) => r.id);
    const r = createVisitsRepository(db);
    const [members, issues, followUps] = await Promise.all([
      r.members(tenantId, ids),
      r.issues(tenantId, ids),
      createFollowUpsRepository(db).list(tenantId, { visitIds: ids }),
    ]);
    const day = today();
    return rows.map((row) => presentVisit(row, { members, issues, followUps }, day));
  }

  async function load(db: Database, actor: Actor, id: string): Promise<VisitWithCompany> {
    const row = await createVisitsRepository(db).find(actor.tenantId, id, partnerScope(actor));
    if (!row) throw notFound('visit');
    return row;
  }

  async function snapshot(db: Database, tenantId: string, row: VisitWithCompany) {
    const r = createVisitsRepository(db);
    const [members, issues] = await Promise.all([
      r.members(tenantId, [row.id]),
      r.issues(tenantId, [row.id]),
    ]);
    return visitSnapshot(row, members, issues);
  }

  function checkCompletable(startsAt: Date, team: readonly unknown[]) {
    if (team.length === 0) throw AppError.field('validation_failed', 'team', 'required');
    // A visit is completed after it happened (a day's grace for a clock or zone mix-up).
    if (startsAt.getTime() > deps.now().getTime() + 86_400_000)
      throw AppError.field('validation_failed', 'startsAt', 'invalid_value');
  }

  return {
    hydrate,
    today,

    async list(actor: Actor, query: VisitListQuery) {
      authorize(actor, 'visits:read');
      const scope = partnerScope(actor);
      const rows = await repo.list(
        actor.tenantId,
        {
          ...(query.companyId ? { companyId: query.companyId } : {}),
          ...(query.supporterId ? { supporterId: query.supporterId } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
          ...(scope ? { assignedTo: scope } : {}),
        },
        query.order,
        query.limit,
      );
      return hydrate(deps.db, actor.tenantId, rows);
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'visits:read');
      const [visit] = await hydrate(deps.db, actor.tenantId, [await load(deps.db, actor, id)]);
      return visit as NonNullable<typeof visit>;
    },

    async create(actor: Actor, input: VisitCreate) {
      authorize(actor, 'visits:write');
      const company = await loadCompany(deps.db, actor, input.companyId, 'companyId');
      const team = input.team as TeamInput[];
      checkTeamShape(team);
      await checkSupporters(
        actor.tenantId,
        'team',
        team.map((m) => m.supporterId),
      );
      await checkSupporters(actor.tenantId, 'followUps', followUpAssignees(input.followUps));
      await deps.supporters.checkCategories(
        actor.tenantId,
        'purposeCategories',
        input.purposeCategories,
      );
      await deps.supporters.checkCategories(
        actor.tenantId,
        'issues',
        input.issues.map((i) => i.category),
      );
      const startsAt = new Date(input.startsAt);
      if (input.status === 'completed') checkCompletable(startsAt, team);
      const id = await tx(deps.db, async (t) => {
        const now = deps.now();
        const r = createVisitsRepository(t);
        const row = await r.insert({
          tenantId: actor.tenantId,
          id: randomUUID(),
          companyId: company.id,
          startsAt,
          endsAt: input.endsAt ? new Date(input.endsAt) : null,
          localDate: localDateOf(startsAt),
          kind: input.kind,
          status: input.status,
          purpose: input.purpose ?? null,
          purposeCategories: input.purposeCategories,
          listeningNotes: input.listeningNotes ?? null,
          ownerAwareness: input.ownerAwareness ?? null,
          nextContactOn: input.nextContactOn ?? null,
          location: input.location ?? company.address,
          completedAt: input.status === 'completed' ? now : null,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await r.replaceMembers(actor.tenantId, row.id, team);
        const issues = issueRows(actor.tenantId, row.id, company.id, input.issues);
        await r.replaceIssues(actor.tenantId, row.id, issues);
        const followUps = await createFollowUpsRepository(t).insertMany(
          input.followUps.map((f) => ({
            tenantId: actor.tenantId,
            id: randomUUID(),
            visitId: row.id,
            companyId: company.id,
            title: f.title,
            assigneeId: f.assigneeId ?? null,
            dueOn: f.dueOn ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })),
        );
        await insertAudit(t, actor, [
          {
            action: 'create',
            entity: 'visit',
            entityId: row.id,
            changes: diffRecords(null, visitSnapshot(row, team, issues)),
          },
          ...followUps.map((f) => ({
            action: 'create' as const,
            entity: 'follow_up',
            entityId: f.id,
            changes: diffRecords(null, f),
          })),
        ]);
        return row.id;
      });
      return this.get(actor, id);
    },

    /** Any change, also to a completed visit, is audited with the fields before and after. */
    async update(actor: Actor, id: string, input: VisitUpdate) {
      authorize(actor, 'visits:write');
      const { version, team, issues, ...fields } = input;
      if (team) {
        checkTeamShape(team as TeamInput[]);
        await checkSupporters(
          actor.tenantId,
          'team',
          team.map((m) => m.supporterId),
        );
      }
      if (fields.purposeCategories)
        await deps.supporters.checkCategories(
          actor.tenantId,
          'purposeCategories',
          fields.purposeCategories,
        );
      if (issues)
        await deps.supporters.checkCategories(
          actor.tenantId,
          'issues',
          issues.map((i) => i.category),
        );
      await tx(deps.db, async (t) => {
        const r = createVisitsRepository(t);
        const before = await load(t, actor, id);
        if (before.version !== version) throw new AppError('stale_version');
        const beforeSnap = await snapshot(t, actor.tenantId, before);
        const startsAt = fields.startsAt ? new Date(fields.startsAt) : before.startsAt;
        if (before.status === 'completed' && team) checkCompletable(startsAt, team);
        const { startsAt: _s, endsAt, ...rest } = fields;
        const after = await r.update(actor.tenantId, id, version, {
          ...rest,
          ...(fields.startsAt ? { startsAt, localDate: localDateOf(startsAt) } : {}),
          ...(endsAt !== undefined ? { endsAt: endsAt ? new Date(endsAt) : null } : {}),
          updatedAt: deps.now(),
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('stale_version');
        if (team) await r.replaceMembers(actor.tenantId, id, team as TeamInput[]);
        if (issues) {
          const existing = new Set((await r.issues(actor.tenantId, [id])).map((i) => i.id));
          await r.replaceIssues(
            actor.tenantId,
            id,
            issueRows(actor.tenantId, id, before.companyId, issues, existing),
          );
        }
        const afterSnap = await snapshot(t, actor.tenantId, { ...before, ...after });
        await insertAudit(t, actor, [
          {
            action: 'update',
            entity: 'visit',
            entityId: id,
            changes: {
              ...diffRecords(beforeSnap, afterSnap),
              ...(before.status === 'completed'
                ? { editedAfterCompletion: { before: null, after: true } }
                : {}),
            },
          },
        ]);
      });
      return this.get(actor, id);
    },

    async complete(actor: Actor, id: string, version: number) {
      authorize(actor, 'visits:write');
      await tx(deps.db, async (t) => {
        const before = await load(t, actor, id);
        if (before.version !== version) throw new AppError('stale_version');
        if (before.status === 'completed') return;
        const members = await createVisitsRepository(t).members(actor.tenantId, [id]);
        checkCompletable(before.startsAt, members);
        const now = deps.now();
        const after = await createVisitsRepository(t).update(actor.tenantId, id, version, {
          status: 'completed',
          completedAt: now,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('stale_version');
        await insertAudit(t, actor, [
          {
            action: 'update',
            entity: 'visit',
            entityId: id,
            changes: diffRecords(
              { status: before.status, completedAt: before.completedAt },
              { status: after.status, completedAt: after.completedAt },
            ),
          },
        ]);
      });
      return this.get(actor, id);
    },

    async getFlag(actor: Actor, companyId: string) {
      authorize(actor, 'visits:read');
      await loadCompany(deps.db, actor, companyId);
      return repo.findFlag(actor.tenantId, companyId);
    },

    async setFlag(actor: Actor, companyId: string, input: CompanyFlagRequest) {
      authorize(actor, 'visits:write');
      await loadCompany(deps.db, actor, companyId);
      const own = await deps.supporters.findByUser(actor.tenantId, actor.userId);
      const supporterId = input.supporterId ?? own?.id ?? null;
      if (supporterId)
        await checkSupporters(actor.tenantId, 'supporterId', [supporterId]).catch(() => {
          throw AppError.field('validation_failed', 'supporterId', 'invalid_value');
        });
      await tx(deps.db, async (t) => {
        const r = createVisitsRepository(t);
        const before = await r.findFlag(actor.tenantId, companyId);
        await r.upsertFlag({
          tenantId: actor.tenantId,
          companyId,
          supporterId,
          note: input.note ?? null,
          createdAt: deps.now(),
          createdBy: actor.userId,
          createdByLabel: (await r.userLabel(actor.tenantId, actor.userId)) ?? actor.label,
        });
        await insertAudit(t, actor, [
          {
            action: before ? 'update' : 'create',
            entity: 'company_flag',
            entityId: companyId,
            changes: diffRecords(
              before ? { note: before.flag.note, supporterId: before.flag.supporterId } : null,
              { note: input.note ?? null, supporterId },
            ),
          },
        ]);
      });
      return repo.findFlag(actor.tenantId, companyId);
    },

    async clearFlag(actor: Actor, companyId: string) {
      authorize(actor, 'visits:write');
      await loadCompany(deps.db, actor, companyId);
      await tx(deps.db, async (t) => {
        const r = createVisitsRepository(t);
        const before = await r.findFlag(actor.tenantId, companyId);
        if (!before || !(await r.deleteFlag(actor.tenantId, companyId))) throw notFound('flag');
        await insertAudit(t, actor, [
          {
            action: 'delete',
            entity: 'company_flag',
            entityId: companyId,
            changes: { note: { before: before.flag.note, after: null } },
          },
        ]);
      });
    },

    loadCompany,
  };
}
export type VisitsService = ReturnType<typeof createVisitsService>;
