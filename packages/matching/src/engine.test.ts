import { beforeAll, describe, expect, it } from 'vitest';
import type { Analyzer } from './analyzer';
import { needTexts, seedTexts } from './documents';
import { MatchingEngine, partnerRegionLookup, sameRegion } from './engine';
import { evaluateRankings } from './evaluation';
import { REJECTED_FACTOR } from './feedback';
import { nodeAnalyzer } from './node/resources';
import { loadEvalSet } from './testing/eval-set';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await nodeAnalyzer();
}, 60_000);

const set = loadEvalSet();

function evalEngine(): MatchingEngine {
  const engine = new MatchingEngine(analyzer);
  for (const p of set.patents) engine.upsertSeed(p);
  for (const c of set.companies) engine.upsertNeed(c);
  return engine;
}

/**
 * Regression guard on the labelled set (test/fixtures/matching): 40 patents, each ranked against
 * 100 companies (1 relevant, 99 distractors). Baseline recorded in docs/benchmarks.md.
 */
const BASELINE = {
  seedsToNeeds: { recallAt5: 1, recallAt10: 1, mrr: 0.975 },
  needsToSeeds: { recallAt5: 1, recallAt10: 1, mrr: 0.946 },
};

describe('MatchingEngine on the labelled evaluation set', () => {
  it('stays at or above the recorded recall@5, recall@10 and MRR in both directions', () => {
    const engine = evalEngine();
    const forward = evaluateRankings(
      set.patents.map((p) => ({
        relevant: set.pairs[p.id] ?? '',
        ranking: engine.needsForSeed(p.id, { top: 10, explain: false }).map((c) => c.id),
      })),
    );
    const backward = evaluateRankings(
      Object.entries(set.pairs).map(([patent, company]) => ({
        relevant: patent,
        ranking: engine.seedsForNeed(company, { top: 10, explain: false }).map((c) => c.id),
      })),
    );
    expect(forward.queries).toBe(40);
    expect(set.companies.length - 1).toBeGreaterThanOrEqual(50);
    expect(forward.recallAt5).toBeGreaterThanOrEqual(BASELINE.seedsToNeeds.recallAt5);
    expect(forward.recallAt10).toBeGreaterThanOrEqual(BASELINE.seedsToNeeds.recallAt10);
    expect(forward.mrr).toBeGreaterThanOrEqual(BASELINE.seedsToNeeds.mrr);
    expect(backward.recallAt5).toBeGreaterThanOrEqual(BASELINE.needsToSeeds.recallAt5);
    expect(backward.recallAt10).toBeGreaterThanOrEqual(BASELINE.needsToSeeds.recallAt10);
    expect(backward.mrr).toBeGreaterThanOrEqual(BASELINE.needsToSeeds.mrr);
  });

  it('explains a candidate: shared terms with fields, related terms, affinity, sentence', () => {
    const engine = evalEngine();
    const [best] = engine.needsForSeed('P01', { top: 3 });
    expect(best?.id).toBe('C01');
    const reasons = best?.reasons ?? [];
    expect(reasons).toContainEqual(
      expect.objectContaining({ type: 'term', term: '炭素繊維強化樹脂', fields: ['technologies'] }),
    );
    expect(reasons).toContainEqual(
      expect.objectContaining({
        type: 'related',
        term: 'オートクレーブ',
        via: '炭素繊維強化樹脂',
        source: 'thesaurus',
      }),
    );
    expect(reasons).toContainEqual(
      expect.objectContaining({ type: 'affinity', ipc: 'B29', jsic: '18' }),
    );
    expect(best?.summary.ja).toContain('「炭素繊維強化樹脂」(技術)');
    expect(best?.summary.ja).toContain('IPC B29 と産業分類 18 の親和性');
  });

  it('finds a match only through the thesaurus, and says so', () => {
    const engine = new MatchingEngine(analyzer);
    engine.upsertSeed({ id: 'S', title: '炭素繊維強化樹脂', abstract: '' });
    engine.upsertNeed({ id: 'N1', description: 'オートクレーブを持つ工場' });
    engine.upsertNeed({ id: 'N2', description: '和菓子の製造' });
    const result = engine.needsForSeed('S');
    expect(result.map((c) => c.id)).toEqual(['N1']);
    expect(result[0]?.reasons[0]).toMatchObject({
      type: 'related',
      term: 'オートクレーブ',
      source: 'thesaurus',
    });
    expect(result[0]?.summary.ja).toContain('「オートクレーブ」は「炭素繊維強化樹脂」の関連語');
  });
});

describe('feedback', () => {
  const seed = {
    id: 'P',
    title: '画像認識による外観検査装置',
    abstract: '不良品を自動で判別する',
    ipc: ['G06T 7/00'],
  };
  const needs = [
    {
      id: 'A',
      description: '画像処理と外観検査の装置を作る',
      technologies: ['画像処理'],
      jsic: '3911',
    },
    {
      id: 'B',
      description: '外観検査の装置と検査治具の製作',
      technologies: ['治具設計'],
      jsic: '3912',
    },
    { id: 'C', description: '検査装置の販売', technologies: ['ソフトウェア'], jsic: '3011' },
  ];

  it('rejecting a candidate with a reason and accepting another changes the ranking, explained', () => {
    const engine = new MatchingEngine(analyzer);
    engine.upsertSeed(seed);
    for (const n of needs) engine.upsertNeed(n);
    const before = engine.needsForSeed('P').map((c) => c.id);
    expect(before[0]).toBe('A');

    engine.recordFeedback({
      seedId: 'P',
      needId: 'A',
      verdict: 'rejected',
      reason: '設備が合わない',
    });
    engine.recordFeedback({ seedId: 'P', needId: 'C', verdict: 'accepted' });
    const after = engine.needsForSeed('P');
    const ids = after.map((c) => c.id);
    expect(ids.indexOf('A')).toBeGreaterThan(before.indexOf('A'));
    expect(ids.indexOf('C')).toBeLessThanOrEqual(before.indexOf('C'));

    const rejected = after.find((c) => c.id === 'A');
    expect(rejected?.reasons).toContainEqual({
      type: 'feedback',
      verdict: 'rejected',
      reason: '設備が合わない',
      factor: REJECTED_FACTOR,
    });
    expect(rejected?.summary.ja).toContain('以前に見送り（設備が合わない）');
    // The rejection lowered the learned IPC G06 × JSIC 39 affinity, which B (also 39) feels.
    const b = after.find((c) => c.id === 'B');
    expect(b?.reasons).toContainEqual(
      expect.objectContaining({ type: 'affinity', ipc: 'G06', jsic: '39', learned: -0.1 }),
    );
    const c = after.find((x) => x.id === 'C');
    expect(c?.reasons).toContainEqual(
      expect.objectContaining({ type: 'affinity', ipc: 'G06', jsic: '30', learned: 0.1 }),
    );
  });

  it('accepted pairs teach bounded term associations that help similar pairs later', () => {
    const engine = new MatchingEngine(analyzer);
    engine.upsertSeed({ id: 'P1', title: '抗ウイルス加工' });
    engine.upsertSeed({ id: 'P2', title: '抗ウイルス加工の新方式' });
    engine.upsertNeed({ id: 'N1', description: '白衣の縫製', technologies: ['抗ウイルス加工'] });
    engine.upsertNeed({ id: 'N2', description: '白衣の縫製工場' });
    engine.upsertNeed({ id: 'N3', description: '菓子の製造' });
    expect(engine.needsForSeed('P2').map((c) => c.id)).not.toContain('N2');
    for (let i = 0; i < 10; i++)
      engine.recordFeedback({ seedId: 'P1', needId: 'N1', verdict: 'accepted' });
    const later = engine.needsForSeed('P2');
    const n2 = later.find((c) => c.id === 'N2');
    expect(n2).toBeDefined();
    const learned = n2?.reasons.find((r) => r.type === 'related' && r.source === 'learned');
    expect(learned).toBeDefined();
    // Bounded: ten acceptances weigh no more than ASSOCIATION_BOUND.
    for (const [, w] of engine.feedback.associationsOf('抗ウイルス加工') ?? [])
      expect(w).toBeLessThanOrEqual(0.6);
    expect(n2?.summary.ja).toContain('過去の成約から学習');
  });
});

describe('incremental updates and region', () => {
  it('a bulk load ranks exactly like documents added one by one', () => {
    const one = evalEngine();
    const bulk = new MatchingEngine(analyzer);
    const tokens = (texts: string[]) => texts.map((t) => analyzer.analyze(t));
    bulk.bulkLoad('seed', set.patents.length, (i) => {
      const doc = set.patents[i] as (typeof set.patents)[number];
      return { doc, fieldTokens: tokens(seedTexts(doc)) };
    });
    bulk.bulkLoad('need', set.companies.length, (i) => {
      const doc = set.companies[i] as (typeof set.companies)[number];
      return { doc, fieldTokens: tokens(needTexts(doc)) };
    });
    for (const p of set.patents.slice(0, 10))
      expect(bulk.needsForSeed(p.id, { top: 5 })).toEqual(one.needsForSeed(p.id, { top: 5 }));
  });

  it('adds, updates and removes documents without a rebuild', () => {
    const engine = new MatchingEngine(analyzer);
    engine.upsertSeed({ id: 'S', title: '射出成形用の金型' });
    engine.upsertNeed({ id: 'N', description: '金型の製作' });
    expect(engine.needsForSeed('S').map((c) => c.id)).toEqual(['N']);
    engine.upsertNeed({ id: 'N', description: '和菓子の製造' });
    expect(engine.needsForSeed('S')).toEqual([]);
    engine.upsertNeed({ id: 'M', description: '金型と射出成形' });
    expect(engine.seedsForNeed('M').map((c) => c.id)).toEqual(['S']);
    expect(engine.removeNeed('M')).toBe(true);
    expect(engine.needsForSeed('S')).toEqual([]);
    expect(engine.size).toEqual({ seeds: 1, needs: 1 });
  });

  it('prefers the same municipality a little, and says so', () => {
    const engine = new MatchingEngine(analyzer);
    engine.upsertSeed({ id: 'S', title: '金型の表面処理', municipality: '141305' });
    engine.upsertNeed({ id: 'far', description: '金型の表面処理', municipality: '131016' });
    engine.upsertNeed({ id: 'near', description: '金型の表面処理', municipality: '141305' });
    const [first, second] = engine.needsForSeed('S');
    expect(first?.id).toBe('near');
    expect(first?.reasons).toContainEqual({ type: 'region', level: 'municipality' });
    expect((first?.score ?? 0) / (second?.score ?? 1)).toBeCloseTo(1.1, 2);
    expect(sameRegion('141305', '141313')).toBe('prefecture');
    expect(sameRegion('川崎市', '川崎市')).toBe('municipality');
    expect(sameRegion('141305', undefined)).toBeUndefined();
  });

  describe('partner regions (連携地域)', () => {
    /** A Kawasaki listing and three equally written firms: Tokyo, 宇都宮市 (栃木県), Kawasaki. */
    function partnerEngine() {
      const engine = new MatchingEngine(analyzer);
      engine.upsertSeed({ id: 'S', title: '金型の表面処理', municipality: '141305' });
      engine.upsertNeed({ id: 'tokyo', description: '金型の表面処理', municipality: '131016' });
      engine.upsertNeed({
        id: 'utsunomiya',
        description: '金型の表面処理',
        municipality: '092011',
      });
      engine.upsertNeed({ id: 'kawasaki', description: '金型の表面処理', municipality: '141305' });
      return engine;
    }
    const ids = (cs: { id: string }[]) => cs.map((c) => c.id);

    it('raises a candidate in a partner prefecture a little, and says which region', () => {
      const engine = partnerEngine();
      const plain = engine.needsForSeed('S');
      // Without partner regions the two distant firms tie and are ordered by id.
      expect(ids(plain)).toEqual(['kawasaki', 'tokyo', 'utsunomiya']);
      expect(plain.find((c) => c.id === 'utsunomiya')?.reasons).not.toContainEqual(
        expect.objectContaining({ type: 'region' }),
      );

      const ranked = engine.needsForSeed('S', { partnerRegions: ['09'] });
      expect(ids(ranked)).toEqual(['kawasaki', 'utsunomiya', 'tokyo']);
      const partner = ranked[1];
      const tokyo = ranked[2];
      expect(partner?.reasons).toContainEqual({
        type: 'region',
        level: 'partner',
        region: '09',
        name: '栃木県',
        nameEn: 'Tochigi',
      });
      expect((partner?.score ?? 0) / (tokyo?.score ?? 1)).toBeCloseTo(1.05, 2);
      expect(partner?.summary.ja).toContain('連携地域（栃木県）');
      expect(partner?.summary.en).toContain('partner region (Tochigi)');
      expect(tokyo?.reasons).not.toContainEqual(expect.objectContaining({ type: 'region' }));
    });

    it('matches a municipality code with or without its check digit, and names it', () => {
      const engine = partnerEngine();
      for (const code of ['09201', '092011', '０９２０１']) {
        const [, second] = engine.needsForSeed('S', { partnerRegions: [code] });
        expect(second?.id, code).toBe('utsunomiya');
        expect(second?.reasons).toContainEqual({
          type: 'region',
          level: 'partner',
          region: '092011',
          name: '栃木県 宇都宮市',
        });
        expect(second?.summary.ja).toContain('連携地域（栃木県 宇都宮市）');
      }
      // Another municipality of the same prefecture is not a partner.
      const [, other] = engine.needsForSeed('S', { partnerRegions: ['092029'] });
      expect(other?.id).toBe('tokyo');
    });

    it('does not count a same-municipality candidate twice', () => {
      const engine = partnerEngine();
      const plain = engine.needsForSeed('S');
      const withPartner = engine.needsForSeed('S', { partnerRegions: ['14', '141305', '09'] });
      const near = withPartner.find((c) => c.id === 'kawasaki');
      expect(near?.score).toBe(plain.find((c) => c.id === 'kawasaki')?.score);
      expect(near?.reasons.filter((r) => r.type === 'region')).toEqual([
        { type: 'region', level: 'municipality' },
      ]);
      // The partner boost never lifts a distant firm above one in the same municipality.
      expect(withPartner[0]?.id).toBe('kawasaki');
    });

    it('works the other way round (listings for a company) and ignores malformed codes', () => {
      const engine = new MatchingEngine(analyzer);
      engine.upsertNeed({ id: 'N', description: '金型の表面処理', municipality: '141305' });
      engine.upsertSeed({ id: 'far', title: '金型の表面処理', municipality: '131016' });
      engine.upsertSeed({ id: 'partner', title: '金型の表面処理', municipality: '092011' });
      expect(ids(engine.seedsForNeed('N', { partnerRegions: ['x', '9', '0920'] }))).toEqual([
        'far',
        'partner',
      ]);
      expect(ids(engine.seedsForNeed('N', { partnerRegions: ['09'] }))).toEqual(['partner', 'far']);
    });

    it('takes a designated city’s wards in, and prefers the most specific region', () => {
      const lookup = partnerRegionLookup(['14', '141305']);
      // 川崎市 中原区 (141330) lies in 川崎市 (141305).
      expect(lookup('141330')).toEqual({ region: '141305', name: '神奈川県 川崎市' });
      expect(lookup('142018')).toEqual({ region: '14', name: '神奈川県', nameEn: 'Kanagawa' });
      expect(lookup('131016')).toBeUndefined();
      expect(lookup('川崎市')).toBeUndefined();
      expect(lookup(undefined)).toBeUndefined();
      // A code of the right shape that is not in the list still matches, by its code.
      expect(partnerRegionLookup(['99999'])('999990')).toEqual({ region: '99999' });
    });
  });
});
