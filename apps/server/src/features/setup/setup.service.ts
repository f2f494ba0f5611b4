import { AppError } from '../../app-error';
import type { NewOrganizationInput, UsersService } from '../users/users.service';
import type { SetupToken } from './setup-token';

/** First run: while no organisation exists, the setup token creates the first one and its admin. */
export function createSetupService(deps: { users: UsersService; token: SetupToken }) {
  const needsSetup = async () => (await deps.users.listOrganizations()).length === 0;
  return {
    needsSetup,
    async complete(token: string, input: NewOrganizationInput) {
      if (!(await needsSetup())) throw new AppError('setup_already_done');
      if (!deps.token.matches(token)) throw AppError.field('forbidden', 'token', 'invalid_value');
      const created = await deps.users.createOrganization(input, 'first-run setup');
      deps.token.spend();
      return created;
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;
