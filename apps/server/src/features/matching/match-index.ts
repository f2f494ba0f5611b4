import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, ListenHandlers } from '@banso/db';
import { type Analyzer, type Candidate, MatchingEngine, type MatchOptions } from '@banso/matching';
import { CompanyId, type IdSchema, ListingId, MatchDecisionId, TenantId } from '@banso/shared';
import type { z } from 'zod';
import { systemActor } from '../../context';
import { asActor } from '../../data/actor-scope';
import type { Logger } from '../../logger';
import {
  createMatchDocumentsRepository,
  type DecisionRow,
  type IndexedNeed,
  type IndexedSeed,
  type MatchDocumentsRepository,
  organisationsWithListings,
} from './match-documents.repository';

/**
 * The matching engine of each tenant, in this process's memory: built from the database the
 * first time a tenant matches (or at start, for tenants with listings), then kept current from
 * the `banso_match` notifications that a trigger sends at every commit that changes a company,
 * a listing or a decision — from this process or any other (CLI import, a second server). A
 * lost listening connection drops every index; the next request rebuilds it.
 *
 * Tenants never share an engine: candidates can only come from the tenant's own records.
 * No user is involved: every read acts as `systemActor(tenantId)` through asActor, in short
 * transactions (one per page while building), and the analysis runs outside them.
 */

export const MATCH_CHANNEL = 'banso_match';
/** Documents analysed between two yields to the event loop while building (keeps requests flowing). */
const BUILD_CHUNK = 200;
/** Notifications are applied in small batches, this long after the first of a batch arrives. */
const APPLY_DELAY_MS = 25;

type Side = 'seed' | 'need' | 'decision';

interface TenantIndex {
  engine: MatchingEngine;
  state: 'building' | 'ready';
  done: number;
  total: number;
  ready: Promise<void>;
  /** Decisions already applied (a decision made here arrives again as a notification). */
  decisions: Set<string>;
  /** Changes announced while building, or waiting for the next batch. */
  pending: Map<string, Side>;
  timer?: NodeJS.Timeout;
  applying: Promise<void>;
}

export interface MatchIndexStatus {
  state: 'idle' | 'building' | 'ready';
  seeds: number;
  needs: number;
  done: number;
  total: number;
}

export interface MatchIndexDeps {
  db: Database;
  logger: Logger;
  analyzer: () => Promise<Analyzer>;
  listen?: (channel: string, handlers: ListenHandlers) => Promise<() => Promise<void>>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createMatchIndex(deps: MatchIndexDeps) {
  /** Reads of one organisation's documents, as the system acting for it. */
  const read = <T>(tenantId: TenantId, fn: (docs: MatchDocumentsRepository) => Promise<T>) =>
    asActor(deps.db, systemActor(tenantId), (tx) => fn(createMatchDocumentsRepository(tx)));
  /**
   * The context this index was made in (no organisation transaction): notifications are applied
   * in it, never inside whatever request happened to be running when they arrived.
   */
  const detached = AsyncLocalStorage.snapshot();
  const tenants = new Map<string, TenantIndex>();
  let listening: Promise<(() => Promise<void>) | null> | null = null;
  let closed = false;

  function startListening(): Promise<unknown> {
    if (!deps.listen) return Promise.resolve(null);
    const listen = deps.listen;
    listening ??= detached(() =>
      listen(MATCH_CHANNEL, {
        onNotify: (payload) => onNotify(payload),
        onReset: () => {
          deps.logger.warn('matching: notifications were interrupted; indexes will be rebuilt');
          tenants.clear();
        },
        onError: (err) => deps.logger.warn({ err }, 'matching: notification connection'),
      }),
    ).catch((err: unknown) => {
      deps.logger.error({ err }, 'matching: cannot listen for changes');
      listening = null;
      throw err;
    });
    return listening;
  }

  function onNotify(payload: string): void {
    const [side, tenant, id] = payload.split(':');
    if (!tenant || !id || (side !== 'seed' && side !== 'need' && side !== 'decision')) return;
    const parsed = TenantId.safeParse(tenant);
    if (!parsed.success) return;
    const tenantId = parsed.data;
    const t = tenants.get(tenantId);
    if (!t) return; // not built here: a later build reads the current rows
    t.pending.set(`${side}:${id}`, side);
    if (t.state === 'ready') schedule(tenantId, t);
  }

  function schedule(tenantId: TenantId, t: TenantIndex): void {
    if (t.timer || closed) return;
    t.timer = setTimeout(
      () =>
        detached(() => {
          t.timer = undefined;
          t.applying = t.applying
            .then(() => applyPending(tenantId, t))
            .catch((err: unknown) => {
              deps.logger.error({ err, tenantId }, 'matching: applying changes failed; rebuilding');
              if (tenants.get(tenantId) === t) tenants.delete(tenantId);
            });
        }),
      APPLY_DELAY_MS,
    );
    t.timer.unref?.();
  }

  async function applyPending(tenantId: TenantId, t: TenantIndex): Promise<void> {
    if (t.pending.size === 0) return;
    const batch = [...t.pending.keys()];
    t.pending.clear();
    // The ids announced for one side, parsed (a malformed one is dropped).
    const ids = <S extends IdSchema>(side: Side, schema: S): z.output<S>[] =>
      batch.flatMap((k) => {
        if (!k.startsWith(`${side}:`)) return [];
        const id = schema.safeParse(k.slice(side.length + 1));
        return id.success ? [id.data] : [];
      });
    const needIds = ids('need', CompanyId);
    const changed = await read(tenantId, async (docs) => {
      // A holder's rename or move changes what its listings say about them.
      const seedIds = [
        ...new Set([...ids('seed', ListingId), ...(await docs.seedIdsHeldBy(needIds))]),
      ];
      return {
        seedIds,
        seeds: await docs.seedsByIds(seedIds),
        needs: await docs.needsByIds(needIds),
        decisions: await docs.decisions(ids('decision', MatchDecisionId)),
      };
    });
    applySeeds(t, changed.seedIds, changed.seeds);
    applyNeeds(t, needIds, changed.needs);
    applyDecisions(t, changed.decisions);
  }

  /** The listings `ids` as read now (`found`: those still indexable; the others leave). */
  function applySeeds(t: TenantIndex, ids: ListingId[], found: IndexedSeed[]) {
    const present = new Set(found.map((d) => d.id));
    for (const id of ids) if (!present.has(id)) t.engine.removeSeed(id);
    for (const doc of found) t.engine.upsertSeed(doc);
  }

  function applyNeeds(t: TenantIndex, ids: CompanyId[], found: IndexedNeed[]) {
    const present = new Set(found.map((d) => d.id));
    for (const id of ids) if (!present.has(id)) t.engine.removeNeed(id);
    for (const doc of found) t.engine.upsertNeed(doc);
  }

  function applyDecisions(t: TenantIndex, rows: DecisionRow[]): void {
    for (const d of rows) {
      if (t.decisions.has(d.id)) continue;
      t.decisions.add(d.id);
      // A pair whose listing or company has left the index teaches nothing any more.
      if (!t.engine.seed(d.listingId) || !t.engine.need(d.companyId)) continue;
      t.engine.recordFeedback({
        seedId: d.listingId,
        needId: d.companyId,
        verdict: d.verdict,
        ...(d.reason ? { reason: d.reason } : {}),
      });
    }
  }

  async function build(tenantId: TenantId, t: TenantIndex): Promise<void> {
    const started = performance.now();
    t.total = await read(tenantId, (docs) => docs.countDocuments());
    const load = async <I extends string, D extends { id: I }>(
      page: (after: I | null) => Promise<D[]>,
      add: (doc: D) => void,
    ) => {
      let after: I | null = null;
      for (;;) {
        if (closed || tenants.get(tenantId) !== t)
          throw new Error('matching index build cancelled');
        const docs = await page(after);
        for (const doc of docs) add(doc);
        t.done += docs.length;
        const last = docs.at(-1);
        if (!last || docs.length < BUILD_CHUNK) return;
        after = last.id;
        await yieldToEventLoop();
      }
    };
    await load<ListingId, IndexedSeed>(
      (after) => read(tenantId, (docs) => docs.seedPage(after, BUILD_CHUNK)),
      (d) => t.engine.upsertSeed(d),
    );
    await load<CompanyId, IndexedNeed>(
      (after) => read(tenantId, (docs) => docs.needPage(after, BUILD_CHUNK)),
      (d) => t.engine.upsertNeed(d),
    );
    t.engine.compact();
    applyDecisions(t, await read(tenantId, (docs) => docs.decisions()));
    // Changes announced during the build may have been read already or not: apply them again.
    await applyPending(tenantId, t);
    t.state = 'ready';
    deps.logger.info(
      { tenantId, ...t.engine.size, ms: Math.round(performance.now() - started) },
      'matching index built',
    );
  }

  /** The tenant's index, building it if needed (concurrent callers share one build). */
  async function open(tenantId: TenantId): Promise<TenantIndex> {
    let t = tenants.get(tenantId);
    if (!t) {
      // Listen before reading, so that no change committed during the build is missed.
      await startListening();
      const analyzer = await deps.analyzer();
      t = tenants.get(tenantId);
      if (!t) {
        const fresh: TenantIndex = {
          engine: new MatchingEngine(analyzer),
          state: 'building',
          done: 0,
          total: 0,
          ready: Promise.resolve(),
          decisions: new Set(),
          pending: new Map(),
          applying: Promise.resolve(),
        };
        tenants.set(tenantId, fresh);
        fresh.ready = build(tenantId, fresh).catch((err: unknown) => {
          if (tenants.get(tenantId) === fresh) tenants.delete(tenantId);
          throw err;
        });
        t = fresh;
      }
    }
    await t.ready;
    await t.applying;
    return t;
  }

  return {
    /** Builds (or waits for) the tenant's index and applies the changes announced so far. */
    async ready(tenantId: TenantId): Promise<MatchingEngine> {
      const t = await open(tenantId);
      if (t.pending.size > 0) {
        if (t.timer) clearTimeout(t.timer);
        t.timer = undefined;
        t.applying = t.applying.then(() => applyPending(tenantId, t));
        await t.applying;
      }
      return t.engine;
    },

    status(tenantId: TenantId): MatchIndexStatus {
      const t = tenants.get(tenantId);
      if (!t) return { state: 'idle', seeds: 0, needs: 0, done: 0, total: 0 };
      return { state: t.state, ...t.engine.size, done: t.done, total: t.total };
    },

    /**
     * Applies a change this process has just committed at once (read-your-writes), before its
     * notification arrives; applying the notification again later changes nothing.
     */
    async refresh(
      tenantId: TenantId,
      change:
        | { side: 'seed'; id: ListingId }
        | { side: 'need'; id: CompanyId }
        | { side: 'decision'; id: MatchDecisionId },
    ): Promise<void> {
      const t = tenants.get(tenantId);
      if (t?.state !== 'ready') return;
      await t.applying;
      if (change.side === 'seed')
        applySeeds(t, [change.id], await read(tenantId, (docs) => docs.seedsByIds([change.id])));
      else if (change.side === 'need')
        applyNeeds(t, [change.id], await read(tenantId, (docs) => docs.needsByIds([change.id])));
      else applyDecisions(t, await read(tenantId, (docs) => docs.decisions([change.id])));
    },

    /**
     * Builds the indexes of tenants that have listings, one after another, in the background.
     * Finding those organisations is the one cross-organisation read (maintenance); each index
     * is built as the system acting for its organisation.
     */
    async warmUp(): Promise<void> {
      for (const tenantId of await organisationsWithListings(deps.db)) {
        if (closed) return;
        await open(tenantId);
      }
    },

    candidates(
      engine: MatchingEngine,
      from: 'seed' | 'need',
      id: string,
      options: MatchOptions,
    ): Candidate[] {
      return from === 'seed' ? engine.needsForSeed(id, options) : engine.seedsForNeed(id, options);
    },

    async close(): Promise<void> {
      closed = true;
      for (const t of tenants.values()) if (t.timer) clearTimeout(t.timer);
      tenants.clear();
      const stop = await listening?.catch(() => null);
      listening = null;
      await stop?.();
    },
  };
}
export type MatchIndex = ReturnType<typeof createMatchIndex>;
