import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fieldErrorMessage, findTextProblem, LIMITS } from '@banso/shared';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../app-error';
import { type Clock, systemClock } from '../clock';
import type { AppDeps } from '../context';
import { registerAuditRoutes } from '../features/audit/audit.routes';
import { registerAuthRoutes, SESSION_COOKIE } from '../features/auth/auth.routes';
import { safeEqual } from '../features/auth/secrets';
import { registerBriefingRoutes } from '../features/briefing/briefing.routes';
import { registerCalendarRoutes } from '../features/calendar/calendar.routes';
import { registerCompaniesRoutes } from '../features/companies/companies.routes';
import { registerCompaniesIoRoutes } from '../features/companies/companies-io.routes';
import { registerJobsRoutes } from '../features/jobs/jobs.routes';
import { registerListingsRoutes } from '../features/listings/listings.routes';
import { registerMatchesRoutes } from '../features/matches/matches.routes';
import { registerMatchingRoutes } from '../features/matching/matching.routes';
import { registerPlannerRoutes } from '../features/planner/planner.routes';
import { registerProgramsRoutes } from '../features/programs/programs.routes';
import { registerReportsRoutes } from '../features/reports/reports.routes';
import { registerSetupRoutes } from '../features/setup/setup.routes';
import { registerSupportersRoutes } from '../features/supporters/supporters.routes';
import { registerUsersRoutes } from '../features/users/users.routes';
import { registerVisitsRoutes } from '../features/visits/visits.routes';
import { createServices, type Services } from '../services';
import { createAdmissionGate, eventLoopBusyMonitor, ungatedPath } from './admission';
import { clientOriginOf } from './client-origin';
import { registerDocs } from './docs';
import type { AppContext, AppEnv } from './env';
import { negotiateLocale } from './locale';
import { toProblem } from './problem';
import { fieldErrorsFromZod } from './zod-issues';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Banso API',
    version: '1.0.0',
    description:
      'Banso (伴走): companion support for SMEs. Authenticate with the session cookie from /api/v1/auth/login ' +
      '(writes then need the X-CSRF-Token header) or with a personal API token as `Authorization: Bearer`. ' +
      'Errors are RFC 9457 problem+json with a stable `code`; messages follow Accept-Language (ja default, en).',
  },
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Imports may be large; everything else is JSON of modest size. */
const uploadPaths = /^\/api\/v1\/(companies|listings)\/import$/;

export interface CreateAppOptions {
  services?: Services;
  /** Built web app directory; served with an index.html fallback when present. */
  webDist?: string | null;
  /** Time for the bounded wait (tests pass a FakeClock). */
  clock?: Clock;
  /** How long the event loop has been too busy to turn (default: measured); tests inject it. */
  loopBusyMs?: () => number;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}) {
  const services = options.services ?? createServices(deps);
  /** Whether the request is for an operation anyone may call (set once every route is registered, below). */
  const isPublicOperation = (c: AppContext) =>
    publicOperations.has(`${c.req.method} ${c.req.routePath.replace(/:(\w+)/g, '{$1}')}`);
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      // Who may call comes before what was sent: an anonymous request to an operation that needs
      // a login is a 401 whatever its body, query or path, never a 422 that describes the contract.
      if (!c.get('session') && !isPublicOperation(c)) {
        throw new AppError('unauthenticated', { log: `anonymous ${result.target}` });
      }
      if (!result.success) {
        throw new AppError(result.target === 'json' ? 'validation_failed' : 'bad_request', {
          log: `invalid ${result.target}`,
          fields: fieldErrorsFromZod(result.error),
        });
      }
      // What text Banso accepts, once for every contract (packages/shared/src/text-policy.ts):
      // no NUL, no lone surrogate, in any value or key of a body, query or path.
      const problem = findTextProblem(result.data);
      if (problem) {
        const code =
          problem.kind === 'too_deep'
            ? ('nesting_too_deep' as const)
            : ('unsupported_character' as const);
        throw new AppError('validation_failed', {
          log: `${code} in ${result.target}`,
          fields: [
            {
              field: problem.path.join('.') || '(body)',
              code,
              message: fieldErrorMessage(code),
            },
          ],
        });
      }
    },
  });

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    c.set('locale', negotiateLocale(c.req.header('accept-language')));
    c.set('log', deps.logger.child({ requestId }));
    c.set('session', null);
    c.set('client', clientOriginOf(c, deps.config.trustedProxies));
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    const session = c.get('session');
    c.get('log').info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        tenantId: session?.tenant.id,
        userId: session?.user.id,
        waitedMs: c.get('admissionWaitMs'),
      },
      'request',
    );
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
      // HSTS means something only over HTTPS (RFC 6797 §7.2): set below when the request came so.
      strictTransportSecurity: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (c.get('client').protocol === 'https') {
      c.header('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    }
  });

  // The bounded wait for the database (admission.ts): a request is admitted or refused here,
  // before it reads its body or looks up its credential, so a refused request did nothing.
  const admission = createAdmissionGate(
    deps.config.admission,
    options.clock ?? systemClock,
    options.loopBusyMs ?? eventLoopBusyMonitor(),
  );
  app.use('/api/*', async (c, next) => {
    if (ungatedPath(c.req.path)) return next();
    const queuedBehind = admission.active >= admission.limits.maxActive || admission.queued > 0;
    const since = performance.now();
    const release = await admission.enter();
    if (queuedBehind) c.set('admissionWaitMs', Math.round(performance.now() - since));
    try {
      await next();
    } finally {
      release();
    }
  });

  app.use('/api/*', async (c, next) => {
    const limit = uploadPaths.test(c.req.path) ? LIMITS.uploadBytes : LIMITS.jsonBodyBytes;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new AppError('payload_too_large', { log: `body over ${limit} bytes` });
      },
    })(c, next);
  });

  // Who is calling: a bearer API token (scripts) or the session cookie (browser).
  app.use('/api/*', async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization?.startsWith('Bearer ')) {
      const session = await services.auth.resolveApiToken(authorization.slice(7).trim());
      if (!session) throw new AppError('unauthenticated', { log: 'invalid api token' });
      c.set('session', session);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const session = cookie ? await services.auth.resolveSession(cookie) : null;
    if (session) {
      // Cookie-authenticated writes must echo the session's CSRF token.
      if (!SAFE_METHODS.has(c.req.method) && c.req.path !== '/api/v1/auth/login') {
        const sent = c.req.header('x-csrf-token') ?? '';
        if (!session.csrfToken || !safeEqual(sent, session.csrfToken)) {
          throw new AppError('csrf_failed');
        }
      }
      c.set('session', session);
    }
    return next();
  });

  app.get('/api/health', (c) => c.json({ status: 'ok', driver: deps.driver }));
  registerSetupRoutes(app, services);
  registerAuthRoutes(app, {
    auth: services.auth,
    users: services.users,
    secureCookie: deps.config.cookieSecure,
    sessionHours: deps.config.sessionHours,
  });
  registerUsersRoutes(app, services);
  registerCompaniesIoRoutes(app, deps); // before /companies/{id}, which would otherwise take /companies/export
  registerCompaniesRoutes(app, services);
  registerAuditRoutes(app, services);
  registerProgramsRoutes(app, services);
  registerReportsRoutes(app, services);
  registerSupportersRoutes(app, services);
  registerVisitsRoutes(app, services);
  registerPlannerRoutes(app, services);
  registerCalendarRoutes(app, services);
  registerBriefingRoutes(app, services);
  registerListingsRoutes(app, services);
  registerMatchingRoutes(app, services);
  registerMatchesRoutes(app, services);
  registerJobsRoutes(app, services);
  /**
   * The operations anyone may call, as `METHOD /path/{param}`: those whose definition declares no
   * `security` (sign-in, first-run setup, calendar feeds). Every other one answers an anonymous
   * request 401 before its input is validated (defaultHook above).
   */
  const publicOperations = new Set(
    app.openAPIRegistry.definitions.flatMap((d) =>
      d.type === 'route' && !d.route.security?.length
        ? [`${d.route.method.toUpperCase()} ${d.route.path}`]
        : [],
    ),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
  });
  app.doc31('/api/openapi.json', OPENAPI_INFO);
  registerDocs(app);

  app.onError((error, c) => {
    const mapped =
      error instanceof HTTPException
        ? new AppError(
            error.status === 413
              ? 'payload_too_large'
              : error.status === 415
                ? 'unsupported_media_type'
                : 'bad_request',
            {
              log: error.message,
            },
          )
        : error;
    const { status, body, headers } = toProblem(mapped, c.get('locale') ?? 'ja', {
      instance: c.req.path,
      requestId: c.get('requestId'),
    });
    // A 503 (the bounded wait, an index still building) is an answer, not a fault: the request
    // line says it, and under overload an error line per refusal would only add to the load.
    if (status >= 500 && status !== 503) c.get('log')?.error({ err: error }, 'unhandled error');
    return c.body(JSON.stringify(body), status as 500, {
      ...headers,
      'content-type': 'application/problem+json; charset=utf-8',
    });
  });

  const webDist = options.webDist ?? null;
  const indexHtml = webDist ? path.join(webDist, 'index.html') : null;
  if (webDist && indexHtml && existsSync(indexHtml)) {
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), webDist) || '.' }));
    app.get('*', async (c) => {
      if (c.req.path.startsWith('/api/')) return c.notFound();
      return c.html(await readFile(indexHtml, 'utf8'));
    });
  } else {
    app.get('/', async (c) =>
      c.html(
        `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Banso</title></head><body>` +
          `<h1>Banso（伴走）</h1><p>API は稼働中です。The API is running.</p>` +
          `<ul><li><a href="/api/docs">API ドキュメント / API docs</a></li>` +
          ((await services.setup.needsSetup())
            ? '<li>初期設定が必要です: サーバー起動時に表示された URL を開いてください。 / Setup needed: open the URL printed at start.</li>'
            : '') +
          `</ul></body></html>`,
      ),
    );
  }

  app.notFound((c) => {
    const { status, body } = toProblem(new AppError('not_found'), c.get('locale') ?? 'ja', {
      instance: c.req.path,
      requestId: c.get('requestId'),
    });
    return c.body(JSON.stringify(body), status as 404, {
      'content-type': 'application/problem+json; charset=utf-8',
    });
  });

  return { app, services, admission };
}
