import ICAL from 'ical.js';
import type { TestApp, TestSession } from '../testing/test-app';
import type { IdKind } from './marked-organisation';
import {
  fillPath,
  jsonSchemaOf,
  KIND_OF_SEGMENT,
  type Operation,
  pathKind,
  pathParamsOf,
  queryString,
} from './operations';
import { contractProblem, readAnswer } from './read-answer';
import { type JsonSchema, resolve, sampleOf } from './sample-input';

/**
 * After the fuzz: read back everything that was stored, as the organisation's admin. Every list
 * (each value of each enum filter, following cursors), every detail of every id the lists show,
 * the exports (companies CSV in each encoding, the KPI report as PDF, xlsx and CSV), briefing
 * PDFs and the calendar feed must answer 200 (or a documented refusal that is not about the
 * data, such as 503 while the matching index warms up) with a body that is readable as its type
 * and valid by the route's response contract. Returns the calls made and what broke.
 */
export interface SweepOptions {
  /** At most this many ids of each kind get their detail pages read. */
  perKind?: number;
  /** At most this many PDFs per PDF route. */
  pdfs?: number;
  /** Extra files to read: the calendar feed (`<token>.ics`). */
  feedFile?: string;
}

const MAX_PAGES = 200;

/** Arrays whose objects carry ids of a kind, wherever they appear in an answer. */
const KIND_OF_ARRAY: Record<string, IdKind> = {
  kpis: 'kpi',
  followUps: 'followUp',
  visits: 'visit',
};

function collectIds(value: unknown, listKind: IdKind | undefined, into: Map<IdKind, Set<string>>) {
  const add = (kind: IdKind, id: unknown) => {
    if (typeof id !== 'string') return;
    if (!into.has(kind)) into.set(kind, new Set());
    into.get(kind)?.add(id);
  };
  const walk = (v: unknown, kind: IdKind | undefined) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (kind && item && typeof item === 'object') add(kind, (item as { id?: unknown }).id);
        walk(item, undefined);
      }
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const k = key === 'items' ? listKind : KIND_OF_ARRAY[key];
        walk(child, k);
      }
    }
  };
  walk(value, listKind);
}

/** Query variants of a GET: the required fields, then each value of each enum parameter. */
function queryVariants(op: Operation, idFor: (p: string) => string): Record<string, unknown>[] {
  if (!op.query) return [{}];
  const schema = jsonSchemaOf(op.query);
  const base = sampleOf(schema, { full: false, idFor }) as Record<string, unknown>;
  const out = [base];
  const root = resolve(schema, schema);
  for (const [key, raw] of Object.entries(root.properties ?? {})) {
    const p: JsonSchema = resolve(schema, raw);
    const values = p.enum ?? (p.anyOf ?? []).flatMap((o) => resolve(schema, o).enum ?? []);
    for (const v of values) out.push({ ...base, [key]: v });
  }
  return out;
}

export async function getSweep(
  t: TestApp,
  session: TestSession,
  operations: Operation[],
  options: SweepOptions = {},
): Promise<{
  calls: number;
  failures: string[];
  pdfs: number;
  exports: number;
  refusals: number;
}> {
  const perKind = options.perKind ?? 200;
  const pdfLimit = options.pdfs ?? 20;
  const failures: string[] = [];
  const ids = new Map<IdKind, Set<string>>();
  let calls = 0;
  let pdfs = 0;
  let exports = 0;
  let refusals = 0;

  const read = async (op: Operation, url: string) => {
    const res = await t.request('GET', url, { session });
    calls += 1;
    const answer = await readAnswer(res);
    const where = `GET ${url}: ${answer.status}`;
    if (answer.contentType.includes('pdf')) pdfs += 1;
    if (/csv|spreadsheet|pdf|calendar/.test(answer.contentType)) exports += 1;
    // A documented refusal that is a rule, not the data (a manual KPI has no records: 404;
    // the matching index warming up: 503) is fine; a 5xx or an undocumented status is not.
    if (answer.status >= 500 && answer.status !== 503)
      failures.push(`${where} ${answer.body.slice(0, 300)}`);
    else if (!op.documented.has(answer.status))
      failures.push(`${where} is not documented: ${answer.body.slice(0, 300)}`);
    else if (answer.status !== 200) refusals += 1;
    const problem = contractProblem(answer, op.okSchemas);
    if (problem) failures.push(`${where}: ${problem}`);
    if (answer.contentType.includes('text/csv') && answer.status === 200) {
      // Every record of an export has the header's number of fields.
      const problemOfCsv = csvShapeProblem(answer.body);
      if (problemOfCsv) failures.push(`${where}: ${problemOfCsv}`);
    }
    if (answer.contentType.includes('text/calendar') && answer.status === 200) {
      try {
        ICAL.parse(answer.body);
      } catch (error) {
        failures.push(`${where}: unreadable iCalendar (${(error as Error).message})`);
      }
    }
    return answer;
  };

  const lists = operations.filter(
    (op) => op.method === 'GET' && pathParamsOf(op.path).length === 0 && op.secured,
  );
  const someId = (property: string) => {
    const kind = property === 'programs' ? 'program' : undefined;
    const first = kind ? [...(ids.get(kind) ?? [])][0] : undefined;
    return first ?? '00000000-0000-4000-8000-000000000000';
  };
  // Lists first (their ids feed the details), programs before the report that names them.
  for (const op of lists) {
    const listKind = KIND_OF_SEGMENT[op.path.split('/').pop() ?? ''];
    for (const query of queryVariants(op, someId)) {
      let q: Record<string, unknown> = { ...query };
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await read(op, op.path + queryString(q));
        collectIds(answer.json, listKind, ids);
        const next = (answer.json as { nextCursor?: string | null } | undefined)?.nextCursor;
        if (!next) break;
        q = { ...q, cursor: next };
      }
    }
  }
  // Details of every id seen (capped per kind), and each PDF route for a few.
  const details = operations.filter(
    (op) => op.method === 'GET' && pathParamsOf(op.path).length > 0 && op.secured,
  );
  for (const op of details) {
    const params = pathParamsOf(op.path);
    if (params.length !== 1) continue;
    const kind = pathKind(op.path, params[0] as string);
    if (kind === 'fiscalYear') {
      await read(op, fillPath(op.path, { fiscalYear: '2025' }));
      continue;
    }
    if (kind === 'file') continue;
    const limit = op.path.endsWith('.pdf') ? pdfLimit : perKind;
    for (const id of [...(ids.get(kind) ?? [])].slice(0, limit)) {
      const query = op.query
        ? (sampleOf(jsonSchemaOf(op.query), { full: false, idFor: someId }) as Record<
            string,
            unknown
          >)
        : {};
      const answer = await read(
        op,
        fillPath(op.path, { [params[0] as string]: id }) + queryString(query),
      );
      collectIds(answer.json, undefined, ids);
    }
  }
  if (options.feedFile) {
    const feed = operations.find((op) => op.path === '/api/v1/calendar/{file}');
    if (feed) await read(feed, fillPath(feed.path, { file: options.feedFile }));
  }
  return { calls, failures, pdfs, exports, refusals };
}

/** The first record whose field count differs from the header's, in a CSV text (RFC 4180). */
export function csvShapeProblem(csv: string): string | null {
  const records: number[] = [];
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') i += 1;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') fields += 1;
    else if (c === '\n') {
      records.push(fields);
      fields = 1;
    }
  }
  if (quoted) return 'a quoted field is never closed';
  const header = records[0];
  const bad = records.findIndex((n) => n !== header);
  return bad > 0 ? `record ${bad + 1} has ${records[bad]} fields, the header ${header}` : null;
}
