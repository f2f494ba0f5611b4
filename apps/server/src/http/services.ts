import type { AppDeps } from '../context';
import { createAuditRepository } from '../features/audit/audit.repository';
import { createAuthService } from '../features/auth/auth.service';
import { createBriefingService } from '../features/briefing/briefing.service';
import { createCalendarService } from '../features/calendar/calendar.service';
import { createCompaniesService } from '../features/companies/companies.service';
import { createPlannerService } from '../features/planner/planner.service';
import { createProgramsService } from '../features/programs/programs.service';
import { createReportsService } from '../features/reports/reports.service';
import { createSetupService } from '../features/setup/setup.service';
import { SetupToken } from '../features/setup/setup-token';
import { createSupportersService } from '../features/supporters/supporters.service';
import { createUsersService } from '../features/users/users.service';
import { createFollowUpsService } from '../features/visits/follow-ups.service';
import { createVisitsService } from '../features/visits/visits.service';

/** Every service, built once from the process's dependencies. */
export function createServices(deps: AppDeps, setupToken = new SetupToken()) {
  const users = createUsersService(deps);
  const programs = createProgramsService(deps);
  const supporters = createSupportersService({ ...deps, users });
  const visits = createVisitsService({ ...deps, supporters });
  const followUps = createFollowUpsService({ ...deps, supporters, visits });
  const planner = createPlannerService({ ...deps, supporters, visits });
  return {
    auth: createAuthService({ db: deps.db, now: deps.now, sessionHours: deps.config.sessionHours }),
    users,
    companies: createCompaniesService(deps),
    programs,
    reports: createReportsService({ programs, now: deps.now }),
    audit: createAuditRepository(deps.db),
    setup: createSetupService({ users, token: setupToken }),
    setupToken,
    supporters,
    visits,
    followUps,
    planner,
    calendar: createCalendarService(deps),
    briefing: createBriefingService({ db: deps.db, visits, followUps }),
  };
}
export type Services = ReturnType<typeof createServices>;
