import type { Analyzer, Candidate, NeedDocument, SeedDocument } from '@banso/matching';
import {
  CompanyId,
  type CompanyKind,
  type DecisionCreate,
  findJsic,
  findMunicipality,
  jsicMajorGroupOf,
  LISTING_CANDIDATE_KINDS,
  ListingId,
  type ListingKind,
  type Locale,
  MATCHING_INDEX_BUILDING,
  type MatchCandidate,
  MatchDecisionId,
  type MatchingSettings,
  type MatchingSettingsUpdate,
} from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor, AppDeps } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import type { ListingsService } from '../listings/listings.service';
import { createMatchesRepository } from '../matches/matches.repository';
import type { MatchesService } from '../matches/matches.service';
import { createMatchDocumentsRepository, type IndexedSeed } from './match-documents.repository';
import { createMatchIndex, type MatchIndex } from './match-index';
import { presentMatchingSettings } from './matching-settings.presenter';
import { createMatchingSettingsRepository } from './matching-settings.repository';

/** How long a request waits for an index still being built before answering 503. */
const READY_WAIT_MS = 10_000;

/** Terms a person can look for in both texts (shared terms, and related ones on both sides). */
function highlightOf(c: Candidate): string[] {
  const out = new Set<string>();
  for (const r of c.reasons) {
    if (r.type === 'term') out.add(r.term);
    if (r.type === 'related') {
      out.add(r.term);
      out.add(r.via);
    }
  }
  // Character bigrams of unknown words are a fallback, not something to point at.
  return [...out].filter((t) => [...t].length > 1 || /^[a-z0-9]+$/i.test(t));
}

function companyDetail(doc: NeedDocument | undefined): string | null {
  if (!doc) return null;
  const major = doc.jsic ? jsicMajorGroupOf(doc.jsic) : undefined;
  const industry = major ? findJsic(major)?.name : undefined;
  const place = doc.municipality ? findMunicipality(doc.municipality)?.name : undefined;
  return [industry, place].filter(Boolean).join('・') || null;
}

function listingDetail(doc: SeedDocument | undefined): string | null {
  if (!doc) return null;
  return [doc.holder, (doc.ipc ?? []).slice(0, 2).join(' ')].filter(Boolean).join('・') || null;
}

export function createMatchingService(
  deps: Pick<AppDeps, 'db' | 'logger' | 'listen' | 'now'> & {
    analyzer: () => Promise<Analyzer>;
    matches: MatchesService;
    listings: ListingsService;
    /** How long a request waits for a first build before 503 (default 10 s). */
    readyWaitMs?: number;
    /** The index, when the composition root shares it with others (listings refresh it). */
    index?: MatchIndex;
  },
) {
  const index: MatchIndex = deps.index ?? createMatchIndex(deps);

  /** The organisation's partner regions (連携地域). */
  const partnerRegionsOf = (actor: Actor) =>
    asActor(
      deps.db,
      actor,
      async (tx) => (await createMatchingSettingsRepository(tx).find()).partnerRegions,
    );

  /**
   * The organisation's engine and its partner regions, read together. The engine is asked for
   * outside any transaction: a build reads in transactions of its own, as the system.
   */
  async function rankingFor(actor: Actor) {
    const [engine, partnerRegions] = await Promise.all([engineFor(actor), partnerRegionsOf(actor)]);
    return { engine, partnerRegions };
  }

  /** The tenant's engine, or 503 (Retry-After) while a first build takes longer than a moment. */
  async function engineFor(actor: Actor) {
    const ready = index.ready(actor.tenantId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deps.readyWaitMs ?? READY_WAIT_MS);
    });
    try {
      const result = await Promise.race([ready, timeout]);
      if (result === 'timeout') {
        ready.catch(() => {});
        throw new AppError('service_unavailable', {
          log: 'matching index still building',
          headers: { 'Retry-After': '10' },
          userMessage: MATCHING_INDEX_BUILDING,
        });
      }
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  async function present(
    actor: Actor,
    candidates: Candidate[],
    pairOf: (c: Candidate) => { listingId: ListingId; companyId: CompanyId },
    label: (c: Candidate) => { label: string; detail: string | null },
    locale: Locale,
  ): Promise<MatchCandidate[]> {
    const pairs = candidates.map(pairOf);
    const [decisions, open] = await asActor(deps.db, actor, (tx) =>
      Promise.all([
        createMatchDocumentsRepository(tx).latestDecisions(pairs),
        deps.matches.openForPairs(actor, pairs, tx),
      ]),
    );
    return candidates.map((c) => {
      const pair = pairOf(c);
      const key = `${pair.listingId}:${pair.companyId}`;
      const d = decisions.get(key);
      return {
        id: c.id,
        ...label(c),
        score: c.score,
        summary: c.summary[locale],
        reasons: c.reasons,
        highlight: highlightOf(c),
        decision: d
          ? {
              verdict: d.verdict as 'accepted' | 'rejected',
              reason: d.reason,
              at: d.at.toISOString(),
            }
          : null,
        matchId: open.get(key) ?? null,
      };
    });
  }

  return {
    index,

    status(actor: Actor) {
      authorize(actor, 'matching:read');
      return index.status(actor.tenantId);
    },

    /** Companies for a listing (patent → companies), best first, with reasons. */
    async companiesFor(actor: Actor, listingId: ListingId, top: number, locale: Locale) {
      authorize(actor, 'matching:read');
      const listing = await deps.listings.get(actor, listingId);
      const { engine, partnerRegions } = await rankingFor(actor);
      const seed = engine.seed(listingId) as IndexedSeed | undefined;
      if (!seed) return []; // archived, withdrawn or expired listings are not matched
      const kinds = new Set<string>(LISTING_CANDIDATE_KINDS[listing.kind as ListingKind]);
      const candidates = engine.needsForSeed(listingId, {
        top,
        partnerRegions,
        accept: (doc) => kinds.has(doc.kind ?? '') && doc.id !== seed.holderCompanyId,
      });
      return present(
        actor,
        candidates,
        (c) => ({ listingId, companyId: CompanyId.parse(c.id) }),
        (c) => {
          const doc = engine.need(c.id);
          return { label: doc?.name ?? c.id, detail: companyDetail(doc) };
        },
        locale,
      );
    },

    /** Listings for a company (company → patents), optionally of one kind. */
    async listingsFor(
      actor: Actor,
      companyId: CompanyId,
      options: { top: number; kind?: ListingKind },
      locale: Locale,
    ) {
      authorize(actor, 'matching:read');
      const { engine, partnerRegions } = await rankingFor(actor);
      const need = engine.need(companyId);
      if (!need) {
        const exists = await asActor(deps.db, actor, (tx) =>
          createMatchesRepository(tx).companyExists(companyId),
        );
        if (!exists) throw notFound('company');
        return []; // archived or closed companies are not matched
      }
      const candidates = engine.seedsForNeed(companyId, {
        top: options.top,
        partnerRegions,
        accept: (doc) =>
          (options.kind === undefined || doc.kind === options.kind) &&
          (doc as IndexedSeed).holderCompanyId !== companyId &&
          // The same rule as the other direction: the listing's kind names who it is for.
          (LISTING_CANDIDATE_KINDS[doc.kind as ListingKind] ?? []).includes(
            need.kind as CompanyKind,
          ),
      });
      return present(
        actor,
        candidates,
        (c) => ({ listingId: ListingId.parse(c.id), companyId }),
        (c) => {
          const doc = engine.seed(c.id);
          return { label: doc?.title ?? c.id, detail: listingDetail(doc) };
        },
        locale,
      );
    },

    /**
     * A coordinator's decision on a pair. Accepting opens a match at 候補 (unless one is open);
     * rejecting needs a reason. Both teach the engine at once, and every other process through
     * the notification.
     */
    async decide(actor: Actor, input: DecisionCreate, locale: Locale) {
      authorize(actor, 'matching:decide');
      const { engine, partnerRegions } = await rankingFor(actor);
      const pair = {
        listingId: ListingId.parse(input.listingId),
        companyId: CompanyId.parse(input.companyId),
      };
      // The engine's own view of the pair, kept with the decision and the match.
      const proposal = engine.seed(pair.listingId)
        ? engine
            .needsForSeed(pair.listingId, { top: 200, partnerRegions })
            .find((c) => c.id === pair.companyId)
        : undefined;
      const decisionId = newId(MatchDecisionId);
      // The decision, its audit and the match it opens commit together (the match service is handed the transaction).
      const matchId = await asActor(deps.db, actor, async (tx) => {
        const r = createMatchesRepository(tx);
        if (!(await r.pairExists(pair.listingId, pair.companyId)))
          throw AppError.field('validation_failed', 'listingId', 'invalid_value');
        await r.insertDecision({
          id: decisionId,
          ...pair,
          verdict: input.verdict,
          reason: input.reason ?? null,
          score: proposal?.score ?? null,
          decidedBy: actor.userId,
          decidedAt: deps.now(),
        });
        await insertAudit(tx, actor, [
          {
            action: 'create',
            entity: 'match_decision',
            entityId: decisionId,
            changes: {
              verdict: { before: null, after: input.verdict },
              reason: { before: null, after: input.reason ?? null },
            },
          },
        ]);
        if (input.verdict !== 'accepted') return null;
        const open = await r.openForPairs([pair]);
        const existing = open.get(`${pair.listingId}:${pair.companyId}`);
        if (existing) return existing;
        const match = await deps.matches.create(
          actor,
          {
            ...pair,
            origin: 'engine',
            ...(proposal
              ? { proposal: { score: proposal.score, summary: proposal.summary[locale] } }
              : {}),
          },
          tx,
        );
        return match.id;
      });
      await index.refresh(actor.tenantId, { side: 'decision', id: decisionId });
      return { decisionId, matchId };
    },

    /** The organisation's matching settings: its partner regions (連携地域), with their names. */
    async settings(actor: Actor): Promise<MatchingSettings> {
      authorize(actor, 'matching:read');
      const settings = await asActor(deps.db, actor, (tx) =>
        createMatchingSettingsRepository(tx).find(),
      );
      return presentMatchingSettings(settings);
    },

    /**
     * Replaces the partner regions (admin). The codes were validated by the contract; they are
     * kept in code order (a prefecture before its municipalities). Audited when they change.
     */
    async setSettings(actor: Actor, input: MatchingSettingsUpdate): Promise<MatchingSettings> {
      authorize(actor, 'matching-settings:write');
      const after = { partnerRegions: [...new Set(input.partnerRegions)].sort() };
      await asActor(deps.db, actor, async (tx) => {
        const repo = createMatchingSettingsRepository(tx);
        const before = await repo.find(true);
        if (before.partnerRegions.join() === after.partnerRegions.join()) return;
        await repo.save(after, actor.via === 'system' ? null : actor.userId, deps.now());
        await insertAudit(tx, actor, [
          {
            action: 'update',
            entity: 'matching_settings',
            entityId: actor.tenantId,
            changes: {
              partnerRegions: { before: before.partnerRegions, after: after.partnerRegions },
            },
          },
        ]);
      });
      return presentMatchingSettings(after);
    },

    /** Builds the indexes of tenants with listings in the background (server start). */
    warmUp: () => index.warmUp(),
    close: () => index.close(),
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
