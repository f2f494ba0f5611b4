import { z } from 'zod';
import { OPENAPI_INFO } from '../http/app';
import type { App } from '../http/env';
import type { IdKind } from './marked-organisation';
import type { JsonSchema } from './sample-input';

/**
 * Every operation of the API as the reliability harnesses need it: from the app's OpenAPI 3.1
 * document (path, method, documented statuses, security) joined with the zod schemas the route
 * was registered with (request body, query and path parameters; the 2xx JSON response), so a new
 * route is covered by both harnesses the day it is registered.
 */
export interface Operation {
  /** `GET /api/v1/companies/{id}` */
  key: string;
  method: string;
  path: string;
  documented: Set<number>;
  /** False for the few routes open to anyone (setup, login, the calendar feed). */
  secured: boolean;
  params: z.ZodType | null;
  query: z.ZodType | null;
  /** The JSON body's contract, if the route takes JSON. */
  body: z.ZodType | null;
  /** Content types of a non-JSON body (the CSV/NDJSON imports). */
  uploadTypes: string[];
  /** The contract of each 2xx JSON answer, by status. */
  okSchemas: Map<number, z.ZodType>;
}

type RouteConfig = {
  method: string;
  path: string;
  request?: {
    params?: z.ZodType;
    query?: z.ZodType;
    body?: { content: Record<string, { schema: z.ZodType }> };
  };
  responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }>;
};

type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; security?: unknown[] }>
  >;
};

export function operationsOf(app: App): Operation[] {
  const doc = app.getOpenAPI31Document(OPENAPI_INFO) as unknown as OpenApiDoc;
  const routes = new Map<string, RouteConfig>();
  for (const d of app.openAPIRegistry.definitions) {
    if (d.type !== 'route') continue;
    const route = d.route as unknown as RouteConfig;
    routes.set(`${route.method.toUpperCase()} ${route.path}`, route);
  }
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const key = `${method.toUpperCase()} ${path}`;
      const route = routes.get(key);
      if (!route) throw new Error(`${key} is in the OpenAPI document but not in the registry`);
      const content = route.request?.body?.content ?? {};
      const okSchemas = new Map<number, z.ZodType>();
      for (const [status, r] of Object.entries(route.responses)) {
        const schema = r.content?.['application/json']?.schema;
        if (status.startsWith('2') && schema) okSchemas.set(Number(status), schema);
      }
      out.push({
        key,
        method: method.toUpperCase(),
        path,
        documented: new Set(Object.keys(op.responses).map(Number)),
        secured: Array.isArray(op.security) && op.security.length > 0,
        params: route.request?.params ?? null,
        query: route.request?.query ?? null,
        body: content['application/json']?.schema ?? null,
        uploadTypes: Object.keys(content).filter((t) => t !== 'application/json'),
        okSchemas,
      });
    }
  }
  return out;
}

/** The JSON Schema of a request contract (its input side, $defs inlined under the root). */
export const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Path parameter names of an OpenAPI path: `/companies/{id}/assignments/{userId}` → id, userId. */
export const pathParamsOf = (path: string) =>
  [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);

/** Fills an OpenAPI path's parameters. */
export const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return v;
  });

/** A query string from a flat object (arrays repeated), values already strings or JSON-ish. */
export function queryString(query: Record<string, unknown> | null | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values)
      parts.push(
        `${encodeComponent(key)}=${encodeComponent(typeof v === 'string' ? v : JSON.stringify(v))}`,
      );
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the bytes its
 * UTF-16 unit would have in (invalid) UTF-8, as a hostile client could.
 */
export function encodeComponent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const isLow = c >= 0xdc00 && c <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (isHigh || isLow) {
      out += `%${(0xe0 | (c >> 12)).toString(16).toUpperCase()}%${(0x80 | ((c >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`;
    } else out += encodeURIComponent(text[i] as string);
  }
  return out;
}

/** A path parameter's kind of id, from the collection segment before it. */
export const KIND_OF_SEGMENT: Record<string, IdKind> = {
  companies: 'company',
  users: 'user',
  tokens: 'apiToken',
  imports: 'import',
  programs: 'program',
  kpis: 'kpi',
  supporters: 'supporter',
  visits: 'visit',
  'follow-ups': 'followUp',
  'calendar-feeds': 'calendarFeed',
  listings: 'listing',
  matches: 'match',
  jobs: 'job',
};

/** The kind of id a path parameter takes (or the two parameters that are not ids). */
export function pathKind(path: string, param: string): IdKind | 'fiscalYear' | 'file' {
  if (param === 'fiscalYear' || param === 'file') return param;
  if (param === 'userId') return 'user';
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const kind = KIND_OF_SEGMENT[segments[at - 1] ?? ''];
  if (!kind) throw new Error(`${path}: which kind of id is {${param}}? Add it to KIND_OF_SEGMENT`);
  return kind;
}

/** A body or query field's kind of id, from its name. */
export const KIND_OF_FIELD: Record<string, IdKind> = {
  companyId: 'company',
  holderCompanyId: 'company',
  entityId: 'company',
  supporterId: 'supporter',
  assigneeId: 'supporter',
  teamMemberId: 'supporter',
  coordinatorId: 'supporter',
  userId: 'user',
  actorUserId: 'user',
  listingId: 'listing',
  programId: 'program',
  programs: 'program',
  resume: 'import',
  // A visit issue kept by an update (`issues[].id`).
  id: 'visitIssue',
};
