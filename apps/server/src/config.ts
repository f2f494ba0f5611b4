import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { AdmissionLimits } from './http/admission';

/**
 * The one place that reads the environment. Every problem is reported at
 * once; defaults need no outside service (embedded database under ./data).
 */
const EnvSchema = z.object({
  BANSO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BANSO_PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BANSO_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  BANSO_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * Reverse proxies in front of Banso (comma-separated IP addresses, or `loopback`): only from
   * them are X-Forwarded-Proto (Secure cookie, HSTS) and X-Forwarded-For (rate limits) believed.
   */
  BANSO_TRUST_PROXY: z.string().optional(),
  BANSO_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  BANSO_BACKUP_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  BANSO_PG_POOL: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Bounded wait for the database (http/admission.ts): requests using it at once, requests that
   * may wait, and the longest wait before a 503 with Retry-After. Defaults depend on the driver.
   */
  BANSO_DB_ACTIVE: z.coerce.number().int().min(1).max(10_000).optional(),
  BANSO_DB_QUEUE: z.coerce.number().int().min(0).max(100_000).optional(),
  BANSO_DB_WAIT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  BANSO_WEB_DIST: z.string().optional(),
  /** Delay after start before matching indexes are built in the background; -1: only on first use. */
  BANSO_MATCHING_WARMUP_MS: z.coerce.number().int().min(-1).max(3_600_000).default(2000),
  /** Uploads waiting for their job (default <data>/job-files); shared storage when several processes serve one database. */
  BANSO_JOB_FILES_DIR: z.string().min(1).optional(),
});

/**
 * The embedded database serves one statement at a time: a few requests at once interleave there,
 * a short queue absorbs bursts, and nobody waits more than 2 s (measured in docs/reliability.md).
 * PostgreSQL works on the pool's connections in parallel; its limits only stop an unbounded pile
 * of waiting requests (node-postgres queues for a connection without end) and are wide enough
 * that a loaded but healthy server never refuses.
 */
export const ADMISSION_DEFAULTS = {
  pglite: { maxActive: 8, maxQueue: 64, maxWaitMs: 2000 },
  postgres: (poolSize: number) => ({ maxActive: poolSize * 2, maxQueue: 1000, maxWaitMs: 10_000 }),
} as const;

export interface Config {
  database:
    | { driver: 'pglite'; dataDir: string }
    | { driver: 'postgres'; url: string; poolSize: number };
  /** Directory for the embedded database, its lock and automatic backups. */
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  /** Addresses whose X-Forwarded-* headers are believed (BANSO_TRUST_PROXY); empty: none. */
  trustedProxies: string[];
  backup: { keep: number; everyHours: number };
  /** The bounded wait for the database (BANSO_DB_ACTIVE/_QUEUE/_WAIT_MS; see ADMISSION_DEFAULTS). */
  admission: AdmissionLimits;
  webDist: string | null;
  /** ms after start before building matching indexes in the background; null: on first use only. */
  matchingWarmUpMs: number | null;
  /** Uploads kept for their background job until it ends (survives a restart). */
  jobFilesDir: string;
}

/** Parses BANSO_TRUST_PROXY (comma-separated IP addresses and/or `loopback`); problems listed. */
export function parseTrustedProxies(value: string | undefined): {
  proxies: string[];
  problems: string[];
} {
  const proxies: string[] = [];
  const problems: string[] = [];
  for (const part of (value ?? '').split(',').map((p) => p.trim())) {
    if (part === '' || part === 'false') continue;
    if (part === 'loopback' || isIP(part) !== 0)
      proxies.push(part.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, ''));
    else problems.push(`BANSO_TRUST_PROXY: "${part}" is neither an IP address nor "loopback"`);
  }
  return { proxies, problems };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const trust = parseTrustedProxies(e.BANSO_TRUST_PROXY);
  if (trust.problems.length > 0) throw new ConfigError(trust.problems);
  const dataDir = path.resolve(e.BANSO_DATA_DIR);
  const admissionDefaults = e.DATABASE_URL
    ? ADMISSION_DEFAULTS.postgres(e.BANSO_PG_POOL)
    : ADMISSION_DEFAULTS.pglite;
  return {
    database: e.DATABASE_URL
      ? { driver: 'postgres', url: e.DATABASE_URL, poolSize: e.BANSO_PG_POOL }
      : { driver: 'pglite', dataDir: path.join(dataDir, 'db') },
    dataDir,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.BANSO_PUBLIC_URL ?? null,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.BANSO_SESSION_HOURS,
    cookieSecure: e.BANSO_COOKIE_SECURE === 'auto' ? 'auto' : e.BANSO_COOKIE_SECURE === 'true',
    trustedProxies: trust.proxies,
    backup: { keep: e.BANSO_BACKUP_KEEP, everyHours: e.BANSO_BACKUP_HOURS },
    admission: {
      maxActive: e.BANSO_DB_ACTIVE ?? admissionDefaults.maxActive,
      maxQueue: e.BANSO_DB_QUEUE ?? admissionDefaults.maxQueue,
      maxWaitMs: e.BANSO_DB_WAIT_MS ?? admissionDefaults.maxWaitMs,
    },
    webDist: e.BANSO_WEB_DIST ? path.resolve(e.BANSO_WEB_DIST) : null,
    matchingWarmUpMs: e.BANSO_MATCHING_WARMUP_MS < 0 ? null : e.BANSO_MATCHING_WARMUP_MS,
    jobFilesDir: path.resolve(e.BANSO_JOB_FILES_DIR ?? path.join(dataDir, 'job-files')),
  };
}

/** The documented variables, for the README and `banso --help`. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

/** The CLI's language from BANSO_LANG or LANG (read here: the one place that reads the environment). */
export function cliLanguageFromEnv(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  return env.BANSO_LANG ?? env.LANG;
}

/** CLI commands log only warnings unless LOG_LEVEL says otherwise; their output is for people. */
export function cliLogLevelFromEnv(env: Record<string, string | undefined> = process.env): string {
  const level = env.LOG_LEVEL;
  return level && EnvSchema.shape.LOG_LEVEL.safeParse(level).success ? level : 'warn';
}
