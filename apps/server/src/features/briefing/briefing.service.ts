import type { Database } from '@banso/db';
import type { Actor } from '../../context';
import { authorize } from '../auth/permissions';
import { presentCompany } from '../companies/companies.presenter';
import type { FollowUpsService } from '../visits/follow-ups.service';
import { createVisitsRepository } from '../visits/visits.repository';
import type { VisitsService } from '../visits/visits.service';
import { type Briefing, renderBriefingPdf } from './briefing-pdf';

export function createBriefingService(deps: {
  db: Database;
  visits: VisitsService;
  followUps: FollowUpsService;
}) {
  return {
    /** Everything the sheet shows, as the actor may see it (partners: assigned companies only). */
    async gather(actor: Actor, companyId: string): Promise<Briefing> {
      authorize(actor, 'visits:read');
      const company = await deps.visits.loadCompany(deps.db, actor, companyId);
      const today = deps.visits.today();
      const [visits, openFollowUps, issues] = await Promise.all([
        deps.visits.list(actor, { companyId, order: 'desc', limit: 200 }),
        deps.followUps.list(actor, { companyId, status: 'open', limit: 200 }),
        createVisitsRepository(deps.db).companyIssues(actor.tenantId, companyId),
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
      };
    },

    async pdf(actor: Actor, companyId: string) {
      const briefing = await this.gather(actor, companyId);
      return { name: briefing.company.name, pdf: await renderBriefingPdf(briefing) };
    },
  };
}
export type BriefingService = ReturnType<typeof createBriefingService>;
