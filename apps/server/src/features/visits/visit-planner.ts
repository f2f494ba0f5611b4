import { fiscalYearOfDateString, fiscalYearRange } from '@banso/shared';

/**
 * 訪問計画: ranks companies to visit, with the reasons shown. Pure: the
 * repository gathers one row of facts per company; this module scores them.
 *
 * Every reason adds fixed, documented points, so a coordinator can check the
 * ranking by hand; ties are broken by the longest time since the last
 * contact (never contacted first), then the kana order, then the id, so
 * the same data always gives the same plan.
 *
 * At full size the planner repository computes the same points in SQL to
 * pick the top companies (planner.repository.ts `ranked`), then this module
 * explains and orders those few; an integration test holds the two equal.
 */

export const PLANNER_REASONS = [
  'flagged',
  'overdue_follow_ups',
  'never_visited',
  'stale_contact',
  'succession_risk',
  'newly_registered',
] as const;
export type PlannerReasonCode = (typeof PLANNER_REASONS)[number];

export interface CompanyFacts {
  id: string;
  name: string;
  kanaSort: string;
  municipalityCode: string | null;
  postalCode: string | null;
  /** Last visit or contact, 'YYYY-MM-DD' in Asia/Tokyo; null if never. */
  lastContactOn: string | null;
  overdueFollowUps: number;
  representativeBirthYear: number | null;
  successorStatus: 'unknown' | 'decided' | 'candidate' | 'none' | 'not_needed';
  /** When the company entered the registry, 'YYYY-MM-DD'. */
  registeredOn: string;
  /** Set when a supporter flagged the company for a visit. */
  flag: { by: string; note: string | null } | null;
}

export interface PlannerOptions {
  /** 'YYYY-MM-DD', Asia/Tokyo. */
  asOf: string;
  /** Months without contact after which a company is due again (default 12). */
  staleAfterMonths?: number;
  /** Days during which a newly registered company is proposed (default 90). */
  newWithinDays?: number;
  /** The representative's age from which succession is a risk (default 65). */
  successionAge?: number;
}

export interface PlannerReason {
  code: PlannerReasonCode;
  points: number;
  /** Facts behind the reason, for the sentence the UI shows. */
  detail: Record<string, string | number | null>;
}

export interface PlannedCompany {
  id: string;
  name: string;
  municipalityCode: string | null;
  postalCode: string | null;
  score: number;
  reasons: PlannerReason[];
  lastContactOn: string | null;
}

export const REASON_POINTS = {
  flagged: 35,
  overdue_follow_ups: 30,
  overdue_each_more: 5,
  overdue_max: 50,
  never_visited: 40,
  stale_contact: 20,
  stale_each_month: 2,
  stale_max: 40,
  /** Representative aged `successionAge` (65) or more. */
  succession_age: 20,
  /** 後継者不在: no successor. */
  succession_no_successor: 15,
  /** 後継者未定・不明: not known yet (every company's default until someone asks). */
  succession_unknown: 10,
  newly_registered: 15,
} as const;

/** The options' defaults, shared with the SQL that ranks at full size. */
export const PLANNER_DEFAULTS = {
  staleAfterMonths: 12,
  newWithinDays: 90,
  successionAge: 65,
} as const;

const DAY = 86_400_000;
const toDay = (ymd: string) => Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10));
// The same asOf is converted for every company of a plan: remember the last one.
let lastAsOf = '';
let lastAsOfDay = 0;
const asOfDay = (ymd: string) => {
  if (ymd !== lastAsOf) {
    lastAsOf = ymd;
    lastAsOfDay = toDay(ymd);
  }
  return lastAsOfDay;
};

/** Whole months from `from` to `to` (both 'YYYY-MM-DD'): 2024-01-31 → 2024-02-29 is 0. */
export function monthsBetween(from: string, to: string): number {
  let months = (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7));
  if (+to.slice(8, 10) < +from.slice(8, 10)) months -= 1;
  return months;
}

export function reasonsFor(facts: CompanyFacts, options: PlannerOptions): PlannerReason[] {
  const staleAfter = options.staleAfterMonths ?? PLANNER_DEFAULTS.staleAfterMonths;
  const newWithin = options.newWithinDays ?? PLANNER_DEFAULTS.newWithinDays;
  const successionAge = options.successionAge ?? PLANNER_DEFAULTS.successionAge;
  const reasons: PlannerReason[] = [];
  const P = REASON_POINTS;

  if (facts.flag) {
    reasons.push({
      code: 'flagged',
      points: P.flagged,
      detail: { by: facts.flag.by, note: facts.flag.note },
    });
  }
  if (facts.overdueFollowUps > 0) {
    reasons.push({
      code: 'overdue_follow_ups',
      points: Math.min(
        P.overdue_max,
        P.overdue_follow_ups + P.overdue_each_more * (facts.overdueFollowUps - 1),
      ),
      detail: { count: facts.overdueFollowUps },
    });
  }
  if (facts.lastContactOn === null) {
    reasons.push({ code: 'never_visited', points: P.never_visited, detail: {} });
  } else {
    const months = monthsBetween(facts.lastContactOn, options.asOf);
    if (months >= staleAfter) {
      reasons.push({
        code: 'stale_contact',
        points: Math.min(P.stale_max, P.stale_contact + P.stale_each_month * (months - staleAfter)),
        detail: { months, lastContactOn: facts.lastContactOn, threshold: staleAfter },
      });
    }
  }
  const age =
    facts.representativeBirthYear === null
      ? null
      : Number(options.asOf.slice(0, 4)) - facts.representativeBirthYear;
  // 事業承継: a representative aged 65 or more, or a successor who is missing (不在) or not known
  // (未定・不明). The parts add up: 68 and 不在 is 35, 不在 alone 15, 未定・不明 alone 10 — the
  // lowest reason, since 'unknown' is every company's default until someone asks.
  const old = age !== null && age >= successionAge;
  const successorPoints =
    facts.successorStatus === 'none'
      ? P.succession_no_successor
      : facts.successorStatus === 'unknown'
        ? P.succession_unknown
        : 0;
  if (old || successorPoints > 0) {
    reasons.push({
      code: 'succession_risk',
      points: (old ? P.succession_age : 0) + successorPoints,
      detail: { age, successorStatus: facts.successorStatus },
    });
  }
  const sinceRegistered = (asOfDay(options.asOf) - toDay(facts.registeredOn)) / DAY;
  if (sinceRegistered >= 0 && sinceRegistered <= newWithin) {
    reasons.push({
      code: 'newly_registered',
      points: P.newly_registered,
      detail: { registeredOn: facts.registeredOn },
    });
  }
  return reasons;
}

/** Companies with at least one reason, best first; `limit` keeps the top. */
export function rankCompanies(
  companies: readonly CompanyFacts[],
  options: PlannerOptions,
  limit = Number.POSITIVE_INFINITY,
): PlannedCompany[] {
  const ranked: (PlannedCompany & { kanaSort: string })[] = [];
  for (const facts of companies) {
    const reasons = reasonsFor(facts, options);
    if (reasons.length === 0) continue;
    ranked.push({
      id: facts.id,
      name: facts.name,
      kanaSort: facts.kanaSort,
      municipalityCode: facts.municipalityCode,
      postalCode: facts.postalCode,
      score: reasons.reduce((sum, r) => sum + r.points, 0),
      reasons,
      lastContactOn: facts.lastContactOn,
    });
  }
  ranked.sort(compareRanked);
  return ranked.slice(0, limit).map(({ kanaSort: _k, ...rest }) => rest);
}

/**
 * Best first: more points, then longer without contact (never first), then kana, then id.
 * Strings compare by UTF-16 code unit; the SQL orders with `collate "C"` (code point), which is
 * the same order for the normalised kana readings (NFKC leaves no half-width or full-width forms,
 * the only characters where the two orders differ from characters outside the BMP).
 */
export function compareRanked(
  a: { score: number; lastContactOn: string | null; kanaSort: string; id: string },
  b: { score: number; lastContactOn: string | null; kanaSort: string; id: string },
): number {
  if (a.score !== b.score) return b.score - a.score;
  const ca = a.lastContactOn ?? '';
  const cb = b.lastContactOn ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  if (a.kanaSort !== b.kanaSort) return a.kanaSort < b.kanaSort ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface AreaGroup {
  municipalityCode: string | null;
  companies: PlannedCompany[];
}

/**
 * Proposed visits grouped by municipality/ward, neighbours next to each other
 * (postal code order inside a group); groups in the order of their best company.
 */
export function groupByArea(ranked: readonly PlannedCompany[]): AreaGroup[] {
  const groups = new Map<string, AreaGroup>();
  for (const company of ranked) {
    const key = company.municipalityCode ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { municipalityCode: company.municipalityCode, companies: [] };
      groups.set(key, group);
    }
    group.companies.push(company);
  }
  for (const group of groups.values()) {
    const rank = new Map(ranked.map((c, i) => [c.id, i]));
    group.companies.sort((a, b) => {
      const pa = a.postalCode ?? '9999999';
      const pb = b.postalCode ?? '9999999';
      if (pa !== pb) return pa < pb ? -1 : 1;
      return (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0);
    });
  }
  return [...groups.values()];
}

export interface Progress {
  fiscalYear: number;
  target: number;
  done: number;
  /** Share of the fiscal year's days elapsed up to and including asOf. */
  elapsed: number;
  /** Visits that an even pace would have reached by now. */
  expectedByNow: number;
  remaining: number;
  /** Visits a month needed for the rest of the year (remaining ÷ months left, rounded up). */
  neededPerMonth: number;
  onPace: boolean;
}

/** Progress against the annual target (e.g. 500 visits) and the pace needed for the rest of the FY. */
export function progressAgainstTarget(target: number, done: number, asOf: string): Progress {
  const fiscalYear = fiscalYearOfDateString(asOf);
  const { start, end } = fiscalYearRange(fiscalYear);
  const total = (toDay(end) - toDay(start)) / DAY + 1;
  const passed = (toDay(asOf) - toDay(start)) / DAY + 1;
  const elapsed = passed / total;
  const remaining = Math.max(0, target - done);
  const daysLeft = total - passed;
  const monthsLeft = Math.max(daysLeft / (total / 12), 1 / 30);
  return {
    fiscalYear,
    target,
    done,
    elapsed,
    expectedByNow: Math.round(target * elapsed),
    remaining,
    neededPerMonth: remaining === 0 ? 0 : Math.ceil(remaining / monthsLeft),
    onPace: done >= Math.round(target * elapsed),
  };
}
