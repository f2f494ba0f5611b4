import { auth } from '../features/auth/i18n';
import { companyForm } from '../features/companies/form/i18n';
import { companies } from '../features/companies/i18n';
import { companyImport } from '../features/companies/import/i18n';
import { listings } from '../features/listings/i18n';
import { matches } from '../features/matches/i18n';
import { programs } from '../features/programs/i18n';
import { caravan } from '../features/visits/i18n';
import { common } from './common';

/** Every namespace, one per feature. A feature adds its own file and one line here. */
export const namespaces = {
  common,
  auth,
  companies,
  companyForm,
  companyImport,
  programs,
  caravan,
  listings,
  matches,
} as const;
export type Namespace = keyof typeof namespaces;
