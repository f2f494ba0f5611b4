import { createRng, type Rng } from '../features/demo/prng';
import type { Api } from './crash-server';

/**
 * The write side of the crash harness: several clients write companies, visits and follow-ups
 * concurrently (creates and updates), and a ledger keeps every write the server acknowledged
 * (2xx with its body) with the content it was sent. A write still in flight when the server dies
 * is unacknowledged: it may or may not have committed, so the entity may show its content or
 * the last acknowledged one, and nothing else.
 */

type Kind = 'company' | 'visit' | 'followUp';
/** The fields the harness writes and checks, per kind. */
type Content = Record<string, string | number | null>;

interface Entity {
  kind: Kind;
  id: string;
  /** Which client owns it: only its owner updates it, so one write per entity is in flight. */
  owner: number;
  version: number;
  /** The content of the last acknowledged write. */
  acked: Content;
  /** The content of a write that was in flight when the server died. */
  pending: Content | null;
  /** Its last write's outcome is unknown (a transport error): not updated again. */
  uncertain?: boolean;
}

const PATHS: Record<Kind, string> = {
  company: '/api/v1/companies',
  visit: '/api/v1/visits',
  followUp: '/api/v1/follow-ups',
};

export interface WriteLedger {
  entities: Map<string, Entity>;
  acknowledged: number;
  /** Writes sent but not answered when the server died. */
  inFlightAtKill: number;
  /**
   * Writes whose connection failed while the server process was alive (e.g. a keep-alive socket
   * the server closed as the request went out, on a loaded machine): unacknowledged, so their
   * outcome is unknown; an updated entity is then left alone. Reported with their causes.
   */
  transportErrors: string[];
}

export const newLedger = (): WriteLedger => ({
  entities: new Map(),
  acknowledged: 0,
  inFlightAtKill: 0,
  transportErrors: [],
});

const pickContent = (json: unknown, fields: readonly string[]): Content => {
  const source = json as Record<string, string | number | null>;
  return Object.fromEntries(fields.map((f) => [f, source[f] ?? null]));
};
const FIELDS: Record<Kind, readonly string[]> = {
  company: ['name', 'employees', 'businessDescription'],
  visit: ['purpose', 'location'],
  followUp: ['title', 'dueOn'],
};

const ymd = (rng: Rng) =>
  `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;

/**
 * Runs `clients` concurrent writers until `stop()` says so (checked before every write), then
 * waits for all of them. `onAck` is called after each acknowledged write has been recorded, so a
 * kill from there happens while the other clients' writes are in flight. Any answer other than
 * 2xx while the server is alive fails the run; a failed request after `killed()` is a write in
 * flight at the kill.
 */
export async function runWriters(options: {
  api: Api;
  seed: number;
  clients: number;
  ledger: WriteLedger;
  stop: () => boolean;
  killed: () => boolean;
  /** Whether the server process still runs: a failed request to a dead server fails the run. */
  alive: () => boolean;
  onAck: () => void;
}): Promise<void> {
  const { api, ledger } = options;
  let serial = 0;

  async function client(owner: number) {
    const rng = createRng(options.seed * 31 + owner);
    const mine = (kind: Kind) =>
      [...ledger.entities.values()].filter(
        (e) => e.owner === owner && e.kind === kind && !e.uncertain,
      );

    /** Sends one write; records it when acknowledged; false when the server was gone. */
    async function write(
      method: string,
      urlPath: string,
      body: unknown,
      target: Entity | null,
      expected: Content | null,
      record: (json: unknown) => void,
    ): Promise<boolean> {
      if (target && expected) target.pending = expected;
      let answer: { status: number; json: unknown };
      try {
        answer = await api(method, urlPath, body);
      } catch (error) {
        if (options.killed()) {
          ledger.inFlightAtKill++;
          return false;
        }
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = `${method} ${urlPath}: ${error} (${cause?.code ?? ''} ${cause?.message ?? ''})`;
        if (!options.alive()) throw new Error(`the server died by itself: ${why}`);
        ledger.transportErrors.push(why);
        if (target) target.uncertain = true;
        return true;
      }
      if (answer.status < 200 || answer.status > 299) {
        if (options.killed()) {
          ledger.inFlightAtKill++;
          return false;
        }
        throw new Error(
          `${method} ${urlPath} answered ${answer.status}: ${JSON.stringify(answer.json)}`,
        );
      }
      record(answer.json);
      if (target) target.pending = null;
      ledger.acknowledged++;
      options.onAck();
      return true;
    }

    const add = (kind: Kind, json: unknown) => {
      const row = json as { id: string; version: number };
      ledger.entities.set(row.id, {
        kind,
        id: row.id,
        owner,
        version: row.version,
        acked: pickContent(json, FIELDS[kind]),
        pending: null,
      });
    };
    const acked = (entity: Entity) => (json: unknown) => {
      entity.version = (json as { version: number }).version;
      entity.acked = pickContent(json, FIELDS[entity.kind]);
    };

    while (!options.stop()) {
      const n = ++serial;
      const companies = mine('company');
      const visits = mine('visit');
      const followUps = mine('followUp');
      const op = rng.weighted([
        ['createCompany', companies.length === 0 ? 100 : 25],
        ['updateCompany', companies.length ? 20 : 0],
        ['createVisit', companies.length ? 20 : 0],
        ['updateVisit', visits.length ? 15 : 0],
        ['createFollowUp', visits.length ? 10 : 0],
        ['updateFollowUp', followUps.length ? 10 : 0],
      ] as const);
      let ok = true;
      if (op === 'createCompany') {
        const body = {
          name: `株式会社障害試験${owner}-${n}`,
          nameKana: `しょうがいしけん${n}`,
          employees: rng.int(1, 900),
          businessDescription: `書込 ${n}`,
        };
        ok = await write('POST', PATHS.company, body, null, null, (json) => add('company', json));
      } else if (op === 'updateCompany') {
        const company = rng.pick(companies);
        const change = { employees: rng.int(1, 900), businessDescription: `更新 ${n}` };
        ok = await write(
          'PATCH',
          `${PATHS.company}/${company.id}`,
          { version: company.version, ...change },
          company,
          { ...company.acked, ...change },
          acked(company),
        );
      } else if (op === 'createVisit') {
        const company = rng.pick(companies);
        const body = {
          companyId: company.id,
          startsAt: `2026-05-${String(rng.int(10, 28))}T10:00:00+09:00`,
          purpose: `訪問 ${n}`,
          location: `会議室${rng.int(1, 9)}`,
          followUps: Array.from({ length: rng.int(0, 2) }, (_, i) => ({
            title: `宿題 ${n}-${i}`,
            dueOn: ymd(rng),
          })),
        };
        ok = await write('POST', PATHS.visit, body, null, null, (json) => {
          add('visit', json);
          for (const followUp of (json as { followUps: unknown[] }).followUps)
            add('followUp', followUp);
        });
      } else if (op === 'updateVisit') {
        const visit = rng.pick(visits);
        const change = { purpose: `訪問更新 ${n}`, location: `工場${rng.int(1, 9)}` };
        ok = await write(
          'PATCH',
          `${PATHS.visit}/${visit.id}`,
          { version: visit.version, ...change },
          visit,
          { ...visit.acked, ...change },
          acked(visit),
        );
      } else if (op === 'createFollowUp') {
        const visit = rng.pick(visits);
        const body = { title: `追加宿題 ${n}`, dueOn: ymd(rng) };
        ok = await write(
          'POST',
          `${PATHS.visit}/${visit.id}/follow-ups`,
          body,
          null,
          null,
          (json) => add('followUp', json),
        );
      } else {
        const followUp = rng.pick(followUps);
        const change = { title: `宿題更新 ${n}`, dueOn: ymd(rng) };
        ok = await write(
          'PATCH',
          `${PATHS.followUp}/${followUp.id}`,
          { version: followUp.version, ...change },
          followUp,
          { ...followUp.acked, ...change },
          acked(followUp),
        );
      }
      if (!ok) return;
    }
  }

  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
}

const same = (actual: Content, expected: Content) =>
  Object.entries(expected).every(([field, value]) => actual[field] === value);

export interface LedgerCheck {
  entities: number;
  /** Entities whose acknowledged content is missing or wrong: must be none. */
  lost: string[];
  /** In-flight updates found applied after the restart (allowed either way). */
  pendingApplied: number;
}

/** The harness's companies, visits and follow-ups by id, from a few list requests. */
async function listAll(api: Api): Promise<Map<string, unknown>> {
  const byId = new Map<string, unknown>();
  const add = (items: unknown) => {
    for (const item of items as { id: string }[]) byId.set(item.id, item);
  };
  let cursor: string | null = null;
  do {
    const query = `q=${encodeURIComponent('障害試験')}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await api('GET', `${PATHS.company}?${query}`);
    if (page.status !== 200) throw new Error(`company list: ${page.status}`);
    const body = page.json as { items: unknown[]; nextCursor: string | null };
    add(body.items);
    cursor = body.nextCursor;
  } while (cursor);
  // At most 500 each: anything beyond is read one by one.
  for (const url of [`${PATHS.visit}?limit=500`, `${PATHS.followUp}?limit=500`]) {
    const list = await api('GET', url);
    if (list.status !== 200) throw new Error(`${url}: ${list.status}`);
    add((list.json as { items: unknown[] }).items);
  }
  return byId;
}

/**
 * Reads every acknowledged entity back and compares it with the ledger; an in-flight update is
 * then settled (applied or not), so a later check after another crash expects that state.
 */
export async function checkLedger(api: Api, ledger: WriteLedger): Promise<LedgerCheck> {
  const lost: string[] = [];
  let pendingApplied = 0;
  const listed = await listAll(api);
  for (const entity of ledger.entities.values()) {
    let json = listed.get(entity.id);
    const expected = [entity.acked, ...(entity.pending ? [entity.pending] : [])];
    if (!json || !expected.some((c) => same(pickContent(json, FIELDS[entity.kind]), c))) {
      // The lists are the fast path; the entity's own GET has the last word.
      const got = await api('GET', `${PATHS[entity.kind]}/${entity.id}`);
      if (got.status !== 200) {
        lost.push(`${entity.kind} ${entity.id}: GET answered ${got.status}`);
        continue;
      }
      json = got.json;
    }
    const actual = pickContent(json, FIELDS[entity.kind]);
    const version = (json as { version: number }).version;
    if (same(actual, entity.acked) && version >= entity.version) {
      // An in-flight update that did not commit must stay absent in later checks.
      entity.pending = null;
      continue;
    }
    if (entity.pending && same(actual, entity.pending) && version > entity.version) {
      pendingApplied++;
      entity.acked = entity.pending;
      entity.version = version;
      entity.pending = null;
      continue;
    }
    lost.push(
      `${entity.kind} ${entity.id}: expected ${JSON.stringify(entity.acked)} v${entity.version}` +
        `${entity.pending ? ` or ${JSON.stringify(entity.pending)}` : ''}, found ${JSON.stringify(actual)} v${version}`,
    );
  }
  return { entities: ledger.entities.size, lost, pendingApplied };
}
