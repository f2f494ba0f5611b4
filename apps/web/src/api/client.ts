import type { ErrorCode, FieldProblem, Problem } from '@banso/shared';

type FieldProblemDto = z.output<typeof FieldProblem>;

import type { z } from 'zod';

/**
 * The one way the web app talks to the API. Responses are parsed with the
 * shared zod contracts (the same schemas the server validates and documents),
 * so a contract change is a type error here, not a surprise at run time.
 *
 * - Cookie session; every write carries the CSRF token from GET /auth/session.
 * - `Accept-Language` follows the UI language, so problem messages arrive in it.
 * - A 401 on anything but the session probe announces an expired session
 *   (`onSessionExpired`), which sends the user to the login page and back.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly problem: (Problem & Record<string, unknown>) | null;

  constructor(
    status: number,
    code: ErrorCode | 'network',
    message: string,
    problem: (Problem & Record<string, unknown>) | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  /** Field errors of a 422, keyed by field path (`corporateNumber`), in the UI language. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of (this.problem?.errors ?? []) as FieldProblemDto[]) {
      if (!(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A raw body (a File for uploads); sent as is with its own content type. */
  rawBody?: Blob;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

interface ClientState {
  csrfToken: string | null;
  language: () => string;
  onSessionExpired: () => void;
}

const state: ClientState = {
  csrfToken: null,
  language: () => 'ja',
  onSessionExpired: () => {},
};

export function configureApiClient(options: Partial<ClientState>) {
  Object.assign(state, options);
}

export function setCsrfToken(token: string | null) {
  state.csrfToken = token;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Sends a request and returns the raw Response when it is 2xx; throws ApiError otherwise. */
export async function apiFetch(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': state.language(),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.rawBody) {
    body = options.rawBody;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) {
    headers['x-csrf-token'] = state.csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', (error as Error).message, null);
  }
  if (response.ok) return response;
  throw await toApiError(response, path);
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  let problem: (Problem & Record<string, unknown>) | null = null;
  try {
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json'))
      problem = (await response.json()) as Problem & Record<string, unknown>;
  } catch {
    problem = null;
  }
  const code = problem?.code ?? (response.status >= 500 ? 'internal' : 'bad_request');
  const error = new ApiError(
    response.status,
    code,
    problem?.detail ?? `${response.status} ${response.statusText}`,
    problem,
  );
  if (response.status === 401 && path !== '/api/v1/auth/session' && path !== '/api/v1/auth/login') {
    state.onSessionExpired();
  }
  return error;
}

async function parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const data: unknown = await response.json();
  return schema.parse(data);
}

export const api = {
  async get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) {
    return parse(await apiFetch('GET', path, options), schema);
  },
  async post<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) {
    return parse(await apiFetch('POST', path, options), schema);
  },
  async patch<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) {
    return parse(await apiFetch('PATCH', path, options), schema);
  },
  /** For 204 answers and downloads: the raw response. */
  send(method: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, options?: RequestOptions) {
    return apiFetch(method, path, options);
  },
};
