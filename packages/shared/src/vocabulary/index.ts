export * from './caravan';
export * from './companies';
export * from './define';
export * from './matching';
export * from './programs';
export * from './users';

import {
  FOLLOW_UP_STATUS,
  ISSUE_RAISER,
  SUPPORTER_KIND,
  TEAM_ROLE,
  VISIT_KIND,
  VISIT_STATUS,
} from './caravan';
import { COMPANY_KIND, COMPANY_STATUS, SUCCESSOR_STATUS } from './companies';
import type { AnyVocabulary } from './define';
import {
  DECISION_VERDICT,
  LICENSE_TYPE,
  LICENSING_OFFER,
  LISTING_KIND,
  LISTING_STATUS,
  MATCH_ORIGIN,
  MATCH_STAGE,
  MATCH_STATUS,
  ROYALTY_TYPE,
} from './matching';
import { BUDGET_FIGURE, COUNTING_BASIS, KPI_DIRECTION, KPI_UNIT } from './programs';
import { LOCALE, USER_ROLE } from './users';

/** Every closed set, for tests and tools. */
export const VOCABULARIES: readonly AnyVocabulary[] = [
  VISIT_KIND,
  VISIT_STATUS,
  SUPPORTER_KIND,
  TEAM_ROLE,
  ISSUE_RAISER,
  FOLLOW_UP_STATUS,
  COMPANY_KIND,
  COMPANY_STATUS,
  SUCCESSOR_STATUS,
  LISTING_KIND,
  LISTING_STATUS,
  LICENSING_OFFER,
  DECISION_VERDICT,
  MATCH_STAGE,
  MATCH_STATUS,
  MATCH_ORIGIN,
  LICENSE_TYPE,
  ROYALTY_TYPE,
  KPI_UNIT,
  COUNTING_BASIS,
  KPI_DIRECTION,
  BUDGET_FIGURE,
  USER_ROLE,
  LOCALE,
];
