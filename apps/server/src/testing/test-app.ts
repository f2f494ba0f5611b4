import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@banso/db/testing';
import { type Role, TenantId, UserId } from '@banso/shared';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { loadConfig } from '../config';
import type { Actor, AppDeps } from '../context';
import { createApp } from '../http/app';
import { jobHandlers } from '../jobs/job-handlers';
import { createJobRunner, type JobRunnerOptions } from '../jobs/job-runner';
import { createLogger, type Logger } from '../logger';

export interface TestSession {
  tenantId: TenantId;
  slug: string;
  userId: UserId;
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
}

/** Test responses are asserted at run time, field by field. */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies in tests are checked by assertions, not types
export type JsonBody = any;
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<JsonBody> };

export const TEST_PASSWORD = 'correct-horse-battery-staple';

/**
 * The body of a response parsed with a shared zod contract (packages/shared): a typed value,
 * or an error that fails the test with the status, the zod issues and the body. With `status`,
 * any other status fails it first (with the problem+json it carried).
 */
export async function jsonOf<S extends z.ZodType>(
  res: TestResponse,
  schema: S,
  status?: number,
): Promise<z.output<S>> {
  const text = await res.text();
  if (status !== undefined && res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${text}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}: the body is not JSON: ${text.slice(0, 500)}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `HTTP ${res.status}: the body does not match the contract:\n${JSON.stringify(parsed.error.issues, null, 2)}\nbody: ${text.slice(0, 2000)}`,
    );
  }
  return parsed.data;
}

type TestRequestInit = {
  session?: TestSession | null;
  json?: unknown;
  body?: RequestInit['body'];
  headers?: Record<string, string>;
  token?: string;
  /** The address the request comes from (the socket's peer); none by default. */
  peer?: string;
};

/** An admin actor of a session's organisation, for calling services directly (as the CLI does). */
export const adminActorOf = (s: TestSession): Actor => ({
  tenantId: s.tenantId,
  userId: s.userId,
  role: 'admin',
  label: 'test',
  via: 'cli',
});

/**
 * The app in-process on a fresh database of the driver under test
 * (BANSO_TEST_DRIVER), with helpers to act as users over real HTTP semantics.
 */
export async function createTestApp(
  options: {
    now?: () => Date;
    logger?: Logger;
    env?: Record<string, string>;
    /** The clock of the bounded wait (admission.ts). */
    clock?: Clock;
    /**
     * How long the event loop has been busy, for the bounded wait. Default 0: a stall of a loaded
     * test machine must not turn into 503s in unrelated tests (admission.int.test.ts injects it).
     */
    loopBusyMs?: () => number;
  } = {},
) {
  const jobFilesDir = mkdtempSync(path.join(os.tmpdir(), 'banso-test-jobs-'));
  // The configuration first: a bad one fails before a database is made.
  const config = loadConfig({
    BANSO_DATA_DIR: '/nonexistent-banso-test',
    BANSO_JOB_FILES_DIR: jobFilesDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const database: TestDatabase = await createTestDatabase();
  const deps: AppDeps = {
    db: database.db,
    driver: database.driver,
    config,
    logger: options.logger ?? createLogger('silent'),
    now: options.now ?? (() => new Date()),
    listen: database.listen,
  };
  const { app, services, admission } = createApp(deps, {
    ...(options.clock ? { clock: options.clock } : {}),
    loopBusyMs: options.loopBusyMs ?? (() => 0),
  });

  async function request(method: string, path: string, init: TestRequestInit = {}) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.session) {
      headers.cookie = init.session.cookie;
      if (!['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = init.session.csrfToken;
    }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: RequestInit['body'] | undefined = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const res = await app.request(
      path,
      { method, headers, ...(body !== undefined ? { body } : {}) },
      init.peer ? { incoming: { socket: { remoteAddress: init.peer } } } : undefined,
    );
    return res as TestResponse;
  }

  /**
   * Typed requests: `api.get(path, { session, schema: CompanyPage })` answers the body parsed
   * with the contract (see jsonOf); `status` defaults to 200 (201 for POST).
   */
  const typed =
    (method: string) =>
    <S extends z.ZodType>(
      path: string,
      { schema, status, ...init }: TestRequestInit & { schema: S; status?: number },
    ) =>
      request(method, path, init).then((res) =>
        jsonOf(res, schema, status ?? (method === 'POST' ? 201 : 200)),
      );
  const api = {
    get: typed('GET'),
    post: typed('POST'),
    put: typed('PUT'),
    patch: typed('PATCH'),
    delete: typed('DELETE'),
  };

  async function login(
    slug: string,
    email: string,
    password = TEST_PASSWORD,
  ): Promise<TestSession> {
    const res = await request('POST', '/api/v1/auth/login', {
      json: { organization: slug, email, password },
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const data = (await res.json()) as {
      csrfToken: string;
      user: { id: string };
      tenant: { id: string };
    };
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0] ?? '';
    return {
      tenantId: TenantId.parse(data.tenant.id),
      slug,
      userId: UserId.parse(data.user.id),
      email,
      password,
      cookie,
      csrfToken: data.csrfToken,
    };
  }

  /** A new organisation with its admin, logged in. */
  async function createOrganization(slug: string, name = `${slug} 支援機関`): Promise<TestSession> {
    const email = `admin@${slug}.example.jp`;
    await services.users.createOrganization({
      slug,
      name,
      admin: { email, displayName: `${slug} 管理者`, password: TEST_PASSWORD },
    });
    return login(slug, email);
  }

  /** Adds a user with a role to the admin's organisation and logs them in. */
  async function addUser(
    admin: TestSession,
    role: Role,
    email = `${role}-${Math.random().toString(36).slice(2, 8)}@${admin.slug}.example.jp`,
  ) {
    const res = await request('POST', '/api/v1/users', {
      session: admin,
      json: { email, displayName: `${role} ユーザー`, role, password: TEST_PASSWORD },
    });
    if (res.status !== 201) throw new Error(`add user failed: ${res.status} ${await res.text()}`);
    return login(admin.slug, email);
  }

  /** A runner of every job kind on this app's database (not started: call runOnce or start). */
  const jobRunner = (options: Partial<JobRunnerOptions> = {}) =>
    createJobRunner({
      db: deps.db,
      logger: deps.logger,
      now: deps.now,
      handlers: jobHandlers(deps, services),
      progressEveryMs: 0,
      ...options,
    });

  /** Runs due jobs until none is left; returns how many ran. */
  async function runJobs(options: Partial<JobRunnerOptions> = {}): Promise<number> {
    const runner = jobRunner(options);
    let ran = 0;
    while (await runner.runOnce()) ran += 1;
    return ran;
  }

  return {
    app,
    services,
    admission,
    deps,
    database,
    jobRunner,
    runJobs,
    request,
    api,
    login,
    createOrganization,
    addUser,
    close: async () => {
      await services.matching.close();
      await database.destroy();
      rmSync(jobFilesDir, { recursive: true, force: true });
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
