import { type Database, inTenant, type TenantTx } from '@banso/db';
import { type Role, TenantId, UserId } from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { asActor } from '../../data/actor-scope';
import { newId } from '../../new-id';
import { authorize } from '../../policy/policy';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { createAuthRepository } from '../auth/auth.repository';
import { normaliseEmail } from '../auth/login-throttle';
import { hashPassword } from '../auth/secrets';
import { isUniqueViolation } from '../companies/unique-violation';
import { createOrganizationsRepository } from './organizations.repository';
import { createUsersRepository, type UserRow } from './users.repository';

export interface NewUserInput {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  locale?: 'ja' | 'en';
}

export interface NewOrganizationInput {
  slug: string;
  name: string;
  nameEn?: string | undefined;
  admin: { email: string; displayName: string; password: string };
}

export function createUsersService(deps: { db: Database; now: () => Date }) {
  const organizations = createOrganizationsRepository(deps.db);

  async function load(tx: TenantTx, id: UserId): Promise<UserRow> {
    const row = await createUsersRepository(tx).find(id);
    if (!row) throw notFound('user');
    return row;
  }

  async function insertUser(
    tx: TenantTx,
    actor: Actor,
    input: NewUserInput,
    passwordHash: string,
  ): Promise<UserRow> {
    const users = createUsersRepository(tx);
    if (await users.findByEmail(input.email)) {
      throw AppError.field('already_exists', 'email', 'email_taken');
    }
    const now = deps.now();
    const row = await users.insert({
      id: newId(UserId),
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      locale: input.locale ?? 'ja',
      passwordHash,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await insertAudit(tx, actor, [
      { action: 'create', entity: 'user', entityId: row.id, changes: diffRecords(null, row) },
    ]);
    return row;
  }

  async function applyUpdate(
    actor: Actor,
    id: UserId,
    input: {
      displayName?: string | undefined;
      role?: Role | undefined;
      locale?: 'ja' | 'en' | undefined;
      disabled?: boolean | undefined;
      version?: number | undefined;
    },
  ): Promise<UserRow> {
    return asActor(deps.db, actor, async (tx) => {
      const users = createUsersRepository(tx);
      const before = await load(tx, id);
      const version = input.version ?? before.version;
      if (before.version !== version) throw new AppError('stale_version');
      const now = deps.now();
      const after = await users.update(id, version, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? now : null } : {}),
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (!after) throw new AppError('stale_version');
      await insertAudit(tx, actor, [
        { action: 'update', entity: 'user', entityId: id, changes: diffRecords(before, after) },
      ]);
      return after;
    });
  }

  return {
    async list(actor: Actor): Promise<UserRow[]> {
      authorize(actor, 'users:manage');
      return asActor(deps.db, actor, (tx) => createUsersRepository(tx).list());
    },

    /** Whether a user of the actor's organisation exists (a check inside other operations, in their transaction). */
    async exists(actor: Actor, id: UserId, within?: TenantTx): Promise<boolean> {
      return asActor(
        deps.db,
        actor,
        async (tx) => (await createUsersRepository(tx).find(id)) !== null,
        within,
      );
    },

    async get(actor: Actor, id: UserId): Promise<UserRow> {
      authorize(actor, 'users:manage');
      return asActor(deps.db, actor, (tx) => load(tx, id));
    },

    /** The acting user's own record. */
    async me(actor: Actor): Promise<UserRow> {
      authorize(actor, 'profile:own');
      return asActor(deps.db, actor, (tx) => load(tx, actor.userId));
    },

    /**
     * A user changes their own display name or UI language — nothing else (never their role or
     * whether they are disabled), whatever the request carried.
     */
    async updateOwnProfile(
      actor: Actor,
      input: { displayName?: string | undefined; locale?: 'ja' | 'en' | undefined },
    ): Promise<UserRow> {
      authorize(actor, 'profile:own');
      const { displayName, locale } = input;
      if (displayName === undefined && locale === undefined) {
        return asActor(deps.db, actor, (tx) => load(tx, actor.userId));
      }
      return applyUpdate(actor, actor.userId, { displayName, locale });
    },

    async create(actor: Actor, input: NewUserInput): Promise<UserRow> {
      authorize(actor, 'users:manage');
      // Hashing (tens of ms) happens before the transaction: PGlite has one connection.
      const passwordHash = await hashPassword(input.password);
      return asActor(deps.db, actor, (tx) => insertUser(tx, actor, input, passwordHash));
    },

    async update(
      actor: Actor,
      id: UserId,
      input: {
        displayName?: string;
        role?: Role;
        locale?: 'ja' | 'en';
        disabled?: boolean;
        version: number;
      },
    ): Promise<UserRow> {
      authorize(actor, 'users:manage');
      return applyUpdate(actor, id, input);
    },

    /** Accounts of the organisation blocked from signing in after failed attempts, by e-mail. */
    async signInBlocks(actor: Actor): Promise<Map<string, Date>> {
      authorize(actor, 'users:manage');
      return asActor(deps.db, actor, (tx) => createAuthRepository(tx).accountBlocks(deps.now()));
    },

    /**
     * Ends a user's sign-in blocks and failure counts (an administrator's unlock after too many
     * failed attempts); audited. Returns the user.
     */
    async unlockSignIn(actor: Actor, id: UserId): Promise<UserRow> {
      authorize(actor, 'users:manage');
      return asActor(deps.db, actor, async (tx) => {
        const user = await load(tx, id);
        const cleared = await createAuthRepository(tx).clearSignInCounts(
          normaliseEmail(user.email),
        );
        if (cleared > 0) {
          await insertAudit(tx, actor, [
            {
              action: 'update',
              entity: 'user',
              entityId: user.id,
              changes: { signInBlock: { before: 'blocked', after: 'unlocked' } },
            },
          ]);
        }
        return user;
      });
    },

    async resetPassword(actor: Actor, email: string, password: string): Promise<UserRow> {
      authorize(actor, 'users:manage');
      const passwordHash = await hashPassword(password);
      return asActor(deps.db, actor, async (tx) => {
        const users = createUsersRepository(tx);
        const user = await users.findByEmail(email);
        if (!user) throw notFound('user');
        const after = await users.update(user.id, user.version, {
          passwordHash,
          updatedAt: deps.now(),
        });
        if (!after) throw new AppError('stale_version');
        await insertAudit(tx, actor, [
          {
            action: 'update',
            entity: 'user',
            entityId: user.id,
            changes: { password: { before: '***', after: '***' } },
          },
        ]);
        return after;
      });
    },

    /**
     * A new support organisation (tenant) with its first admin, in one transaction of the new
     * organisation (first-run setup, `banso init`, `banso tenant add`: no user acts yet).
     */
    async createOrganization(input: NewOrganizationInput, by = 'setup') {
      const passwordHash = await hashPassword(input.admin.password);
      const slugTaken = () => AppError.field('already_exists', 'organization.slug', 'slug_taken');
      if (await organizations.findBySlug(input.slug)) throw slugTaken();
      const tenantId = newId(TenantId);
      const adminId = newId(UserId);
      const actor: Actor = { tenantId, userId: adminId, role: 'admin', label: by, via: 'system' };
      try {
        return await inTenant(deps.db, { tenantId }, async (tx) => {
          const users = createUsersRepository(tx);
          const now = deps.now();
          const tenant = await users.insertTenant({
            slug: input.slug,
            name: input.name,
            nameEn: input.nameEn ?? null,
            createdAt: now,
            updatedAt: now,
          });
          const admin = await users.insert({
            id: adminId,
            email: input.admin.email,
            displayName: input.admin.displayName,
            role: 'admin',
            passwordHash,
            createdAt: now,
            updatedAt: now,
          });
          await insertAudit(tx, actor, [
            {
              action: 'create',
              entity: 'tenant',
              entityId: tenant.id,
              changes: diffRecords(null, tenant),
            },
            {
              action: 'create',
              entity: 'user',
              entityId: admin.id,
              changes: diffRecords(null, admin),
            },
          ]);
          return { tenant, admin };
        });
      } catch (error) {
        // Two setups racing for one code: the unique index decides.
        if (isUniqueViolation(error)) throw slugTaken();
        throw error;
      }
    },

    listOrganizations: () => organizations.list(),
    findOrganization: (slug: string) => organizations.findBySlug(slug),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
