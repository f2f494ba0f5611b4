import { ROLES, type Role } from '@banso/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANSO_COLUMNS } from '../features/companies/import/banso-columns';
import { createTestApp, type TestApp } from '../testing/test-app';
import { getSweep } from './get-sweep';
import { hostileCsv, hostileJsonLines, hostileValue, RAW_BODIES } from './hostile';
import { type MarkedOrganisation, seedMarkedOrganisation } from './marked-organisation';
import {
  encodeComponent,
  fillPath,
  jsonSchemaOf,
  KIND_OF_FIELD,
  type Operation,
  operationsOf,
  pathKind,
  pathParamsOf,
  queryString,
} from './operations';
import { contractProblem, readAnswer } from './read-answer';
import { type IdFor, pathsOf, sampleOf, withValueAt } from './sample-input';

/**
 * Fuzzing (issue 12, `npm run test:fuzz`): requests built from the zod contracts of every
 * operation (a valid body and query, from the contract's JSON Schema) with one or two fields —
 * or a key, a path parameter, the raw JSON text — replaced by a hostile value (NUL, lone
 * surrogates, 1 MB strings, deep nesting, injection strings, impossible dates, edge numbers,
 * wrong types), and hostile CSV/NDJSON files for both imports (some queued as jobs, which then
 * run), sent as every role. No answer may be a 5xx; every refusal is problem+json and a 422
 * names its fields; a success matches its response contract. Then a GET sweep reads back every
 * list, detail, export and PDF: no stored value may break one.
 *
 * BANSO_FUZZ_CASES (default 1000) and BANSO_FUZZ_SEED (fixed by default, printed) reproduce a run.
 */
const CASES = Number(process.env.BANSO_FUZZ_CASES ?? 1000);
/**
 * The worker's memory in MB. A large heap after a run is mostly garbage not yet collected: run
 * with NODE_OPTIONS=--expose-gc to see it after a full collection (docs/reliability.md).
 */
const memory = () => {
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 2 ** 20);
  return `heap ${mb(m.heapUsed)} MB of ${mb(m.heapTotal)}, external ${mb(m.external)} MB (PGlite's WASM memory among it), rss ${mb(m.rss)} MB`;
};
const afterFullGc = () => {
  if (!globalThis.gc) return '';
  globalThis.gc();
  return ` (after a full GC: ${memory()})`;
};
const SEED = Number(process.env.BANSO_FUZZ_SEED ?? 12_2025);
const DRIVER = process.env.BANSO_TEST_DRIVER;

/** Keys no contract has, that a hostile client adds. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'a\u0000', '\ud800', '', 'k'.repeat(1000)];

const LISTING_HEADER =
  '管理番号,発明の名称,特許番号,出願日,登録日,技術分野,適用製品,国際特許分類,特許権者,実施許諾,譲渡';
const CSV_HEADERS = [BANSO_COLUMNS.map((c) => c.title), LISTING_HEADER.split(','), []];

let t: TestApp;
let org: MarkedOrganisation;
let operations: Operation[];
/** Ids the fuzz may act on: the organisation's, with a user and a token it may change freely. */
let ids: MarkedOrganisation['ids'];

beforeAll(async () => {
  t = await createTestApp();
  org = await seedMarkedOrganisation(t, 'fuzz-org', 'FUZZ');
  operations = operationsOf(t.app);
  const victim = await t.addUser(org.admin, 'viewer', 'victim@fuzz-org.example.jp');
  const token = await t.request('POST', '/api/v1/auth/tokens', {
    session: org.admin,
    json: { name: 'victim' },
  });
  ids = { ...org.ids, user: [victim.userId], apiToken: [(await token.json()).id] };
}, 240_000);
afterAll(() => t.close());

const idFor: IdFor = (property) => {
  const kind = KIND_OF_FIELD[property];
  return (kind && ids[kind][0]) || '00000000-0000-4000-8000-000000000000';
};

const caseArbitrary = (count: number) =>
  fc.record({
    op: fc.nat({ max: count - 1 }),
    role: fc.constantFrom<Role>('admin', 'admin', 'admin', ...ROLES),
    full: fc.boolean(),
    where: fc.constantFrom('body', 'body', 'body', 'query', 'query', 'path', 'key', 'raw'),
    pick: fc.nat(),
    value: hostileValue,
    second: fc.option(fc.tuple(fc.nat(), hostileValue), { freq: 3 }),
    key: fc.constantFrom(...HOSTILE_KEYS),
    raw: fc.constantFrom(...RAW_BODIES),
    csv: hostileCsv(CSV_HEADERS),
    jsonl: hostileJsonLines,
    async: fc.boolean(),
  });
type Case = ReturnType<ReturnType<typeof caseArbitrary>['generate']>['value'];

/** Replaces the value at a random path of `value` (or, with `key`, adds a hostile key there). */
function mutate(value: unknown, pick: number, replacement: unknown, key?: string): unknown {
  const paths = pathsOf(value);
  if (key !== undefined) {
    const containers = [[], ...paths].filter((p) => {
      let v: unknown = value;
      for (const k of p) v = (v as Record<string, unknown>)?.[k];
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const at = containers[pick % containers.length] ?? [];
    return withValueAt(value, [...at, key], replacement);
  }
  if (paths.length === 0) return replacement;
  return withValueAt(value, paths[pick % paths.length] as string[], replacement);
}

describe('fuzzing', () => {
  it(`answers ${CASES} hostile requests without a 5xx, and every stored value reads back`, async () => {
    const started = performance.now();
    const arbitrary = caseArbitrary(operations.length);
    const sessions = { ...org.sessions };
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const undocumented = new Map<string, number>();
    const jobs: string[] = [];
    let serverErrors = 0;

    const send = async (c: Case, index: number) => {
      const op = operations[c.op] as Operation;
      const params = pathParamsOf(op.path);
      const pathValues: Record<string, string> = {};
      for (const p of params) {
        const kind = pathKind(op.path, p);
        pathValues[p] =
          kind === 'fiscalYear'
            ? '2025'
            : kind === 'file'
              ? org.feedFile
              : (ids[kind][0] as string);
      }
      if (c.where === 'path' && params.length > 0) {
        const p = params[c.pick % params.length] as string;
        pathValues[p] = encodeComponent(
          typeof c.value === 'string' ? c.value : (JSON.stringify(c.value) ?? ''),
        );
      }
      let query = op.query
        ? (sampleOf(jsonSchemaOf(op.query), { full: c.full, idFor }) as Record<string, unknown>)
        : null;
      if (query && c.where === 'query') {
        query = mutate(query, c.pick, c.value) as Record<string, unknown>;
        if (c.second) query = mutate(query, c.second[0], c.second[1]) as Record<string, unknown>;
      }
      let body: unknown;
      let raw: string | Uint8Array<ArrayBuffer> | undefined;
      const headers: Record<string, string> = {};
      if (op.body) {
        body = sampleOf(jsonSchemaOf(op.body), { full: c.full, idFor });
        if (c.where === 'body') {
          body = mutate(body, c.pick, c.value);
          if (c.second) body = mutate(body, c.second[0], c.second[1]);
        }
        if (c.where === 'key') body = mutate(body, c.pick, c.value, c.key);
        if (c.where === 'raw') {
          raw = c.raw;
          headers['content-type'] = 'application/json';
          body = undefined;
        }
      } else if (op.uploadTypes.length > 0) {
        const ndjson = op.uploadTypes.includes('application/x-ndjson') && c.pick % 2 === 0;
        raw = ndjson ? c.jsonl : c.csv;
        headers['content-type'] = ndjson
          ? 'application/x-ndjson'
          : (op.uploadTypes[c.pick % op.uploadTypes.length] as string);
        if (c.async) headers.prefer = 'respond-async';
      }
      const url = fillPath(op.path, pathValues) + queryString(query);
      const who = c.role;
      const res = await t.request(op.method, url, {
        session: op.secured || op.key.includes('logout') ? sessions[who] : null,
        ...(body !== undefined ? { json: body } : {}),
        ...(raw !== undefined ? { body: raw, headers } : {}),
      });
      const answer = await readAnswer(res);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (!op.documented.has(answer.status)) {
        const k = `${answer.status} ${op.key}`;
        undocumented.set(k, (undocumented.get(k) ?? 0) + 1);
      }
      const shown = () =>
        `#${index} ${op.method} ${url.slice(0, 200)} as ${who} → ${answer.status} ${answer.body.slice(0, 400)} | sent ${JSON.stringify(body ?? (typeof raw === 'string' ? raw : raw && Buffer.from(raw).toString('latin1')) ?? null)?.slice(0, 400)}`;
      if (answer.status >= 500) {
        serverErrors += 1;
        failures.push(`5xx ${shown()}`);
      }
      const problem = contractProblem(answer, op.okSchemas);
      if (problem && answer.status < 500) failures.push(`${problem}: ${shown()}`);
      if (answer.status === 202) {
        const jobId = (answer.json as { jobId?: string } | undefined)?.jobId;
        if (jobId) jobs.push(jobId);
      }
      // Signing out ends the session the next cases of this role need.
      if (op.key === 'POST /api/v1/auth/logout' && answer.status === 204)
        sessions[who] = await t.login(org.admin.slug, sessions[who].email);
    };

    // Drawn in chunks of 100 (chunk k from seed SEED + k), so memory stays flat at any count.
    for (let first = 0; first < CASES; first += 100) {
      const chunk = fc.sample(arbitrary, {
        seed: SEED + first / 100,
        numRuns: Math.min(100, CASES - first),
      });
      for (const [i, c] of chunk.entries()) await send(c, first + i);
      if (first % 1000 === 900 || process.env.BANSO_FUZZ_TRACE)
        console.info(
          `[fuzz ${DRIVER}] ${first + chunk.length} cases, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
    }
    // Queued imports run as jobs: a hostile file may fail its job, never as an internal error.
    // (An internal error would leave the job queued for a retry, or failed with `internal`.)
    await t.runJobs();
    for (const jobId of jobs) {
      const res = await t.request('GET', `/api/v1/jobs/${jobId}`, { session: sessions.admin });
      const job = await res.json();
      if (
        !['succeeded', 'failed', 'cancelled'].includes(job.status) ||
        job.error?.code === 'internal'
      )
        failures.push(`job ${jobId} did not end cleanly: ${JSON.stringify(job).slice(0, 500)}`);
    }
    const fuzzSeconds = (performance.now() - started) / 1000;

    // A fresh calendar feed (the fuzz may have revoked the seeded one) for the sweep to read.
    const feed = await t.request('POST', `/api/v1/supporters/${ids.supporter[0]}/calendar-feeds`, {
      session: sessions.admin,
    });
    const feedFile = String((await feed.json()).path ?? '')
      .split('/')
      .pop();
    const sweepStarted = performance.now();
    const sweep = await getSweep(t, sessions.admin, operations, feedFile ? { feedFile } : {});
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    failures.push(...sweep.failures.map((f) => `sweep: ${f}`));

    console.info(
      `[fuzz ${DRIVER}] seed ${SEED}, ${CASES} cases over ${operations.length} operations in ${fuzzSeconds.toFixed(1)} s; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `5xx: ${serverErrors}; jobs run: ${jobs.length}; ` +
        `undocumented statuses: ${JSON.stringify(Object.fromEntries(undocumented))}; ` +
        `GET sweep: ${sweep.calls} reads (${sweep.exports} exports, ${sweep.pdfs} PDFs, ${sweep.refusals} documented refusals) in ${sweepSeconds.toFixed(1)} s; ` +
        `memory ${memory()}${afterFullGc()}; ${failures.length} failures` +
        (failures.length > 0
          ? ` (reproduce: BANSO_FUZZ_SEED=${SEED} BANSO_FUZZ_CASES=${CASES})`
          : ''),
    );
    expect(failures.slice(0, 40)).toEqual([]);
  }, 1_800_000);
});
