import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompanyFacts,
  groupByArea,
  monthsBetween,
  progressAgainstTarget,
  rankCompanies,
  reasonsFor,
} from './visit-planner';

const facts = (overrides: Partial<CompanyFacts> & { id: string }): CompanyFacts => ({
  name: overrides.id,
  kanaSort: overrides.id,
  municipalityCode: '141305',
  postalCode: '2100007',
  lastContactOn: '2026-06-01',
  overdueFollowUps: 0,
  representativeBirthYear: 1975,
  successorStatus: 'decided',
  registeredOn: '2020-04-01',
  flag: null,
  ...overrides,
});

const asOf = '2026-11-22';
const codes = (f: CompanyFacts) => reasonsFor(f, { asOf }).map((r) => r.code);

describe('planner reasons', () => {
  it('gives no reason for a recently visited, young, registered-long-ago company', () => {
    expect(codes(facts({ id: 'calm' }))).toEqual([]);
  });

  it('triggers each reason and shows its facts', () => {
    expect(codes(facts({ id: 'a', lastContactOn: null }))).toEqual(['never_visited']);
    const stale = reasonsFor(facts({ id: 'b', lastContactOn: '2025-08-10' }), { asOf });
    expect(stale).toEqual([
      {
        code: 'stale_contact',
        points: 20 + 2 * 3,
        detail: { months: 15, lastContactOn: '2025-08-10', threshold: 12 },
      },
    ]);
    expect(reasonsFor(facts({ id: 'c', overdueFollowUps: 3 }), { asOf })).toEqual([
      { code: 'overdue_follow_ups', points: 40, detail: { count: 3 } },
    ]);
    expect(reasonsFor(facts({ id: 'd', representativeBirthYear: 1958 }), { asOf })).toEqual([
      {
        code: 'succession_risk',
        points: 20,
        detail: { age: 68, successorStatus: 'decided' },
      },
    ]);
    // The parts add up: aged 65+ (20), 後継者不在 (15) or 後継者未定・不明 (10).
    const succession = (overrides: Partial<CompanyFacts>) =>
      reasonsFor(facts({ id: 's', ...overrides }), { asOf }).map((r) => [r.code, r.points]);
    expect(succession({ representativeBirthYear: 1958, successorStatus: 'none' })).toEqual([
      ['succession_risk', 35],
    ]);
    expect(succession({ representativeBirthYear: 1958, successorStatus: 'unknown' })).toEqual([
      ['succession_risk', 30],
    ]);
    expect(succession({ successorStatus: 'none' })).toEqual([['succession_risk', 15]]);
    // 'unknown' alone is a reason too (the issue: "aged ≥ 65 or unknown successor"), the weakest.
    expect(reasonsFor(facts({ id: 'd4', successorStatus: 'unknown' }), { asOf })).toEqual([
      {
        code: 'succession_risk',
        points: 10,
        detail: { age: 51, successorStatus: 'unknown' },
      },
    ]);
    expect(succession({ representativeBirthYear: null, successorStatus: 'unknown' })).toEqual([
      ['succession_risk', 10],
    ]);
    for (const successorStatus of ['decided', 'candidate', 'not_needed'] as const)
      expect(succession({ successorStatus })).toEqual([]);
    // 64 is not yet a risk; 65 is.
    expect(succession({ representativeBirthYear: 1962 })).toEqual([]);
    expect(succession({ representativeBirthYear: 1961 })).toEqual([['succession_risk', 20]]);
    expect(codes(facts({ id: 'e', registeredOn: '2026-10-01' }))).toEqual(['newly_registered']);
    expect(
      reasonsFor(facts({ id: 'f', flag: { by: '川崎 花子', note: '設備更新の相談あり' } }), {
        asOf,
      }),
    ).toEqual([
      { code: 'flagged', points: 35, detail: { by: '川崎 花子', note: '設備更新の相談あり' } },
    ]);
  });

  it('respects the configurable threshold', () => {
    const f = facts({ id: 'g', lastContactOn: '2026-03-01' });
    expect(codes(f)).toEqual([]);
    expect(reasonsFor(f, { asOf, staleAfterMonths: 6 })[0]).toMatchObject({
      code: 'stale_contact',
      detail: { months: 8 },
    });
  });

  it('counts whole months', () => {
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(0);
    expect(monthsBetween('2024-01-31', '2024-03-01')).toBe(1);
    expect(monthsBetween('2025-11-22', '2026-11-22')).toBe(12);
    expect(monthsBetween('2025-11-23', '2026-11-22')).toBe(11);
  });
});

describe('ranking', () => {
  it('orders by points, then longest without contact, then kana, then id', () => {
    const ranked = rankCompanies(
      [
        facts({ id: 'z-new', registeredOn: '2026-11-01', lastContactOn: null }), // 40 + 15
        facts({ id: 'overdue', overdueFollowUps: 1, lastContactOn: '2025-11-01' }), // 30 + 20
        facts({ id: 'b-never', kanaSort: 'い', lastContactOn: null }), // 40
        facts({ id: 'a-never', kanaSort: 'あ', lastContactOn: null }), // 40
        facts({ id: 'same-kana-2', kanaSort: 'う', lastContactOn: null }),
        facts({ id: 'same-kana-1', kanaSort: 'う', lastContactOn: null }),
        facts({ id: 'calm' }),
      ],
      { asOf },
    );
    expect(ranked.map((c) => [c.id, c.score])).toEqual([
      ['z-new', 55],
      ['overdue', 50],
      ['a-never', 40],
      ['b-never', 40],
      ['same-kana-1', 40],
      ['same-kana-2', 40],
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        kanaSort: fc.constantFrom('あ', 'い', 'う'),
        lastContactOn: fc.constantFrom(null, '2024-01-05', '2025-05-05', '2026-10-01'),
        overdueFollowUps: fc.integer({ min: 0, max: 3 }),
        representativeBirthYear: fc.constantFrom(null, 1950, 1980),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        arb.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          const a = rankCompanies(
            rows.map((r) => facts(r)),
            { asOf },
          );
          const b = rankCompanies(
            shuffled.map((r) => facts(r)),
            { asOf },
          );
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('groups proposals by municipality, neighbours in postal-code order', () => {
    const ranked = rankCompanies(
      [
        facts({
          id: 'naka-2',
          municipalityCode: '141313',
          postalCode: '2110063',
          lastContactOn: null,
        }),
        facts({
          id: 'kawa-1',
          municipalityCode: '141321',
          postalCode: '2100007',
          overdueFollowUps: 4,
        }),
        facts({
          id: 'naka-1',
          municipalityCode: '141313',
          postalCode: '2110004',
          lastContactOn: null,
        }),
      ],
      { asOf },
    );
    const groups = groupByArea(ranked);
    expect(groups.map((g) => [g.municipalityCode, g.companies.map((c) => c.id)])).toEqual([
      ['141321', ['kawa-1']],
      ['141313', ['naka-1', 'naka-2']],
    ]);
  });
});

describe('progress against the annual target', () => {
  it('knows the fiscal year and the pace still needed', () => {
    const p = progressAgainstTarget(500, 300, '2026-11-22');
    expect(p.fiscalYear).toBe(2026);
    expect(p.remaining).toBe(200);
    // 2026-04-01 … 2026-11-22 is 236 of 365 days.
    expect(p.elapsed).toBeCloseTo(236 / 365, 6);
    expect(p.expectedByNow).toBe(Math.round((500 * 236) / 365));
    expect(p.neededPerMonth).toBe(Math.ceil(200 / ((365 - 236) / (365 / 12))));
    expect(p.onPace).toBe(false);
  });

  it('puts 3/31 in the old fiscal year and 4/1 in the new one', () => {
    const last = progressAgainstTarget(500, 500, '2026-03-31');
    expect(last.fiscalYear).toBe(2025);
    expect(last.elapsed).toBe(1);
    expect(last.neededPerMonth).toBe(0);
    const first = progressAgainstTarget(500, 0, '2026-04-01');
    expect(first.fiscalYear).toBe(2026);
    expect(first.elapsed).toBeCloseTo(1 / 365, 6);
    expect(first.onPace).toBe(false);
  });
});
