import { DEFAULT_FINANCE_CATEGORIES, type SupporterKind } from '@banso/shared';

/**
 * チーム編成: proposes a caravan team of 4–5 for a company visit.
 *
 * Pure (no I/O). The problem is a small set cover with side conditions:
 *  1. Cover every needed issue category that someone available can cover,
 *     with as few people as possible (exact search over coverage signatures,
 *     so a cover is found whenever one of at most `maxSize` people exists).
 *  2. When finance is among the issues, the team includes a financial-
 *     institution member (modelled as one more category only they cover).
 *  3. Nobody at or over their monthly capacity is proposed.
 *  4. Among equally small covers, and when filling the team up to `minSize`,
 *     prefer people who already know the company (continuity), then the least
 *     loaded (load ÷ capacity), then kinds not yet on the team (a mixed team:
 *     city staff, coordinator, expert, bank), then the id — so the result is
 *     deterministic whatever the roster order.
 * Each member carries what they cover and why they were chosen.
 */

export interface RosterMember {
  id: string;
  kind: SupporterKind;
  expertise: readonly string[];
  /** Visits a month this person can do. */
  monthlyCapacity: number;
  /** Visits already planned for them in the month of this visit. */
  plannedThisMonth: number;
  /** Earlier visits of this person to this company (0 = never met). */
  visitsToCompany: number;
  active: boolean;
}

export interface TeamRequest {
  /** Issue categories the visit must cover (the company's open issues and the planned purpose). */
  categories: readonly string[];
  roster: readonly RosterMember[];
  /** Categories that need a financial-institution member. */
  financeCategories?: readonly string[];
  minSize?: number;
  maxSize?: number;
}

export type SelectionReason = 'covers' | 'financial' | 'continuity' | 'fill';

export interface ProposedMember {
  id: string;
  kind: SupporterKind;
  role: 'lead' | 'member';
  /** Needed categories this member brings (possibly also covered by another member). */
  covers: string[];
  reasons: SelectionReason[];
  /** Load after this visit, e.g. 3 of 6. */
  loadAfter: number;
  monthlyCapacity: number;
}

export interface TeamProposal {
  members: ProposedMember[];
  /** Needed categories nobody on the team covers (nobody available could). */
  uncovered: string[];
  /** Finance was needed but no financial-institution member is available. */
  financialMemberMissing: boolean;
}

const FINANCIAL = '\u0000financial';

interface Candidate {
  member: RosterMember;
  /** Bit i set ⇔ covers target i. */
  mask: number;
}

/** Higher first: knows the company, then spare capacity, then id (deterministic). */
function preference(a: RosterMember, b: RosterMember): number {
  const knowsA = a.visitsToCompany > 0 ? 1 : 0;
  const knowsB = b.visitsToCompany > 0 ? 1 : 0;
  if (knowsA !== knowsB) return knowsB - knowsA;
  if (a.visitsToCompany !== b.visitsToCompany) return b.visitsToCompany - a.visitsToCompany;
  const loadA = a.plannedThisMonth / a.monthlyCapacity;
  const loadB = b.plannedThisMonth / b.monthlyCapacity;
  if (loadA !== loadB) return loadA - loadB;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const bitCount = (mask: number) => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/**
 * The smallest set of signatures whose union is `goal`, trying categories
 * with the fewest options first; among covers of one size, the first found
 * in preference order wins (candidates are pre-sorted by preference).
 */
function exactCover(candidates: readonly Candidate[], goal: number, limit: number): Candidate[] {
  // One representative per coverage signature (the most preferred), without
  // signatures contained in another one.
  const bySignature = new Map<number, Candidate>();
  for (const c of candidates) {
    const sig = c.mask & goal;
    if (sig && !bySignature.has(sig)) bySignature.set(sig, c);
  }
  const signatures = [...bySignature.keys()].filter(
    (sig) => ![...bySignature.keys()].some((other) => other !== sig && (other & sig) === sig),
  );
  const options = signatures.map((sig) => bySignature.get(sig) as Candidate);

  for (let size = 1; size <= limit; size++) {
    const found = search(options, goal, 0, size, []);
    if (found) return found;
  }
  return [];
}

function search(
  options: readonly Candidate[],
  goal: number,
  covered: number,
  budget: number,
  chosen: Candidate[],
): Candidate[] | null {
  const missing = goal & ~covered;
  if (!missing) return chosen;
  if (budget === 0) return null;
  // Branch on the missing target with the fewest options.
  let bestBit = -1;
  let bestCount = Number.POSITIVE_INFINITY;
  for (let bit = 0; 1 << bit <= missing; bit++) {
    if (!(missing & (1 << bit))) continue;
    let count = 0;
    for (const o of options) if (o.mask & (1 << bit) && !chosen.includes(o)) count++;
    if (count < bestCount) {
      bestCount = count;
      bestBit = bit;
    }
  }
  if (bestCount === 0) return null;
  for (const o of options) {
    if (!(o.mask & (1 << bestBit)) || chosen.includes(o)) continue;
    const found = search(options, goal, covered | o.mask, budget - 1, [...chosen, o]);
    if (found) return found;
  }
  return null;
}

/**
 * When no team of `limit` covers everything reachable: the financial member first (if needed),
 * then repeatedly whoever adds the most uncovered categories (ties: preference order).
 */
function greedyCover(
  candidates: readonly Candidate[],
  goal: number,
  limit: number,
  targets: readonly string[],
): Candidate[] {
  const chosen: Candidate[] = [];
  let covered = 0;
  const financialBit = targets.indexOf(FINANCIAL);
  if (financialBit >= 0) {
    const bank = candidates
      .filter((c) => c.mask & (1 << financialBit))
      .sort((a, b) => bitCount(b.mask & goal) - bitCount(a.mask & goal))[0];
    if (bank) {
      chosen.push(bank);
      covered |= bank.mask;
    }
  }
  while (chosen.length < limit && (goal & ~covered) !== 0) {
    let best: Candidate | null = null;
    let bestGain = 0;
    for (const c of candidates) {
      const gain = bitCount(c.mask & goal & ~covered);
      if (gain > bestGain) {
        best = c;
        bestGain = gain;
      }
    }
    if (!best) break;
    chosen.push(best);
    covered |= best.mask;
  }
  return chosen;
}

export function recommendTeam(request: TeamRequest): TeamProposal {
  const minSize = request.minSize ?? 4;
  const maxSize = Math.max(minSize, request.maxSize ?? 5);
  const financeCategories = new Set(request.financeCategories ?? DEFAULT_FINANCE_CATEGORIES);
  const categories = [...new Set(request.categories)].sort();
  const financeNeeded = categories.some((c) => financeCategories.has(c));
  const targets = financeNeeded ? [...categories, FINANCIAL] : categories;
  if (targets.length > 30) throw new RangeError('at most 30 categories per visit');

  const available = request.roster
    .filter((m) => m.active && m.monthlyCapacity > 0 && m.plannedThisMonth < m.monthlyCapacity)
    .slice()
    .sort(preference);
  const maskOf = (m: RosterMember) => {
    let mask = 0;
    targets.forEach((t, i) => {
      if (t === FINANCIAL ? m.kind === 'financial' : m.expertise.includes(t)) mask |= 1 << i;
    });
    return mask;
  };
  const candidates = available.map((member) => ({ member, mask: maskOf(member) }));
  const reachable = candidates.reduce((acc, c) => acc | c.mask, 0);

  let chosen = exactCover(candidates, reachable, maxSize);
  if (chosen.length === 0 && reachable !== 0)
    chosen = greedyCover(candidates, reachable, maxSize, targets);
  const team = new Map<string, { c: Candidate; reasons: Set<SelectionReason> }>();
  for (const c of chosen) {
    const reasons = new Set<SelectionReason>(['covers']);
    if (financeNeeded && c.member.kind === 'financial') reasons.add('financial');
    team.set(c.member.id, { c, reasons });
  }

  // Fill up to minSize: continuity first, then what adds a second pair of hands on a needed
  // category, then a kind not yet on the team, then preference order.
  while (team.size < minSize) {
    const kinds = new Set([...team.values()].map((t) => t.c.member.kind));
    const rest = candidates.filter((c) => !team.has(c.member.id));
    if (rest.length === 0) break;
    rest.sort((a, b) => {
      const knows = (b.member.visitsToCompany > 0 ? 1 : 0) - (a.member.visitsToCompany > 0 ? 1 : 0);
      if (knows) return knows;
      const helps = (b.mask ? 1 : 0) - (a.mask ? 1 : 0);
      if (helps) return helps;
      const fresh = (kinds.has(b.member.kind) ? 0 : 1) - (kinds.has(a.member.kind) ? 0 : 1);
      if (fresh) return fresh;
      return preference(a.member, b.member);
    });
    const next = rest[0] as Candidate;
    team.set(next.member.id, { c: next, reasons: new Set<SelectionReason>(['fill']) });
  }

  const members = [...team.values()].map(({ c, reasons }) => {
    if (c.member.visitsToCompany > 0) reasons.add('continuity');
    return {
      id: c.member.id,
      kind: c.member.kind,
      role: 'member' as 'lead' | 'member',
      covers: categories.filter((cat) => c.member.expertise.includes(cat)),
      reasons: [...reasons].sort(),
      loadAfter: c.member.plannedThisMonth + 1,
      monthlyCapacity: c.member.monthlyCapacity,
    };
  });
  // The lead: city staff or a coordinator, the one who knows the company best.
  const leadOrder = [...members].sort((a, b) => {
    const ra = a.kind === 'staff' || a.kind === 'coordinator' ? 0 : 1;
    const rb = b.kind === 'staff' || b.kind === 'coordinator' ? 0 : 1;
    if (ra !== rb) return ra - rb;
    const ma = team.get(a.id)?.c.member as RosterMember;
    const mb = team.get(b.id)?.c.member as RosterMember;
    return preference(ma, mb);
  });
  const lead = leadOrder[0];
  if (lead) lead.role = 'lead';
  members.sort((a, b) =>
    a.role !== b.role ? (a.role === 'lead' ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );

  const covered = new Set(members.flatMap((m) => m.covers));
  return {
    members,
    uncovered: categories.filter((c) => !covered.has(c)),
    financialMemberMissing: financeNeeded && !members.some((m) => m.kind === 'financial'),
  };
}
