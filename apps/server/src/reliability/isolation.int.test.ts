import { organisationFingerprint } from '@banso/db/testing';
import { ROLES } from '@banso/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../testing/test-app';
import { type MarkedOrganisation, seedMarkedOrganisation } from './marked-organisation';
import {
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
import { type IdFor, sampleOf } from './sample-input';

/**
 * Organisation isolation (issue 12, `npm run test:isolation`): every operation of the OpenAPI
 * document, called by each role of organisation A (a cookie session each, plus the admin's API
 * token) and anonymously, with organisation B's ids in its path parameters and in every id field
 * of its body and query. Each answer must be documented for the operation and valid by the
 * contract, never a 5xx, never show B's marker strings or any id of B, and an operation with B's
 * id in its path must fail; B's rows in every table are the same afterwards. The admin also
 * calls each operation that has both path ids and id fields with A's own path ids and B's ids in
 * the fields. A new route or a new id field is covered (or fails here) without editing this file.
 */

/** 404, or a 422 whose fields are all id fields (`team.0.supporterId`). */
function refusesAnId(answer: { status: number; json: unknown }): boolean {
  if (answer.status === 404) return true;
  if (answer.status !== 422) return false;
  const errors = (answer.json as { errors?: { field: string }[] }).errors ?? [];
  return (
    errors.length > 0 && errors.every((e) => (e.field.split('.').pop() ?? '') in KIND_OF_FIELD)
  );
}

const idsFrom =
  (org: MarkedOrganisation): IdFor =>
  (property) => {
    const kind = KIND_OF_FIELD[property];
    if (!kind)
      throw new Error(`which kind of id is the field "${property}"? Add it to KIND_OF_FIELD`);
    const id = org.ids[kind][0];
    if (!id) throw new Error(`the seeded organisation has no ${kind}`);
    return id;
  };

/** Signing out without a session is harmless (it clears the cookie) and answers 204. */
const SIGN_OUT = 'POST /api/v1/auth/logout';

const CSV_UPLOAD = '名称,法人番号\r\nアップロード工業,\r\n';

let t: TestApp;
let a: MarkedOrganisation;
let b: MarkedOrganisation;
let operations: Operation[];
let bIds: string[];

type Principal = { name: string; session?: TestSession; token?: string };

beforeAll(async () => {
  t = await createTestApp();
  a = await seedMarkedOrganisation(t, 'iso-a', 'AOWN');
  b = await seedMarkedOrganisation(t, 'iso-b', 'QXZB');
  operations = operationsOf(t.app);
  bIds = [b.admin.tenantId, ...Object.values(b.ids).flat()];
}, 240_000);
afterAll(() => t.close());

describe('organisation isolation', () => {
  it('sends bodies and queries that the contracts accept, so B’s ids are what is refused', () => {
    const invalid: string[] = [];
    for (const op of operations) {
      for (const [part, schema] of [
        ['body', op.body],
        ['query', op.query],
      ] as const) {
        if (!schema) continue;
        for (const full of [false, true]) {
          const sample = sampleOf(jsonSchemaOf(schema), { full, idFor: idsFrom(b) });
          const parsed = schema.safeParse(sample);
          if (!parsed.success)
            invalid.push(
              `${op.key} ${part} (${full ? 'full' : 'required'}): ${JSON.stringify(parsed.error.issues)} ${JSON.stringify(sample)}`,
            );
        }
      }
    }
    expect(invalid).toEqual([]);
  });

  it('leaks nothing of organisation B to any role of A or to anyone, and changes nothing of B', async () => {
    const before = await organisationFingerprint(t.database.db, b.admin.tenantId);
    const principals: Principal[] = [
      ...ROLES.map((role) => ({ name: role, session: a.sessions[role] })),
      { name: 'admin (API token)', token: a.token },
      { name: 'anonymous' },
    ];
    // Signing out ends the session every later call needs: last.
    const ordered = [...operations].sort(
      (x, y) => Number(x.key === SIGN_OUT) - Number(y.key === SIGN_OUT),
    );
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let calls = 0;
    const started = performance.now();

    const call = async (
      op: Operation,
      who: Principal,
      pathValues: Record<string, string>,
      body: unknown,
      query: Record<string, unknown> | null,
      expectFailure: boolean,
      label: string,
    ) => {
      const url = fillPath(op.path, pathValues) + queryString(query);
      const headers: Record<string, string> = {};
      let raw: string | undefined;
      if (op.uploadTypes.length > 0 && op.body === null) {
        headers['content-type'] = 'text/csv';
        raw = CSV_UPLOAD;
      }
      const res = await t.request(op.method, url, {
        session: who.session ?? null,
        ...(who.token ? { token: who.token } : {}),
        ...(body !== undefined ? { json: body } : {}),
        ...(raw !== undefined ? { body: raw, headers } : {}),
      });
      calls += 1;
      const answer = await readAnswer(res);
      const where = `${label} ${op.method} ${url} as ${who.name}: ${answer.status}`;
      statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
      if (answer.status >= 500) failures.push(`${where} server error ${answer.text.slice(-300)}`);
      if (!op.documented.has(answer.status)) failures.push(`${where} is not documented`);
      if (op.secured && !who.session && !who.token && answer.status !== 401 && op.key !== SIGN_OUT)
        failures.push(`${where}: anonymous call not refused with 401`);
      if (expectFailure && answer.status < 300) failures.push(`${where}: B's id was accepted`);
      // An admin gets past the role check, so the refusal must be about B's id itself.
      if (expectFailure && who.name.startsWith('admin') && !refusesAnId(answer))
        failures.push(`${where}: not refused as an unknown id (404, or 422 on an id field)`);
      if (process.env.BANSO_ISOLATION_TRACE && who.name === 'admin')
        console.info(
          `${where} ${answer.status >= 400 ? JSON.stringify((answer.json as { errors?: unknown })?.errors ?? (answer.json as { code?: string }).code) : ''}`,
        );
      const problem = contractProblem(answer, op.okSchemas);
      if (problem) failures.push(`${where}: ${problem}`);
      const lower = answer.text.toLowerCase();
      for (const marker of b.markers)
        if (lower.includes(marker.toLowerCase())) failures.push(`${where}: shows B's "${marker}"`);
      // An error may echo what was sent (`instance` is the request path); nothing else of B.
      const sent = `${url} ${JSON.stringify(body ?? null)}`;
      for (const id of bIds)
        if (answer.text.includes(id) && (answer.status < 400 || !sent.includes(id)))
          failures.push(`${where}: shows B's id ${id}`);
    };

    for (const op of ordered) {
      const params = pathParamsOf(op.path);
      const bPath = (org: MarkedOrganisation) =>
        Object.fromEntries(
          params.map((p) => {
            const kind = pathKind(op.path, p);
            if (kind === 'fiscalYear') return [p, '2025'];
            if (kind === 'file') return [p, `${org.ids.calendarFeed[0]}.ics`];
            return [p, org.ids[kind][0] as string];
          }),
        );
      const bodySchema = op.body ? jsonSchemaOf(op.body) : null;
      const querySchema = op.query ? jsonSchemaOf(op.query) : null;
      // Only required fields, and every field: B's ids in each id field.
      const variants = [false, true].map((full) => ({
        body: bodySchema ? sampleOf(bodySchema, { full, idFor: idsFrom(b) }) : undefined,
        query: querySchema
          ? (sampleOf(querySchema, { full, idFor: idsFrom(b) }) as Record<string, unknown>)
          : null,
      }));
      const unique = variants.filter(
        (v, i) => i === 0 || JSON.stringify(v) !== JSON.stringify(variants[0]),
      );
      const hasPathIds = params.some((p) => !['fiscalYear'].includes(p));
      for (const who of principals) {
        for (const v of unique) await call(op, who, bPath(b), v.body, v.query, hasPathIds, 'B ids');
      }
      // A's own path ids with B's ids in the fields (admin): the service must refuse B's.
      const full = unique[unique.length - 1];
      const bodyHasIds = full && JSON.stringify(full).match(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      if (params.length > 0 && bodyHasIds && full) {
        const aPath = bPath(a);
        let body = full.body as Record<string, unknown> | undefined;
        if (body && 'version' in body) {
          const entityPath = op.path.slice(0, op.path.indexOf('{id}') + 4);
          const current = await t.request('GET', fillPath(entityPath, aPath), {
            session: a.admin,
          });
          if (current.status === 200) body = { ...body, version: (await current.json()).version };
        }
        // B's ids in a body must be refused; in a query they only filter (to nothing).
        const bodyIds = JSON.stringify(body ?? null).match(/[0-9a-f]{8}-[0-9a-f]{4}-/) !== null;
        await call(
          op,
          principals[0] as Principal,
          aPath,
          body,
          full.query,
          bodyIds,
          'A path, B ids',
        );
      }
    }

    const after = await organisationFingerprint(t.database.db, b.admin.tenantId);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `[isolation ${process.env.BANSO_TEST_DRIVER}] ${operations.length} operations, ${principals.length} callers, ${calls} calls in ${seconds} s; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(after).toEqual(before);
    // Not vacuous: every operation was called by every caller.
    expect(calls).toBeGreaterThanOrEqual(operations.length * principals.length);
  }, 600_000);
});
