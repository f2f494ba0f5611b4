import { DEFAULT_ISSUE_CATEGORIES, SUPPORTER_KINDS } from '@banso/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RosterMember, recommendTeam, type TeamRequest } from './team-recommender';

const CATEGORIES = DEFAULT_ISSUE_CATEGORIES;

const member = (overrides: Partial<RosterMember> & { id: string }): RosterMember => ({
  kind: 'expert',
  expertise: [],
  monthlyCapacity: 8,
  plannedThisMonth: 0,
  visitsToCompany: 0,
  active: true,
  ...overrides,
});

const rosterArb = (maxLength: number) =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^s[0-9a-z]{1,4}$/),
        kind: fc.constantFrom(...SUPPORTER_KINDS),
        expertise: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 4 }),
        monthlyCapacity: fc.integer({ min: 0, max: 10 }),
        plannedThisMonth: fc.integer({ min: 0, max: 10 }),
        visitsToCompany: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
        active: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      }),
      { minLength: 0, maxLength, selector: (m) => m.id },
    )
    .map((members) => members as RosterMember[]);

const requestArb = (maxRoster: number) =>
  fc.record({
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { minLength: 1, maxLength: 6 }),
    roster: rosterArb(maxRoster),
  });

const available = (m: RosterMember) =>
  m.active && m.monthlyCapacity > 0 && m.plannedThisMonth < m.monthlyCapacity;

/** Does any team of at most `size` available people cover all of `goal`? (brute force) */
function coverExists(roster: RosterMember[], goal: string[], size: number): boolean {
  const people = roster.filter(available);
  const pick = (start: number, left: number, covered: Set<string>): boolean => {
    if (goal.every((g) => covered.has(g))) return true;
    if (left === 0) return false;
    for (let i = start; i < people.length; i++) {
      const next = new Set(covered);
      for (const e of (people[i] as RosterMember).expertise) next.add(e);
      if ((people[i] as RosterMember).kind === 'financial') next.add('\u0000financial');
      if (pick(i + 1, left - 1, next)) return true;
    }
    return false;
  };
  return pick(0, size, new Set());
}

describe('recommendTeam (properties over random rosters)', () => {
  it('never proposes anyone inactive or at capacity, nor anyone twice', () => {
    fc.assert(
      fc.property(requestArb(40), (req) => {
        const team = recommendTeam(req);
        const byId = new Map(req.roster.map((m) => [m.id, m]));
        for (const m of team.members) {
          const r = byId.get(m.id) as RosterMember;
          expect(available(r)).toBe(true);
          expect(m.loadAfter).toBeLessThanOrEqual(r.monthlyCapacity);
        }
        expect(new Set(team.members.map((m) => m.id)).size).toBe(team.members.length);
      }),
    );
  });

  it('has 4–5 members when at least 4 people are available, else everyone available', () => {
    fc.assert(
      fc.property(requestArb(40), (req) => {
        const team = recommendTeam(req);
        const n = req.roster.filter(available).length;
        if (n >= 4) {
          expect(team.members.length).toBeGreaterThanOrEqual(4);
          expect(team.members.length).toBeLessThanOrEqual(5);
        } else {
          expect(team.members.length).toBe(n);
        }
        if (team.members.length > 0) {
          expect(team.members.filter((m) => m.role === 'lead')).toHaveLength(1);
        }
      }),
    );
  });

  it('covers every category whenever some team of five available people could', () => {
    fc.assert(
      fc.property(requestArb(12), (req) => {
        const team = recommendTeam(req);
        const goal: string[] = [...req.categories];
        if (req.categories.includes('資金調達')) goal.push('\u0000financial');
        if (coverExists(req.roster, goal, 5)) {
          expect(team.uncovered).toEqual([]);
          expect(team.financialMemberMissing).toBe(false);
        }
        // What is reported uncovered is really not covered by anyone on the team.
        for (const c of team.uncovered) {
          expect(team.members.some((m) => m.covers.includes(c))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('includes a financial-institution member when finance is needed and one is available', () => {
    fc.assert(
      fc.property(requestArb(40), (req) => {
        const request: TeamRequest = { ...req, categories: [...req.categories, '資金調達'] };
        const team = recommendTeam(request);
        const bankAvailable = req.roster.some((m) => available(m) && m.kind === 'financial');
        expect(team.members.some((m) => m.kind === 'financial')).toBe(bankAvailable);
        expect(team.financialMemberMissing).toBe(!bankAvailable);
      }),
    );
  });

  it('is deterministic: the roster order does not change the team', () => {
    fc.assert(
      fc.property(
        requestArb(30).chain((req) =>
          fc.tuple(
            fc.constant(req),
            fc.shuffledSubarray(req.roster, { minLength: req.roster.length }),
          ),
        ),
        ([req, shuffled]) => {
          expect(recommendTeam({ ...req, roster: shuffled })).toEqual(recommendTeam(req));
        },
      ),
    );
  });
});

describe('recommendTeam (examples)', () => {
  const roster: RosterMember[] = [
    member({ id: 'staff-a', kind: 'staff', expertise: ['販路開拓'], visitsToCompany: 3 }),
    member({ id: 'staff-b', kind: 'staff', expertise: ['販路開拓'] }),
    member({ id: 'coord', kind: 'coordinator', expertise: ['製品開発', '知財'] }),
    member({ id: 'expert-busy', kind: 'expert', expertise: ['技術・製造'], plannedThisMonth: 8 }),
    member({ id: 'expert-free', kind: 'expert', expertise: ['技術・製造'], plannedThisMonth: 2 }),
    member({ id: 'bank', kind: 'financial', expertise: ['資金調達', '事業承継'] }),
    member({ id: 'retired', kind: 'expert', expertise: ['知財'], active: false }),
  ];

  it('covers the issues with a mixed team, the bank for finance, the one who knows the company as lead', () => {
    const team = recommendTeam({
      categories: ['技術・製造', '知財', '資金調達', '販路開拓'],
      roster,
    });
    expect(team.members.map((m) => m.id)).toEqual(['staff-a', 'bank', 'coord', 'expert-free']);
    expect(team.members[0]).toMatchObject({ role: 'lead', reasons: ['continuity', 'covers'] });
    expect(team.members.find((m) => m.id === 'bank')).toMatchObject({
      covers: ['資金調達'],
      reasons: ['covers', 'financial'],
    });
    expect(team.uncovered).toEqual([]);
  });

  it('reports a category nobody available covers, and spreads load to the less busy expert', () => {
    const team = recommendTeam({ categories: ['技術・製造', 'DX'], roster });
    expect(team.uncovered).toEqual(['DX']);
    expect(team.members.map((m) => m.id)).toContain('expert-free');
    expect(team.members.map((m) => m.id)).not.toContain('expert-busy');
    expect(team.members).toHaveLength(4);
  });

  it('finds the cover a greedy pick would miss (exact search, not largest-first)', () => {
    // Largest-first takes the all-rounder (4 categories) and then needs two more people.
    const team = recommendTeam({
      categories: ['技術・製造', '製品開発', '販路開拓', '知財', 'DX', 'BCP'],
      roster: [
        member({ id: 'all-rounder', expertise: ['技術・製造', '製品開発', '販路開拓', '知財'] }),
        member({ id: 'p1', expertise: ['技術・製造', '製品開発', 'DX'] }),
        member({ id: 'p2', expertise: ['販路開拓', '知財', 'BCP'] }),
      ],
      minSize: 2,
      maxSize: 2,
    });
    expect(team.members.map((m) => m.id).sort()).toEqual(['p1', 'p2']);
    expect(team.uncovered).toEqual([]);
  });
});
