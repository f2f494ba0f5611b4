import { type Database, inTenant } from '@banso/db';
import { ApiTokenId, type Role, SessionId } from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { createOrganizationsRepository } from '../users/organizations.repository';
import { createUsersRepository, type TenantRow, type UserRow } from '../users/users.repository';
import {
  clearLoginThrottles,
  createAuthRepository,
  deleteExpiredSessions,
  findApiToken,
  findSession,
  readLoginThrottles,
  recordLoginFailures,
} from './auth.repository';
import { blockSeconds, normaliseEmail, RULES, throttleKeys } from './login-throttle';
import {
  dummyPasswordHash,
  formatApiToken,
  parseApiToken,
  parseSessionCookie,
  randomSecret,
  sha256,
  verifyPassword,
} from './secrets';

export interface SessionInfo {
  actor: Actor;
  user: UserRow;
  tenant: TenantRow;
  csrfToken: string | null;
  expiresAt: Date | null;
}

export function createAuthService(deps: { db: Database; now: () => Date; sessionHours: number }) {
  const organizations = createOrganizationsRepository(deps.db);
  const actorOf = (user: UserRow, via: Actor['via']): Actor => ({
    tenantId: user.tenantId,
    userId: user.id,
    role: user.role as Role,
    label: `${user.displayName} <${user.email}>`,
    via,
  });

  return {
    /** Checks credentials; answers one error for every kind of failure. */
    async login(input: {
      organization?: string | undefined;
      email: string;
      password: string;
      ip: string;
      userAgent: string | null;
    }): Promise<{ cookieValue: string; session: SessionInfo }> {
      const tenant = input.organization
        ? await organizations.findBySlug(input.organization)
        : await organizations.findOnly();
      const keys = throttleKeys({
        tenantId: tenant?.id ?? null,
        organization: input.organization,
        email: input.email,
        ip: input.ip,
      });
      const started = deps.now();
      const blocks = new Map(
        (await readLoginThrottles(deps.db, [keys.account, keys.pair, keys.address])).map((r) => [
          r.key,
          r.blockedUntil && r.blockedUntil > started ? r.blockedUntil : null,
        ]),
      );
      const refuse = (until: Date, why: string) =>
        new AppError('rate_limited', {
          log: `sign-in refused (${why}) for ${input.email}`,
          headers: {
            'Retry-After': String(
              Math.max(1, Math.ceil((until.getTime() - started.getTime()) / 1000)),
            ),
          },
        });
      // The account (from anywhere, or from this address) is blocked: no password is checked.
      const accountBlock = [blocks.get(keys.account), blocks.get(keys.pair)]
        .filter((d): d is Date => d instanceof Date)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      if (accountBlock) throw refuse(accountBlock, 'account');

      const user = tenant
        ? await inTenant(deps.db, { tenantId: tenant.id }, (tx) =>
            createUsersRepository(tx).findByEmail(input.email),
          )
        : null;
      const ok = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyPassword(await dummyPasswordHash(), input.password).then(() => false);
      if (!tenant || !user || !ok || user.disabledAt) {
        const now = deps.now();
        const email = normaliseEmail(input.email);
        const tenantId = tenant?.id ?? null;
        await recordLoginFailures(
          deps.db,
          now,
          new Date(now.getTime() - RULES.forgetAfterSeconds * 1000),
          [
            {
              key: keys.account,
              tenantId,
              email,
              address: input.ip,
              blockFor: (f) => blockSeconds(RULES.account, f),
            },
            {
              key: keys.pair,
              tenantId,
              email,
              address: input.ip,
              blockFor: (f) => blockSeconds(RULES.pair, f),
            },
            // Only accounts that do not exist count against the address: one person's typos
            // must not lock out the colleagues who share the office's address.
            ...(!user
              ? [
                  {
                    key: keys.address,
                    tenantId: null,
                    email: null,
                    address: input.ip,
                    blockFor: (f: number) => blockSeconds(RULES.address, f),
                  },
                ]
              : []),
          ],
        );
        // An address spraying unknown accounts gets the same answer for every wrong attempt,
        // real account or not, until its block ends.
        const addressBlock = blocks.get(keys.address);
        if (addressBlock) throw refuse(addressBlock, 'address');
        throw new AppError('invalid_credentials', { log: `failed login for ${input.email}` });
      }
      await clearLoginThrottles(deps.db, [keys.account, keys.pair]);
      const now = deps.now();
      const secret = randomSecret();
      const csrfToken = randomSecret(24);
      const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
      await inTenant(deps.db, { tenantId: tenant.id }, async (tx) => {
        await createAuthRepository(tx).insertSession({
          id: newId(SessionId),
          userId: user.id,
          tokenHash: sha256(secret),
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          expiresAt,
          ip: input.ip,
          userAgent: input.userAgent?.slice(0, 300) ?? null,
        });
        await createUsersRepository(tx).recordLogin(user.id, now);
      });
      return {
        cookieValue: `${tenant.id}.${secret}`,
        session: { actor: actorOf(user, 'session'), user, tenant, csrfToken, expiresAt },
      };
    },

    /** Deletes sessions past their expiry (run hourly by the server). */
    purgeExpiredSessions: () => deleteExpiredSessions(deps.db, deps.now()),

    async logout(cookieValue: string): Promise<void> {
      const parsed = parseSessionCookie(cookieValue);
      if (!parsed) return;
      await inTenant(deps.db, { tenantId: parsed.tenantId }, (tx) =>
        createAuthRepository(tx).deleteSession(sha256(parsed.secret)),
      );
    },

    async resolveSession(cookieValue: string): Promise<SessionInfo | null> {
      const parsed = parseSessionCookie(cookieValue);
      if (!parsed) return null;
      const now = deps.now();
      const resolved = await findSession(deps.db, parsed.tenantId, sha256(parsed.secret), now);
      if (!resolved || resolved.user.disabledAt) return null;
      // Touch at most once a minute: a read should not write on every request.
      if (now.getTime() - resolved.session.lastSeenAt.getTime() > 60_000) {
        await inTenant(deps.db, { tenantId: parsed.tenantId }, (tx) =>
          createAuthRepository(tx).touchSession(resolved.session.id, now),
        );
      }
      const { tenant, ...found } = resolved;
      return {
        actor: actorOf(found.user, 'session'),
        user: found.user,
        tenant,
        csrfToken: found.session.csrfToken,
        expiresAt: found.session.expiresAt,
      };
    },

    async resolveApiToken(token: string): Promise<SessionInfo | null> {
      const parsed = parseApiToken(token);
      if (!parsed) return null;
      const now = deps.now();
      const resolved = await findApiToken(deps.db, parsed.tenantId, sha256(parsed.secret), now);
      if (!resolved || resolved.user.disabledAt) return null;
      const lastUsed = resolved.token.lastUsedAt;
      if (!lastUsed || now.getTime() - lastUsed.getTime() > 60_000) {
        await inTenant(deps.db, { tenantId: parsed.tenantId }, (tx) =>
          createAuthRepository(tx).touchApiToken(resolved.token.id, now),
        );
      }
      const { tenant, ...found } = resolved;
      return {
        actor: actorOf(found.user, 'token'),
        user: found.user,
        tenant,
        csrfToken: null,
        expiresAt: null,
      };
    },

    async createApiToken(
      actor: Actor,
      input: { name: string; expiresInDays?: number | undefined },
    ) {
      authorize(actor, 'tokens:own');
      const secret = randomSecret();
      const now = deps.now();
      const row = await asActor(deps.db, actor, async (tx) => {
        const created = await createAuthRepository(tx).insertApiToken({
          id: newId(ApiTokenId),
          userId: actor.userId,
          name: input.name,
          tokenHash: sha256(secret),
          tokenPrefix: `bns_…${secret.slice(0, 6)}`,
          createdAt: now,
          expiresAt: input.expiresInDays
            ? new Date(now.getTime() + input.expiresInDays * 86_400_000)
            : null,
        });
        await insertAudit(tx, actor, [
          {
            action: 'create',
            entity: 'api_token',
            entityId: created.id,
            changes: { name: { before: null, after: created.name } },
          },
        ]);
        return created;
      });
      return { row, token: formatApiToken(actor.tenantId, secret) };
    },

    async listApiTokens(actor: Actor) {
      authorize(actor, 'tokens:own');
      return asActor(deps.db, actor, (tx) => createAuthRepository(tx).listApiTokens(actor.userId));
    },

    async revokeApiToken(actor: Actor, id: ApiTokenId): Promise<void> {
      authorize(actor, 'tokens:own');
      await asActor(deps.db, actor, async (tx) => {
        const revoked = await createAuthRepository(tx).revokeApiToken(actor.userId, id, deps.now());
        if (!revoked) throw notFound('api token');
        await insertAudit(tx, actor, [
          { action: 'revoke', entity: 'api_token', entityId: id, changes: {} },
        ]);
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
