import { findMunicipality, findPrefecture, municipalitiesByPrefecture } from '@banso/shared';
import { type AffinityMatch, type AffinityTable, affinityOf, SHIPPED_AFFINITY } from './affinity';
import type { Analyzer, TokenKind } from './analyzer';
import {
  NEED_FIELDS,
  type NeedDocument,
  needTexts,
  SEED_FIELDS,
  type SeedDocument,
  type Side,
  seedTexts,
} from './documents';
import { explain, type Reason, type RegionMatch, summarize } from './explain';
import { FeedbackMemory, type FeedbackRecord, REJECTED_FACTOR } from './feedback';
import { InvertedIndex } from './inverted-index';

/** Weight of a token kind in a query built from a document. */
const KIND_WEIGHT: Record<TokenKind, number> = { word: 1, compound: 1, part: 0.7, bigram: 0.3 };
/** Query terms kept (by weight × idf): bounds latency for long documents. */
const MAX_QUERY_TERMS = 40;
/**
 * In a large collection (≥ COMMON_MIN_DOCS), a term found in more than COMMON_SHARE of the
 * documents is left out of queries: its idf is so low that it hardly changes the ranking, but
 * its postings would be most of the query's work.
 */
const COMMON_SHARE = 0.2;
const COMMON_MIN_DOCS = 1000;
const AFFINITY_BOOST = 0.5;
/** Same municipality / prefecture as the query document, or in one of the organisation's partner regions. */
const REGION_BOOST = { municipality: 0.1, prefecture: 0.05, partner: 0.05 } as const;

export interface Candidate {
  id: string;
  score: number;
  /** BM25F text score before boosts. */
  textScore: number;
  reasons: Reason[];
  summary: { ja: string; en: string };
}

export interface MatchOptions {
  /** How many candidates (default 20). */
  top?: number;
  /** Region preference: a municipality code/name; default the query document's own. */
  region?: string;
  /**
   * The organisation's partner regions (連携地域): prefecture codes (2 digits, JIS X 0401) or
   * municipality codes (5 digits, or 6 with the check digit; a designated city includes its
   * wards). A candidate located in one gets a small boost unless it already has the same
   * municipality or prefecture as the query document (never both).
   */
  partnerRegions?: readonly string[];
  /** Explanations for each candidate (default true). */
  explain?: boolean;
  /** Only candidates this accepts (e.g. companies of some kinds, listings of one kind). */
  accept?: (doc: SeedDocument | NeedDocument) => boolean;
}

/** A weighted query term and where it came from. */
export interface QueryTerm {
  weight: number;
  /** undefined: the document's own term; else the term it was expanded from and how. */
  via?: { term: string; source: 'synonym' | 'thesaurus' | 'learned' };
}

interface Stored<D> {
  doc: D;
  /** Its slot in its side's index; the index's forward entry holds its terms and their weights. */
  slot: number;
}

type FieldTokens = readonly (readonly { term: string; kind: TokenKind }[])[];

class Collection<D> {
  readonly index: InvertedIndex;
  readonly byId = new Map<string, Stored<D>>();
  readonly ids: (string | undefined)[] = [];
  constructor(fields: readonly { name: string; weight: number }[]) {
    this.index = new InvertedIndex(fields);
  }
}

/**
 * The matching engine: seeds (patents …) and needs (companies …) in two BM25F indexes; a seed is
 * matched against the needs with its own terms as the query (and the other way round), expanded
 * with synonyms, thesaurus relations and learned associations at lower weights, then re-ranked
 * by IPC↔JSIC affinity, region and feedback. Every candidate carries its reasons.
 */
export class MatchingEngine {
  readonly analyzer: Analyzer;
  readonly feedback = new FeedbackMemory();
  private readonly seeds = new Collection<SeedDocument>(SEED_FIELDS);
  private readonly needs = new Collection<NeedDocument>(NEED_FIELDS);
  private readonly affinity: AffinityTable;

  constructor(analyzer: Analyzer, options: { affinity?: AffinityTable } = {}) {
    this.analyzer = analyzer;
    this.affinity = options.affinity ?? SHIPPED_AFFINITY;
  }

  /** Distinct terms in one side's index. */
  vocabularySize(side: Side): number {
    return (side === 'seed' ? this.seeds : this.needs).index.vocabularySize;
  }

  get size() {
    return { seeds: this.seeds.index.size, needs: this.needs.index.size };
  }

  /** Adds or replaces a seed. */
  upsertSeed(doc: SeedDocument): void {
    this.upsert(this.seeds, doc, seedTexts(doc), SEED_FIELDS);
  }

  upsertNeed(doc: NeedDocument): void {
    this.upsert(this.needs, doc, needTexts(doc), NEED_FIELDS);
  }

  removeSeed(id: string): boolean {
    return this.remove(this.seeds, id);
  }

  removeNeed(id: string): boolean {
    return this.remove(this.needs, id);
  }

  seed(id: string): SeedDocument | undefined {
    return this.seeds.byId.get(id)?.doc;
  }

  need(id: string): NeedDocument | undefined {
    return this.needs.byId.get(id)?.doc;
  }

  /** Adds a document from pre-analysed field terms (benchmarks; the analyser's output). */
  upsertAnalyzed(
    side: Side,
    doc: SeedDocument | NeedDocument,
    fieldTokens: readonly (readonly { term: string; kind: TokenKind }[])[],
  ): void {
    if (side === 'seed') this.store(this.seeds, doc as SeedDocument, fieldTokens, SEED_FIELDS);
    else this.store(this.needs, doc as NeedDocument, fieldTokens, NEED_FIELDS);
  }

  /** Needs (companies) for a seed (patent), best first. */
  needsForSeed(seedId: string, options: MatchOptions = {}): Candidate[] {
    const stored = this.seeds.byId.get(seedId);
    if (!stored) return [];
    return this.match('seed', stored, options);
  }

  /** Seeds (patents) for a need (company), best first. */
  seedsForNeed(needId: string, options: MatchOptions = {}): Candidate[] {
    const stored = this.needs.byId.get(needId);
    if (!stored) return [];
    return this.match('need', stored, options);
  }

  /**
   * Records a coordinator's decision on a proposed pair; later rankings change (see
   * FeedbackMemory) and the candidates it affects say so in their reasons.
   */
  recordFeedback(record: FeedbackRecord): void {
    const seed = this.seeds.byId.get(record.seedId);
    const need = this.needs.byId.get(record.needId);
    if (!seed || !need) throw new Error(`unknown pair ${record.seedId} / ${record.needId}`);
    const aff = this.affinityFor(seed.doc, need.doc);
    const top = (side: Collection<unknown>, s: Stored<unknown>) =>
      this.characteristicTerms(side, s).slice(0, 5);
    const seedTerms = top(this.seeds as Collection<unknown>, seed as Stored<unknown>);
    const needTerms = top(this.needs as Collection<unknown>, need as Stored<unknown>);
    const used: [string, string][] = [];
    for (const a of seedTerms)
      for (const [b] of this.feedback.associationsOf(a) ?? [])
        if (needTerms.includes(b)) used.push([a, b]);
    this.feedback.record(record, aff ? { ipc: aff.ipc, jsic: aff.jsic } : undefined, {
      seed: seedTerms,
      need: needTerms,
      used,
    });
  }

  /** The weighted query a document makes on the other side (own terms + expansions). */
  queryFor(side: Side, id: string): Map<string, QueryTerm> {
    const own = side === 'seed' ? this.seeds : this.needs;
    const stored = own.byId.get(id) as Stored<unknown> | undefined;
    if (!stored) return new Map();
    return this.buildQuery(
      own as Collection<unknown>,
      stored,
      side === 'seed' ? this.needs.index : this.seeds.index,
    );
  }

  private upsert<D extends { id: string }>(
    side: Collection<D>,
    doc: D,
    texts: readonly string[],
    fields: readonly { name: string; weight: number }[],
  ): void {
    const tokens = texts.map((t) => this.analyzer.analyze(t));
    this.store(side, doc, tokens, fields);
  }

  private store<D extends { id: string }>(
    side: Collection<D>,
    doc: D,
    fieldTokens: FieldTokens,
    fields: readonly { name: string; weight: number }[],
  ): void {
    this.remove(side, doc.id);
    const { terms, weights } = indexInput(fieldTokens, fields);
    this.remember(side, doc, side.index.add(terms, weights));
  }

  private remember<D extends { id: string }>(side: Collection<D>, doc: D, slot: number): void {
    side.byId.set(doc.id, { doc, slot });
    side.ids[slot] = doc.id;
  }

  /**
   * Writes both indexes anew at their exact size, without removed documents (see
   * InvertedIndex.compact): after documents were added one by one, as a server's start-up build
   * does, this gives back the room their growing lists took.
   */
  compact(): void {
    this.seeds.index.compact();
    this.needs.index.compact();
  }

  /** Loads many documents at once (start-up rebuild, benchmarks); see InvertedIndex.addAll. */
  bulkLoad(
    side: Side,
    count: number,
    get: (i: number) => { doc: SeedDocument | NeedDocument; fieldTokens: FieldTokens },
  ): void {
    const collection = (side === 'seed' ? this.seeds : this.needs) as Collection<
      SeedDocument | NeedDocument
    >;
    const fields = side === 'seed' ? SEED_FIELDS : NEED_FIELDS;
    const docs: (SeedDocument | NeedDocument)[] = [];
    const slots = collection.index.addAll(count, (i) => {
      const { doc, fieldTokens } = get(i);
      docs[i] = doc;
      this.remove(collection, doc.id);
      return indexInput(fieldTokens, fields);
    });
    for (let i = 0; i < slots.length; i++)
      this.remember(collection, docs[i] as SeedDocument | NeedDocument, slots[i] as number);
  }

  private remove<D>(side: Collection<D>, id: string): boolean {
    const stored = side.byId.get(id);
    if (!stored) return false;
    side.index.remove(stored.slot);
    side.ids[stored.slot] = undefined;
    side.byId.delete(id);
    return true;
  }

  /** A document's own terms by weight × idf in its own index (its most telling terms). */
  private characteristicTerms(side: Collection<unknown>, s: Stored<unknown>): string[] {
    const scored: [string, number][] = [];
    const ids = side.index.documentTermIds(s.slot);
    const weights = side.index.documentTermWeights(s.slot);
    for (let i = 0; i < ids.length; i++) {
      const term = side.index.termOfId(ids[i] as number);
      scored.push([term, (weights[i] as number) * side.index.idf(term)]);
    }
    return scored.sort((a, b) => b[1] - a[1]).map(([t]) => t);
  }

  private buildQuery(
    own: Collection<unknown>,
    s: Stored<unknown>,
    target: InvertedIndex,
  ): Map<string, QueryTerm> {
    const query = new Map<string, QueryTerm>();
    const ids = own.index.documentTermIds(s.slot);
    const weights = own.index.documentTermWeights(s.slot);
    for (let i = 0; i < ids.length; i++) {
      query.set(own.index.termOfId(ids[i] as number), { weight: weights[i] as number });
    }
    const expanded = new Map<string, QueryTerm>();
    const offer = (term: string, weight: number, via: QueryTerm['via']) => {
      if (query.has(term)) return;
      const prev = expanded.get(term);
      if (!prev || prev.weight < weight) expanded.set(term, { weight, via });
    };
    for (const [term, q] of query) {
      for (const e of this.analyzer.expand(term))
        offer(e.term, q.weight * e.weight, { term, source: e.source });
      for (const [b, w] of this.feedback.associationsOf(term) ?? [])
        offer(b, q.weight * w, { term, source: 'learned' });
    }
    for (const [t, q] of expanded) query.set(t, q);
    // Keep the terms that can score on the target side, most telling first.
    const ranked = [...query]
      .map(([t, q]) => [t, q, q.weight * target.idf(t)] as const)
      .filter(([t]) => {
        const df = target.df(t);
        return df > 0 && (target.size < COMMON_MIN_DOCS || df <= COMMON_SHARE * target.size);
      })
      .sort((a, b) => b[2] - a[2])
      .slice(0, MAX_QUERY_TERMS);
    return new Map(ranked.map(([t, q]) => [t, q]));
  }

  private affinityFor(seed: SeedDocument, need: NeedDocument): AffinityMatch | undefined {
    return affinityOf(this.affinity, seed.ipc ?? [], need.jsic, (i, j) =>
      this.feedback.learnedAffinity(i, j),
    );
  }

  private match(
    from: Side,
    stored: Stored<SeedDocument> | Stored<NeedDocument>,
    options: MatchOptions,
  ): Candidate[] {
    const top = options.top ?? 20;
    const own = (from === 'seed' ? this.seeds : this.needs) as Collection<unknown>;
    const other = (from === 'seed' ? this.needs : this.seeds) as Collection<unknown>;
    const query = this.buildQuery(own, stored as Stored<unknown>, other.index);
    const weights = new Map([...query].map(([t, q]) => [t, q.weight]));
    const accept = options.accept;
    const otherDocs = (from === 'seed' ? this.needs : this.seeds) as Collection<
      SeedDocument | NeedDocument
    >;
    const filter = accept
      ? (slot: number) => {
          const doc = otherDocs.byId.get(otherDocs.ids[slot] ?? '')?.doc;
          return doc !== undefined && accept(doc);
        }
      : undefined;
    const hits = other.index.search(weights, Math.max(top * 5, 100), filter);
    const region = options.region ?? stored.doc.municipality;
    const partnerOf = options.partnerRegions?.length
      ? partnerRegionLookup(options.partnerRegions)
      : undefined;
    const ranked = hits.map((hit) => {
      const id = other.ids[hit.slot] ?? '';
      const seedDoc =
        from === 'seed'
          ? (stored.doc as SeedDocument)
          : (this.seeds.byId.get(id)?.doc as SeedDocument);
      const needDoc =
        from === 'need'
          ? (stored.doc as NeedDocument)
          : (this.needs.byId.get(id)?.doc as NeedDocument);
      const aff = this.affinityFor(seedDoc, needDoc);
      const otherDoc = from === 'seed' ? needDoc : seedDoc;
      const same = sameRegion(region, otherDoc.municipality);
      const partner = same ? undefined : partnerOf?.(otherDoc.municipality);
      const regionMatch: RegionMatch | undefined = same
        ? { level: same }
        : partner
          ? { level: 'partner', ...partner }
          : undefined;
      const decision = this.feedback.pair(seedDoc.id, needDoc.id);
      const factor =
        (1 +
          (aff ? AFFINITY_BOOST * aff.value : 0) +
          (regionMatch ? REGION_BOOST[regionMatch.level] : 0)) *
        (decision?.verdict === 'rejected' ? REJECTED_FACTOR : 1);
      return {
        id,
        slot: hit.slot,
        textScore: hit.score,
        score: hit.score * factor,
        aff,
        regionMatch,
        decision,
      };
    });
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ranked.slice(0, top).map((r) => {
      const reasons =
        options.explain === false
          ? []
          : explain({
              query,
              target: other.index,
              targetFields: from === 'seed' ? NEED_FIELDS : SEED_FIELDS,
              slot: r.slot,
              affinity: r.aff,
              affinityBoost: r.aff ? AFFINITY_BOOST * r.aff.value : 0,
              region: r.regionMatch,
              decision: r.decision,
              rejectedFactor: REJECTED_FACTOR,
            });
      return {
        id: r.id,
        score: round(r.score),
        textScore: round(r.textScore),
        reasons,
        summary: summarize(reasons),
      };
    });
  }
}

/** Terms per field and, per occurrence, its weight as a query term (field weight × kind weight). */
function indexInput(fieldTokens: FieldTokens, fields: readonly { weight: number }[]) {
  const terms: string[][] = [];
  const weights: Float32Array[] = [];
  fieldTokens.forEach((list, f) => {
    const fw = fields[f]?.weight ?? 1;
    const t: string[] = new Array(list.length);
    const w = new Float32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const token = list[i] as { term: string; kind: TokenKind };
      t[i] = token.term;
      w[i] = fw * KIND_WEIGHT[token.kind];
    }
    terms.push(t);
    weights.push(w);
  });
  return { terms, weights };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The first five digits of a municipality code (5 digits, or 6 with its check digit), else undefined. */
const municipalityKey = (s: string | undefined) => {
  const n = s?.normalize('NFKC').trim();
  return n && /^[0-9]{5,6}$/.test(n) ? n.slice(0, 5) : undefined;
};

/** 'municipality' when both name the same place, 'prefecture' when the codes share a prefecture. */
export function sameRegion(
  a: string | undefined,
  b: string | undefined,
): 'municipality' | 'prefecture' | undefined {
  const na = a?.normalize('NFKC').trim();
  const nb = b?.normalize('NFKC').trim();
  if (!na || !nb) return undefined;
  const ka = municipalityKey(na);
  const kb = municipalityKey(nb);
  if (na === nb || (ka !== undefined && ka === kb)) return 'municipality';
  if (ka && kb && ka.slice(0, 2) === kb.slice(0, 2)) return 'prefecture';
  return undefined;
}

/** The partner region a candidate lies in: its code as configured, and its name when known. */
export type PartnerRegion = { region: string; name?: string; nameEn?: string };

/**
 * A lookup from a candidate's municipality code to the partner region (連携地域) it lies in: the
 * most specific one when both its municipality and its prefecture are listed. Entries that are
 * neither 2 nor 5–6 digits are ignored; a municipality name (not a code) matches nothing.
 */
export function partnerRegionLookup(
  regions: readonly string[],
): (municipality: string | undefined) => PartnerRegion | undefined {
  const byPrefecture = new Map<string, PartnerRegion>();
  const byMunicipality = new Map<string, PartnerRegion>();
  for (const raw of regions) {
    const code = raw.normalize('NFKC').trim();
    if (/^[0-9]{2}$/.test(code)) {
      const p = findPrefecture(code);
      byPrefecture.set(code, { region: code, ...(p ? { name: p.name, nameEn: p.nameEn } : {}) });
      continue;
    }
    const key = municipalityKey(code);
    if (!key) continue;
    const m = findMunicipality(code);
    const entry: PartnerRegion = m
      ? { region: m.code, name: `${m.prefecture} ${m.name}` }
      : { region: code };
    byMunicipality.set(key, entry);
    // A designated city (政令指定都市) takes in its wards ('川崎市 中原区' under '川崎市').
    if (m && !m.name.includes(' '))
      for (const ward of municipalitiesByPrefecture(m.code.slice(0, 2)))
        if (ward.name.startsWith(`${m.name} `) && !byMunicipality.has(ward.code.slice(0, 5)))
          byMunicipality.set(ward.code.slice(0, 5), entry);
  }
  return (municipality) => {
    const key = municipalityKey(municipality);
    if (!key) return undefined;
    return byMunicipality.get(key) ?? byPrefecture.get(key.slice(0, 2));
  };
}
