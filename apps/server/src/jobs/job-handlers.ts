import type { JobKind } from '@banso/shared';
import type { AppDeps } from '../context';
import type { Services } from '../services';
import { companiesImportJob } from './companies-import.job';
import type { JobHandler } from './job-handler';
import { listingsImportJob } from './listings-import.job';

/**
 * Every kind of job this server runs (one file per kind, `<kind>.job.ts`); a kind of
 * JOB_KINDS without a handler here fails the typecheck.
 */
export function jobHandlers(deps: AppDeps, services: Services): JobHandler[] {
  const byKind: { [K in JobKind]: JobHandler } = {
    'companies.import': companiesImportJob(deps),
    'listings.import': listingsImportJob(services),
  };
  return Object.values(byKind);
}
