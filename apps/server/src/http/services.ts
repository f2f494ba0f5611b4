import type { AppDeps } from '../context';
import { createAuditRepository } from '../features/audit/audit.repository';
import { createAuthService } from '../features/auth/auth.service';
import { createCompaniesService } from '../features/companies/companies.service';
import { createSetupService } from '../features/setup/setup.service';
import { SetupToken } from '../features/setup/setup-token';
import { createUsersService } from '../features/users/users.service';

/** Every service, built once from the process's dependencies. */
export function createServices(deps: AppDeps, setupToken = new SetupToken()) {
  const users = createUsersService(deps);
  return {
    auth: createAuthService({ db: deps.db, now: deps.now, sessionHours: deps.config.sessionHours }),
    users,
    companies: createCompaniesService(deps),
    audit: createAuditRepository(deps.db),
    setup: createSetupService({ users, token: setupToken }),
    setupToken,
  };
}
export type Services = ReturnType<typeof createServices>;
