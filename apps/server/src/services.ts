import type { Analyzer } from '@banso/matching';
import { nodeAnalyzer } from '@banso/matching/node';
import type { AppDeps } from './context';
import { createAuditService } from './features/audit/audit.service';
import { createAuthService } from './features/auth/auth.service';
import { createBriefingService } from './features/briefing/briefing.service';
import { createCalendarService } from './features/calendar/calendar.service';
import { createCompaniesService } from './features/companies/companies.service';
import { createJobsService } from './features/jobs/jobs.service';
import { createListingsService } from './features/listings/listings.service';
import { createMatchesService } from './features/matches/matches.service';
import { createMatchIndex } from './features/matching/match-index';
import { createMatchingService } from './features/matching/matching.service';
import { createPlannerService } from './features/planner/planner.service';
import { createProgramsService } from './features/programs/programs.service';
import { createReportsService } from './features/reports/reports.service';
import { createSetupService } from './features/setup/setup.service';
import { SetupToken } from './features/setup/setup-token';
import { createSupportersService } from './features/supporters/supporters.service';
import { createUsersService } from './features/users/users.service';
import { createFollowUpsService } from './features/visits/follow-ups.service';
import { createVisitsService } from './features/visits/visits.service';

/**
 * The composition root: every service, built once from the process's dependencies, in
 * dependency order (the HTTP app, the CLI, the job runner and the demo all start here).
 */
export function createServices(
  deps: AppDeps,
  setupToken = new SetupToken(),
  options: { analyzer?: () => Promise<Analyzer> } = {},
) {
  const users = createUsersService(deps);
  const programs = createProgramsService(deps);
  const supporters = createSupportersService({ ...deps, users });
  const visits = createVisitsService({ ...deps, supporters });
  const followUps = createFollowUpsService({ ...deps, supporters, visits });
  const planner = createPlannerService({ ...deps, supporters, visits });
  const matches = createMatchesService(deps);
  const analyzer = options.analyzer ?? nodeAnalyzer;
  const matchIndex = createMatchIndex({ ...deps, analyzer });
  // The matching index learns of listing changes made here at once (read-your-writes).
  const listings = createListingsService({
    ...deps,
    onChange: {
      listingChanged: (actor, id) => matchIndex.refresh(actor.tenantId, { side: 'seed', id }),
    },
  });
  const matching = createMatchingService({
    ...deps,
    analyzer,
    matches,
    listings,
    index: matchIndex,
  });
  return {
    auth: createAuthService({ db: deps.db, now: deps.now, sessionHours: deps.config.sessionHours }),
    users,
    companies: createCompaniesService(deps),
    programs,
    reports: createReportsService({ programs, now: deps.now }),
    audit: createAuditService(deps),
    setup: createSetupService({ users, token: setupToken }),
    setupToken,
    supporters,
    visits,
    followUps,
    planner,
    calendar: createCalendarService(deps),
    briefing: createBriefingService({ db: deps.db, visits, followUps, matches, matching }),
    listings,
    matches,
    matching,
    jobs: createJobsService(deps),
  };
}
export type Services = ReturnType<typeof createServices>;
