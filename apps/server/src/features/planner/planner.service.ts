import type { Database } from '@banso/db';
import {
  type CaravanDashboard,
  CompanyId,
  findMunicipality,
  fiscalYearOfDateString,
  fiscalYearRange,
  localDateOf,
  type PlannerQuery,
  type PlannerResult,
  type SupporterKind,
  type TeamProposal,
  type TeamProposalRequest,
} from '@banso/shared';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { authorize } from '../../policy/policy';
import { createSupportersRepository } from '../supporters/supporters.repository';
import type { SupportersService } from '../supporters/supporters.service';
import { recommendTeam } from '../visits/team-recommender';
import {
  type CompanyFacts,
  groupByArea,
  PLANNER_DEFAULTS,
  progressAgainstTarget,
  rankCompanies,
} from '../visits/visit-planner';
import { createVisitsRepository } from '../visits/visits.repository';
import type { VisitsService } from '../visits/visits.service';
import { createPlannerRepository, type FactsRow } from './planner.repository';
import { endOfMonths, periodOf } from './planner-period';

/** Facts for visit-planner.ts (the name is filled in for the companies shown). */
export function toFacts(row: FactsRow): CompanyFacts {
  return {
    id: row.id,
    name: '',
    kanaSort: row.kanaSort,
    municipalityCode: row.municipalityCode,
    postalCode: row.postalCode,
    lastContactOn: row.lastContactOn,
    overdueFollowUps: row.overdueFollowUps,
    representativeBirthYear: row.representativeBirthYear,
    successorStatus: row.successorStatus as CompanyFacts['successorStatus'],
    registeredOn: row.registeredOn,
    flag: row.flagBy !== null ? { by: row.flagBy, note: row.flagNote } : null,
  };
}

export function createPlannerService(deps: {
  db: Database;
  now: () => Date;
  supporters: SupportersService;
  visits: VisitsService;
}) {
  const today = () => localDateOf(deps.now());

  return {
    /** The pace against the annual target of a fiscal year, judged at `asOf`. */
    async progress(actor: Actor, fiscalYear: number, asOf: string) {
      authorize(actor, 'planner:read');
      const fy = fiscalYearRange(fiscalYear);
      const [{ target }, { done }] = await asActor(deps.db, actor, async (tx) =>
        Promise.all([
          deps.supporters.target(actor, fiscalYear, tx),
          createPlannerRepository(tx).counts(
            { from: fy.start, to: fy.end },
            { from: asOf, to: asOf },
          ),
        ]),
      );
      return progressAgainstTarget(target, done, asOf);
    },

    async plan(actor: Actor, query: PlannerQuery): Promise<PlannerResult> {
      authorize(actor, 'planner:read');
      const now = today();
      const period = periodOf(query.period, query.from ?? now);
      const asOf = period.start > now ? period.start : now;
      const fiscalYear = fiscalYearOfDateString(now);
      const fy = fiscalYearRange(fiscalYear);
      const options = { ...PLANNER_DEFAULTS, asOf, staleAfterMonths: query.staleAfterMonths };
      const { target, counts, top, names } = await asActor(deps.db, actor, async (tx) => {
        const repo = createPlannerRepository(tx);
        const [{ target }, counts, top] = await Promise.all([
          deps.supporters.target(actor, fiscalYear, tx),
          repo.counts({ from: fy.start, to: fy.end }, { from: period.start, to: period.end }),
          // The database sums the points and keeps the best; the pure module explains those few.
          repo.ranked(now, now, { ...options, limit: query.limit }),
        ]);
        // The names of every company kept (the ranking below only orders and explains them).
        const names = await repo.names(top.rows.map((r) => CompanyId.parse(r.id)));
        return { target, counts, top, names };
      });
      const ranked = rankCompanies(top.rows.map(toFacts), options);
      const items = ranked.map((c) => ({ ...c, name: names.get(c.id)?.name ?? '' }));
      const pace = progressAgainstTarget(target, counts.done, now);
      return {
        period: { kind: period.kind, start: period.start, end: period.end },
        asOf,
        progress: pace,
        plannedInPeriod: counts.planned,
        suggestedCount: Math.max(0, pace.neededPerMonth * period.months - counts.planned),
        candidates: top.candidates,
        items: items.map((c) => ({
          ...c,
          municipalityName: c.municipalityCode
            ? (findMunicipality(c.municipalityCode)?.name ?? null)
            : null,
          address: names.get(c.id)?.address ?? null,
          reasons: c.reasons.map((r) => ({ ...r, code: r.code })),
        })),
        groups: groupByArea(items).map((g) => ({
          municipalityCode: g.municipalityCode,
          municipalityName: g.municipalityCode
            ? (findMunicipality(g.municipalityCode)?.name ?? null)
            : null,
          companyIds: g.companies.map((c) => c.id),
        })),
      };
    },

    async proposeTeam(
      actor: Actor,
      companyId: CompanyId,
      request: TeamProposalRequest,
    ): Promise<TeamProposal> {
      authorize(actor, 'visits:write');
      const month = request.month ?? today().slice(0, 7);
      const monthStart = `${month}-01`;
      const [taxonomy, openIssues, roster] = await asActor(deps.db, actor, async (tx) => {
        await deps.visits.loadCompany(tx, companyId);
        return Promise.all([
          deps.supporters.categories(actor, tx),
          createVisitsRepository(tx).openIssueCategories(companyId),
          createSupportersRepository(tx).roster(companyId, monthStart, endOfMonths(monthStart, 1)),
        ]);
      });
      const categories = [...new Set([...openIssues, ...request.purposeCategories])].sort();
      const proposal = recommendTeam({
        categories,
        financeCategories: taxonomy.filter((c) => c.finance).map((c) => c.name),
        minSize: request.minSize,
        maxSize: Math.max(request.minSize, request.maxSize),
        roster: roster.map((r) => ({
          id: r.supporter.id,
          kind: r.supporter.kind as SupporterKind,
          expertise: r.supporter.expertise,
          monthlyCapacity: r.supporter.monthlyCapacity,
          plannedThisMonth: r.planned,
          visitsToCompany: r.toCompany,
          active: r.supporter.active,
        })),
      });
      const byId = new Map<string, (typeof roster)[number]>(roster.map((r) => [r.supporter.id, r]));
      return {
        month,
        openIssueCategories: openIssues,
        categories,
        members: proposal.members.map((m) => {
          const r = byId.get(m.id);
          return {
            supporterId: m.id,
            name: r?.supporter.name ?? '',
            kind: m.kind,
            organization: r?.supporter.organization ?? null,
            role: m.role,
            covers: m.covers,
            reasons: m.reasons,
            loadAfter: m.loadAfter,
            monthlyCapacity: m.monthlyCapacity,
            visitsToCompany: r?.toCompany ?? 0,
          };
        }),
        uncovered: proposal.uncovered,
        financialMemberMissing: proposal.financialMemberMissing,
      };
    },

    async dashboard(actor: Actor, fiscalYear?: number): Promise<CaravanDashboard> {
      authorize(actor, 'planner:read');
      const now = today();
      const fyNumber = fiscalYear ?? fiscalYearOfDateString(now);
      const fy = fiscalYearRange(fyNumber);
      // Pace is judged at today within the year, at its end for a past year, at its start for a future one.
      const asOf = now < fy.start ? fy.start : now > fy.end ? fy.end : now;
      const [{ target }, data] = await asActor(deps.db, actor, (tx) =>
        Promise.all([
          deps.supporters.target(actor, fyNumber, tx),
          createPlannerRepository(tx).dashboard({ from: fy.start, to: fy.end }, now),
        ]),
      );
      const done = data.byMonth.reduce((sum, m) => sum + m.visits, 0);
      return {
        fiscalYear: fyNumber,
        asOf,
        progress: progressAgainstTarget(target, done, asOf),
        visitsByMonth: data.byMonth,
        distinctCompanies: data.distinctCompanies,
        registeredCompanies: data.registeredCompanies,
        coverage:
          data.registeredCompanies === 0 ? 0 : data.distinctCompanies / data.registeredCompanies,
        averageRelationshipYears:
          data.averageRelationshipDays === null
            ? null
            : Math.round((data.averageRelationshipDays / 365.25) * 100) / 100,
        followUpsOpen: data.followUpsOpen,
        followUpsOverdue: data.followUpsOverdue,
        visitsByCategory: data.categories,
      };
    },
  };
}
export type PlannerService = ReturnType<typeof createPlannerService>;
