import { auth } from '../features/auth/i18n';
import { companies } from '../features/companies/i18n';
import { companyImport } from '../features/companies/import/i18n';
import { jobs } from '../features/jobs/i18n';
import { common } from './common';

/**
 * The namespaces bundled with the shell: what the login page and the first page after login
 * (/companies, with its CSV export menu) show. Nav labels live in `common`.
 */
export const namespaces = {
  common,
  auth,
  companies,
  companyImport,
  // Small; used by the company import wizard and the listings import page.
  jobs,
} as const;

type Bundle = { ja: object; en: object };

/**
 * Every other feature's namespace, loaded with the feature (a chunk of its own) the first time
 * a component asks for it: `useTranslation('programs')` suspends until it is there, and the
 * routes preload theirs (app/router.tsx). Each feature's strings thus stay off the first page's
 * JavaScript budget (bench/web-bundle.ts). A feature adds its file and one line here.
 */
export const lazyNamespaces = {
  companyForm: () => import('../features/companies/form/i18n').then((m) => m.companyForm),
  programs: () => import('../features/programs/i18n').then((m) => m.programs),
  caravan: () => import('../features/visits/i18n').then((m) => m.caravan),
  listings: () => import('../features/listings/i18n').then((m) => m.listings),
  matches: () => import('../features/matches/i18n').then((m) => m.matches),
} satisfies Record<string, () => Promise<Bundle>>;

export type LazyNamespace = keyof typeof lazyNamespaces;
export type Namespace = keyof typeof namespaces | LazyNamespace;
