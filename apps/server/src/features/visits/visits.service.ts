import type { Database, TenantTx } from '@banso/db';
import {
  type CompanyFlagRequest,
  CompanyId,
  FollowUpId,
  localDateOf,
  SupporterId,
  type VisitCreate,
  VisitId,
  type VisitListQuery,
  type VisitUpdate,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { createCompaniesRepository } from '../companies/companies.repository';
import { createSupportersRepository } from '../supporters/supporters.repository';
import type { SupportersService } from '../supporters/supporters.service';
import { createFollowUpsRepository } from './follow-ups.repository';
import {
  checkTeamShape,
  followUpAssignees,
  issueRows,
  teamInput,
  visitSnapshot,
} from './visit-input';
import { presentVisit } from './visits.presenter';
import { createVisitsRepository, type VisitWithCompany } from './visits.repository';

export function createVisitsService(deps: {
  db: Database;
  now: () => Date;
  supporters: SupportersService;
}) {
  const today = () => localDateOf(deps.now());

  /** The company as the transaction's actor may see it (partners: assigned companies only). */
  async function loadCompany(tx: TenantTx, companyId: CompanyId, field?: string) {
    const row = await createCompaniesRepository(tx).find(companyId);
    if (!row) {
      if (field) throw AppError.field('validation_failed', field, 'invalid_value');
      throw notFound('company');
    }
    return row;
  }

  async function checkSupporters(tx: TenantTx, field: string, ids: readonly SupporterId[]) {
    if (ids.length === 0) return;
    const found = new Set(
      (await createSupportersRepository(tx).findMany([...new Set(ids)])).map((s) => s.id),
    );
    const index = ids.findIndex((id) => !found.has(id));
    if (index >= 0) {
      const path = field === 'team' ? `team.${index}.supporterId` : `${field}.${index}.assigneeId`;
      throw AppError.field('validation_failed', path, 'invalid_value');
    }
  }

  /** Visit rows → DTOs with team, issues and follow-ups (three queries for any number). */
  async function hydrate(tx: TenantTx, rows: VisitWithCompany[]) {
    const ids = rows.map((r) => r.id);
    const r = createVisitsRepository(tx);
    const [members, issues, followUps] = await Promise.all([
      r.members(ids),
      r.issues(ids),
      createFollowUpsRepository(tx).list({ visitIds: ids }),
    ]);
    const day = today();
    return rows.map((row) => presentVisit(row, { members, issues, followUps }, day));
  }

  async function load(tx: TenantTx, id: VisitId): Promise<VisitWithCompany> {
    const row = await createVisitsRepository(tx).find(id);
    if (!row) throw notFound('visit');
    return row;
  }

  /** One visit as its DTO. */
  async function present(tx: TenantTx, id: VisitId) {
    const [visit] = await hydrate(tx, [await load(tx, id)]);
    return visit as NonNullable<typeof visit>;
  }

  async function snapshot(tx: TenantTx, row: VisitWithCompany) {
    const r = createVisitsRepository(tx);
    const [members, issues] = await Promise.all([r.members([row.id]), r.issues([row.id])]);
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

    async list(actor: Actor, query: VisitListQuery, within?: TenantTx) {
      authorize(actor, 'visits:read');
      return asActor(
        deps.db,
        actor,
        async (tx) => {
          const rows = await createVisitsRepository(tx).list(
            {
              ...(query.companyId ? { companyId: CompanyId.parse(query.companyId) } : {}),
              ...(query.supporterId ? { supporterId: SupporterId.parse(query.supporterId) } : {}),
              ...(query.status ? { status: query.status } : {}),
              ...(query.kind ? { kind: query.kind } : {}),
              ...(query.from ? { from: query.from } : {}),
              ...(query.to ? { to: query.to } : {}),
            },
            query.order,
            query.limit,
          );
          return hydrate(tx, rows);
        },
        within,
      );
    },

    async get(actor: Actor, id: VisitId) {
      authorize(actor, 'visits:read');
      return asActor(deps.db, actor, (tx) => present(tx, id));
    },

    async create(actor: Actor, input: VisitCreate) {
      authorize(actor, 'visits:write');
      return asActor(deps.db, actor, async (tx) => {
        const company = await loadCompany(tx, CompanyId.parse(input.companyId), 'companyId');
        const team = teamInput(input.team);
        checkTeamShape(team);
        await checkSupporters(
          tx,
          'team',
          team.map((m) => m.supporterId),
        );
        await checkSupporters(tx, 'followUps', followUpAssignees(input.followUps));
        await deps.supporters.checkCategories(
          actor,
          'purposeCategories',
          input.purposeCategories,
          tx,
        );
        await deps.supporters.checkCategories(
          actor,
          'issues',
          input.issues.map((i) => i.category),
          tx,
        );
        const startsAt = new Date(input.startsAt);
        if (input.status === 'completed') checkCompletable(startsAt, team);
        const now = deps.now();
        const r = createVisitsRepository(tx);
        const row = await r.insert({
          id: newId(VisitId),
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
        await r.replaceMembers(row.id, team);
        const issues = issueRows(row.id, company.id, input.issues);
        await r.replaceIssues(row.id, issues);
        const followUps = await createFollowUpsRepository(tx).insertMany(
          input.followUps.map((f) => ({
            id: newId(FollowUpId),
            visitId: row.id,
            companyId: company.id,
            title: f.title,
            assigneeId: f.assigneeId ? SupporterId.parse(f.assigneeId) : null,
            dueOn: f.dueOn ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })),
        );
        await insertAudit(tx, actor, [
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
        return present(tx, row.id);
      });
    },

    /** Any change, also to a completed visit, is audited with the fields before and after. */
    async update(actor: Actor, id: VisitId, input: VisitUpdate) {
      authorize(actor, 'visits:write');
      const { version, team: teamBody, issues, ...fields } = input;
      const team = teamBody && teamInput(teamBody);
      if (team) checkTeamShape(team);
      return asActor(deps.db, actor, async (tx) => {
        if (team)
          await checkSupporters(
            tx,
            'team',
            team.map((m) => m.supporterId),
          );
        if (fields.purposeCategories)
          await deps.supporters.checkCategories(
            actor,
            'purposeCategories',
            fields.purposeCategories,
            tx,
          );
        if (issues)
          await deps.supporters.checkCategories(
            actor,
            'issues',
            issues.map((i) => i.category),
            tx,
          );
        const r = createVisitsRepository(tx);
        const before = await load(tx, id);
        if (before.version !== version) throw new AppError('stale_version');
        const beforeSnap = await snapshot(tx, before);
        const startsAt = fields.startsAt ? new Date(fields.startsAt) : before.startsAt;
        if (before.status === 'completed' && team) checkCompletable(startsAt, team);
        const { startsAt: _s, endsAt, ...rest } = fields;
        const after = await r.update(id, version, {
          ...rest,
          ...(fields.startsAt ? { startsAt, localDate: localDateOf(startsAt) } : {}),
          ...(endsAt !== undefined ? { endsAt: endsAt ? new Date(endsAt) : null } : {}),
          updatedAt: deps.now(),
          updatedBy: actor.userId,
        });
        if (!after) throw new AppError('stale_version');
        if (team) await r.replaceMembers(id, team);
        if (issues) {
          const existing = (await r.issues([id])).map((i) => i.id);
          await r.replaceIssues(id, issueRows(id, before.companyId, issues, existing));
        }
        const afterSnap = await snapshot(tx, { ...before, ...after });
        await insertAudit(tx, actor, [
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
        return present(tx, id);
      });
    },

    async complete(actor: Actor, id: VisitId, version: number) {
      authorize(actor, 'visits:write');
      return asActor(deps.db, actor, async (tx) => {
        const r = createVisitsRepository(tx);
        const before = await load(tx, id);
        if (before.version !== version) throw new AppError('stale_version');
        if (before.status !== 'completed') {
          const members = await r.members([id]);
          checkCompletable(before.startsAt, members);
          const now = deps.now();
          const after = await r.update(id, version, {
            status: 'completed',
            completedAt: now,
            updatedAt: now,
            updatedBy: actor.userId,
          });
          if (!after) throw new AppError('stale_version');
          await insertAudit(tx, actor, [
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
        }
        return present(tx, id);
      });
    },

    async getFlag(actor: Actor, companyId: CompanyId) {
      authorize(actor, 'visits:read');
      return asActor(deps.db, actor, async (tx) => {
        await loadCompany(tx, companyId);
        return createVisitsRepository(tx).findFlag(companyId);
      });
    },

    async setFlag(actor: Actor, companyId: CompanyId, input: CompanyFlagRequest) {
      authorize(actor, 'visits:write');
      return asActor(deps.db, actor, async (tx) => {
        await loadCompany(tx, companyId);
        const own = await createSupportersRepository(tx).findByUser(actor.userId);
        const supporterId = input.supporterId
          ? SupporterId.parse(input.supporterId)
          : (own?.id ?? null);
        if (supporterId)
          await checkSupporters(tx, 'supporterId', [supporterId]).catch(() => {
            throw AppError.field('validation_failed', 'supporterId', 'invalid_value');
          });
        const r = createVisitsRepository(tx);
        const before = await r.findFlag(companyId);
        await r.upsertFlag({
          companyId,
          supporterId,
          note: input.note ?? null,
          createdAt: deps.now(),
          createdBy: actor.userId,
          createdByLabel: (await r.userLabel(actor.userId)) ?? actor.label,
        });
        await insertAudit(tx, actor, [
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
        return r.findFlag(companyId);
      });
    },

    async clearFlag(actor: Actor, companyId: CompanyId) {
      authorize(actor, 'visits:write');
      await asActor(deps.db, actor, async (tx) => {
        await loadCompany(tx, companyId);
        const r = createVisitsRepository(tx);
        const before = await r.findFlag(companyId);
        if (!before || !(await r.deleteFlag(companyId))) throw notFound('flag');
        await insertAudit(tx, actor, [
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
