import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiToken, parseSessionCookie, sha256 } from './features/auth/secrets';
import { capturedLog } from './testing/captured-log';
import { createTestApp, type TestApp, type TestSession } from './testing/test-app';

/**
 * Issue 12: a failed query must not put secrets into the log. Each case makes a statement that
 * carries a secret (a password hash, a session or API token hash) fail inside the real request
 * path, then searches everything the server logged.
 */
const log = capturedLog();
let t: TestApp;
let admin: TestSession;

const raw = (statement: string) => t.database.db.execute(sql.raw(statement));
const logged = () => log.lines.join('');
/** The error lines the server wrote, parsed. */
const errorLines = () =>
  (log.entries() as { level: number; err?: Record<string, unknown> }[]).filter(
    (l) => l.level >= 50,
  );

/** Fails every statement of `event` on `table` (a trigger; removed after the case). */
async function failing<T>(table: string, event: string, run: () => Promise<T>): Promise<T> {
  await raw(`create or replace function banso_test_fail() returns trigger language plpgsql as $$
    begin raise exception 'test failure on %', tg_table_name; end $$`);
  await raw(`create trigger banso_test_fail before ${event} on ${table}
    for each row execute function banso_test_fail()`);
  try {
    return await run();
  } finally {
    await raw(`drop trigger banso_test_fail on ${table}`);
  }
}

beforeAll(async () => {
  t = await createTestApp({ logger: log.logger });
  admin = await t.createOrganization('log-secrets');
});
afterAll(() => t?.close());

describe('a failing query logs no secret', () => {
  it('users.password_hash: creating a user whose insert fails', async () => {
    log.clear();
    const password = 'a-password-nobody-may-log-1';
    const res = await failing('users', 'insert', () =>
      t.request('POST', '/api/v1/users', {
        session: admin,
        json: { email: 'new@log-secrets.example.jp', displayName: '新規', role: 'staff', password },
      }),
    );
    expect(res.status).toBe(500);
    const [line] = errorLines();
    // The failure is logged with what finds it: statement, code, the database's message.
    expect(line?.err).toMatchObject({
      message: expect.stringMatching(/^Failed query: insert into "users"/),
    });
    expect(line?.err?.params).toMatch(/values not logged/);
    expect(JSON.stringify(line?.err?.cause)).toMatch(/test failure on users/);
    expect(logged()).not.toContain(password);
    expect(logged()).not.toContain('$argon2');
  });

  it('sessions.token_hash: signing out when the delete fails', async () => {
    const session = await t.login(admin.slug, admin.email);
    const cookie = parseSessionCookie(decodeURIComponent(session.cookie.split('=')[1] ?? ''));
    if (!cookie) throw new Error('no session cookie');
    const hash = sha256(cookie.secret);
    log.clear();
    const res = await failing('sessions', 'delete', () =>
      t.request('POST', '/api/v1/auth/logout', { session }),
    );
    expect(res.status).toBe(500);
    expect(errorLines()).toHaveLength(1);
    expect(logged()).not.toContain(hash);
    expect(logged()).not.toContain(session.csrfToken);
  });

  it('sessions: signing in when the session insert fails logs neither the row nor the password', async () => {
    log.clear();
    const res = await failing('sessions', 'insert', () =>
      t.request('POST', '/api/v1/auth/login', {
        json: { organization: admin.slug, email: admin.email, password: admin.password },
      }),
    );
    expect(res.status).toBe(500);
    expect(errorLines()).toHaveLength(1);
    expect(logged()).not.toContain(admin.password);
    expect(logged()).not.toMatch(/\b[0-9a-f]{64}\b/); // no sha256 of the new session's secret
    expect(logged()).not.toContain('$argon2');
  });

  it('api_tokens.token_hash: using a token whose lookup fails', async () => {
    const created = await t.request('POST', '/api/v1/auth/tokens', {
      session: admin,
      json: { name: 'ログ確認' },
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const secretPart = parseApiToken(token)?.secret ?? '';
    expect(secretPart).not.toBe('');
    log.clear();
    await raw('alter table api_tokens rename column last_used_at to last_used_at_renamed');
    try {
      const res = await t.request('GET', '/api/v1/auth/session', { token });
      expect(res.status).toBe(500);
    } finally {
      await raw('alter table api_tokens rename column last_used_at_renamed to last_used_at');
    }
    expect(errorLines()).toHaveLength(1);
    expect(logged()).not.toContain(token);
    expect(logged()).not.toContain(sha256(secretPart));
  });
});
