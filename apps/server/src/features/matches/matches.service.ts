import type { Database, TenantTx } from '@banso/db';
import {
  CompanyId,
  KAWASAKI_REFERENCE,
  ListingId,
  localDateOf,
  MATCH_STAGES,
  type MatchCreate,
  type MatchDrop,
  MatchId,
  type MatchListQuery,
  type MatchStage,
  type MatchSummary,
  type MatchUpdate,
  ProgramId,
  type StageChange,
  SupporterId,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { isUniqueViolation } from '../companies/unique-violation';
import {
  checkDateCorrection,
  checkStageMove,
  type StageDates,
  type StageProblem,
  stageIndex,
} from './match-stages';
import {
  createMatchesRepository,
  type MatchRow,
  type MatchWithNames,
  type NewMatchRow,
} from './matches.repository';

const AUDIT_HIDDEN = [
  'listingTitle',
  'listingKind',
  'holderName',
  'companyName',
  'coordinatorName',
];
const auditable = (row: MatchRow | MatchWithNames | null) =>
  row ? Object.fromEntries(Object.entries(row).filter(([k]) => !AUDIT_HIDDEN.includes(k))) : null;

const problem = (p: StageProblem) => AppError.field('validation_failed', p.field, p.code);

/** The counting columns follow the stage days. */
const countedDays = (dates: StageDates) => ({
  contractedOn: dates.contracted ?? null,
  commercializedOn: dates.commercialized ?? null,
});

export function createMatchesService(deps: { db: Database; now: () => Date }) {
  async function load(tx: TenantTx, id: MatchId): Promise<MatchWithNames> {
    const row = await createMatchesRepository(tx).find(id);
    if (!row) throw notFound('match');
    return row;
  }

  /** The request's coordinator and program, parsed and checked to exist (only the keys it has). */
  async function checkLinks(
    tx: TenantTx,
    v: { coordinatorId?: string | null | undefined; programId?: string | null | undefined },
  ) {
    const r = createMatchesRepository(tx);
    const links: { coordinatorId?: SupporterId | null; programId?: ProgramId | null } = {};
    if (v.coordinatorId !== undefined) {
      links.coordinatorId = v.coordinatorId === null ? null : SupporterId.parse(v.coordinatorId);
      if (links.coordinatorId && !(await r.supporterExists(links.coordinatorId)))
        throw AppError.field('validation_failed', 'coordinatorId', 'invalid_value');
    }
    if (v.programId !== undefined) {
      links.programId = v.programId === null ? null : ProgramId.parse(v.programId);
      if (links.programId && !(await r.programExists(links.programId)))
        throw AppError.field('validation_failed', 'programId', 'invalid_value');
    }
    return links;
  }

  /** Changes a match in one audited transaction; `change` returns the patch to apply. */
  async function change(
    actor: Actor,
    id: MatchId,
    version: number,
    changeFn: (
      tx: TenantTx,
      before: MatchWithNames,
    ) => Promise<Partial<NewMatchRow>> | Partial<NewMatchRow>,
  ): Promise<MatchWithNames> {
    return asActor(deps.db, actor, async (tx) => {
      const before = await load(tx, id);
      if (before.version !== version) throw new AppError('stale_version');
      const patch = await changeFn(tx, before);
      const after = await createMatchesRepository(tx).update(id, version, {
        ...patch,
        updatedAt: deps.now(),
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      await insertAudit(tx, actor, [
        {
          action: 'update',
          entity: 'match',
          entityId: id,
          changes: diffRecords(auditable(before), auditable(after)),
        },
      ]);
      return load(tx, id);
    });
  }

  const activeOnly = (m: MatchWithNames) => {
    if (m.status === 'dropped')
      throw AppError.field('validation_failed', 'status', 'match_dropped');
  };

  return {
    async list(actor: Actor, q: MatchListQuery) {
      authorize(actor, 'matches:read');
      return asActor(deps.db, actor, (tx) =>
        createMatchesRepository(tx).list({
          ...q,
          listingId: q.listingId === undefined ? undefined : ListingId.parse(q.listingId),
          companyId: q.companyId === undefined ? undefined : CompanyId.parse(q.companyId),
          programId: q.programId === undefined ? undefined : ProgramId.parse(q.programId),
        }),
      );
    },

    async get(actor: Actor, id: MatchId) {
      authorize(actor, 'matches:read');
      return asActor(deps.db, actor, (tx) => load(tx, id));
    },

    /**
     * Opens a match at 候補 (from an accepted candidate, or entered by hand). Handed the caller's
     * transaction (`within`: a decision and its match), it runs in it: both commit together.
     */
    async create(
      actor: Actor,
      input: MatchCreate & { proposal?: { score: number; summary: string } },
      within?: TenantTx,
    ): Promise<MatchRow> {
      authorize(actor, 'matches:write');
      const run = async (tx: TenantTx) => {
        const r = createMatchesRepository(tx);
        const listingId = ListingId.parse(input.listingId);
        const companyId = CompanyId.parse(input.companyId);
        if (!(await r.pairExists(listingId, companyId)))
          throw AppError.field('validation_failed', 'listingId', 'invalid_value');
        const links = await checkLinks(tx, input);
        const now = deps.now();
        const on = input.candidateOn ?? localDateOf(now);
        const row = await r.insert({
          id: newId(MatchId),
          listingId,
          companyId,
          stage: 'candidate',
          status: 'active',
          stageDates: { candidate: on },
          origin: input.origin,
          partnerRegion: input.partnerRegion ?? null,
          coordinatorId: links.coordinatorId ?? null,
          programId: links.programId ?? null,
          notes: input.notes ?? null,
          proposalScore: input.proposal?.score ?? null,
          proposalSummary: input.proposal?.summary ?? null,
          createdAt: now,
          updatedAt: now,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await insertAudit(tx, actor, [
          { action: 'create', entity: 'match', entityId: row.id, changes: diffRecords(null, row) },
        ]);
        return row;
      };
      try {
        return await asActor(deps.db, actor, run, within);
      } catch (error) {
        if (isUniqueViolation(error))
          throw AppError.field('already_exists', 'listingId', 'invalid_value');
        throw error;
      }
    },

    async update(actor: Actor, id: MatchId, input: MatchUpdate) {
      authorize(actor, 'matches:write');
      const { version, license, stageDates, ...rest } = input;
      return change(actor, id, version, async (tx, before) => {
        activeOnly(before);
        const { coordinatorId, programId, ...fields } = rest;
        const links = await checkLinks(tx, { coordinatorId, programId });
        const patch: Partial<NewMatchRow> = { ...fields, ...links };
        if (license) {
          if (license.type !== undefined) patch.licenseType = license.type;
          if (license.field !== undefined) patch.licenseField = license.field;
          if (license.territory !== undefined) patch.licenseTerritory = license.territory;
          if (license.term !== undefined) patch.licenseTerm = license.term;
          if (license.royaltyType !== undefined) patch.royaltyType = license.royaltyType;
          if (license.notes !== undefined) patch.licenseNotes = license.notes;
        }
        if (stageDates) {
          const dates = { ...(before.stageDates as StageDates), ...stageDates };
          const p = checkDateCorrection(before.stage as MatchStage, dates);
          if (p) throw problem(p);
          patch.stageDates = dates;
          Object.assign(patch, countedDays(dates));
        }
        return patch;
      });
    },

    /** Moves a match forward to a stage reached on a day (no 製品化 before 契約). */
    async moveStage(actor: Actor, id: MatchId, input: StageChange) {
      authorize(actor, 'matches:write');
      return change(actor, id, input.version, (_tx, before) => {
        activeOnly(before);
        const dates = before.stageDates as StageDates;
        const p = checkStageMove(before.stage as MatchStage, dates, input.stage, input.on);
        if (p) throw problem(p);
        const next = { ...dates, [input.stage]: input.on };
        return { stage: input.stage, stageDates: next, ...countedDays(next) };
      });
    },

    /** 不成立: the match stops at its stage with a reason; it still counts as having reached it. */
    async drop(actor: Actor, id: MatchId, input: MatchDrop) {
      authorize(actor, 'matches:write');
      return change(actor, id, input.version, (_tx, before) => {
        activeOnly(before);
        const last = Object.values(before.stageDates as StageDates)
          .filter((d): d is string => !!d)
          .sort()
          .at(-1);
        if (last && input.on < last) throw AppError.field('validation_failed', 'on', 'date_order');
        return { status: 'dropped', droppedOn: input.on, dropReason: input.reason };
      });
    },

    /** Funnel and 成約/製品化 per fiscal year, beside Kawasaki's reference figures. */
    async summary(actor: Actor): Promise<MatchSummary> {
      authorize(actor, 'matches:read');
      const [rows, perFy] = await asActor(deps.db, actor, (tx) => {
        const repo = createMatchesRepository(tx);
        return Promise.all([repo.funnel(), repo.perFiscalYear()]);
      });
      const funnel = MATCH_STAGES.map((stage) => ({
        stage,
        current: rows
          .filter((r) => r.stage === stage && r.status === 'active')
          .reduce((n, r) => n + r.n, 0),
        reached: rows
          .filter((r) => stageIndex(r.stage as MatchStage) >= stageIndex(stage))
          .reduce((n, r) => n + r.n, 0),
      }));
      const years = new Map<number, { contracted: number; commercialized: number }>();
      const at = (fy: number) => {
        let y = years.get(fy);
        if (!y) {
          y = { contracted: 0, commercialized: 0 };
          years.set(fy, y);
        }
        return y;
      };
      for (const r of perFy.contracted) at(r.fy).contracted += r.n;
      for (const r of perFy.commercialized) at(r.fy).commercialized += r.n;
      let cumC = 0;
      let cumP = 0;
      const byFiscalYear = [...years]
        .sort(([a], [b]) => a - b)
        .map(([fy, y]) => {
          cumC += y.contracted;
          cumP += y.commercialized;
          return { fy, ...y, cumulativeContracted: cumC, cumulativeCommercialized: cumP };
        });
      return {
        funnel,
        dropped: rows.filter((r) => r.status === 'dropped').reduce((n, r) => n + r.n, 0),
        byFiscalYear,
        reference: { ...KAWASAKI_REFERENCE },
      };
    },

    /** Open (active) matches of the given pairs: pair key `listingId:companyId` → match id. */
    async openForPairs(
      actor: Actor,
      pairs: { listingId: ListingId; companyId: CompanyId }[],
      within?: TenantTx,
    ) {
      authorize(actor, 'matches:read');
      return asActor(
        deps.db,
        actor,
        (tx) => createMatchesRepository(tx).openForPairs(pairs),
        within,
      );
    },
  };
}
export type MatchesService = ReturnType<typeof createMatchesService>;
