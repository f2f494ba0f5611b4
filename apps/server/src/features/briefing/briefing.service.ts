import type { Database } from '@banso/db';
import type { CompanyId, MatchStage } from '@banso/shared';
import { AppError } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { authorize, can } from '../../policy/policy';
import { presentCompany } from '../companies/companies.presenter';
import type { MatchesService } from '../matches/matches.service';
import type { MatchingService } from '../matching/matching.service';
import type { FollowUpsService } from '../visits/follow-ups.service';
import { createVisitsRepository } from '../visits/visits.repository';
import type { VisitsService } from '../visits/visits.service';
import { type Briefing, renderBriefingPdf } from './briefing-pdf';

export function createBriefingService(deps: {
  db: Database;
  visits: VisitsService;
  followUps: FollowUpsService;
  matches: MatchesService;
  matching: MatchingService;
}) {
  /** The top candidate patents not already rejected or in a match; null when unavailable. */
  async function candidates(actor: Actor, companyId: CompanyId) {
    if (!can(actor, 'matching:read')) return null;
    try {
      const items = await deps.matching.listingsFor(actor, companyId, { top: 10 }, 'ja');
      return items
        .filter((c) => c.decision?.verdict !== 'rejected' && c.matchId === null)
        .map((c) => ({
          title: c.label,
          holder: c.detail,
          summary: c.summary,
        }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'service_unavailable') return null;
      throw error;
    }
  }

  return {
    /** Everything the sheet shows, as the actor may see it (partners: assigned companies only). */
    async gather(actor: Actor, companyId: CompanyId): Promise<Briefing> {
      authorize(actor, 'visits:read');
      const today = deps.visits.today();
      // The caravan's records in one transaction; matches and the candidates (ranking, not
      // database work) are other features' operations and run after, outside it.
      const { company, visits, openFollowUps, issues } = await asActor(
        deps.db,
        actor,
        async (tx) => {
          const company = await deps.visits.loadCompany(tx, companyId);
          const [visits, openFollowUps, issues] = await Promise.all([
            deps.visits.list(actor, { companyId, order: 'desc', limit: 200 }, tx),
            deps.followUps.list(actor, { companyId, status: 'open', limit: 200 }, tx),
            createVisitsRepository(tx).companyIssues(companyId),
          ]);
          return { company, visits, openFollowUps, issues };
        },
      );
      const [matches, candidateList] = await Promise.all([
        deps.matches.list(actor, { companyId, status: 'active' }),
        candidates(actor, companyId),
      ]);
      const upcoming = visits
        .filter((v) => v.status === 'draft' && v.localDate >= today)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      return {
        company: presentCompany(company),
        today,
        nextVisit: upcoming[0] ?? null,
        recentVisits: visits.filter((v) => v.status === 'completed'),
        openFollowUps,
        issues: issues.map((r) => ({
          category: r.issue.category,
          description: r.issue.description,
          raisedBy: r.issue.raisedBy === 'owner' ? 'owner' : 'supporter',
          resolvedOn: r.issue.resolvedOn,
          localDate: r.localDate,
        })),
        matches: matches.map((m) => ({
          title: m.listingTitle,
          holder: m.holderName,
          stage: m.stage as MatchStage,
          since: (m.stageDates as Record<string, string | null>)[m.stage] ?? null,
        })),
        candidates: candidateList,
      };
    },

    async pdf(actor: Actor, companyId: CompanyId) {
      authorize(actor, 'visits:read');
      const briefing = await this.gather(actor, companyId);
      return { name: briefing.company.name, pdf: await renderBriefingPdf(briefing) };
    },
  };
}
export type BriefingService = ReturnType<typeof createBriefingService>;
