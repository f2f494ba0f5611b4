import { randomUUID } from 'node:crypto';
import type { Database } from '@banso/db';
import type { Role } from '@banso/shared';
import { AppError, notFound } from '../../app-error';
import type { Actor } from '../../context';
import { insertAudit } from '../audit/audit.repository';
import { diffRecords } from '../audit/audit-diff';
import { hashPassword } from '../auth/secrets';
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
  const repo = createUsersRepository(deps.db);

  /** Hashing (tens of ms) happens before the transaction: PGlite has one connection. */
  async function insertUser(
    db: Database,
    actor: Actor,
    input: NewUserInput,
    passwordHash: string,
  ): Promise<UserRow> {
    const users = createUsersRepository(db);
    if (await users.findByEmail(actor.tenantId, input.email)) {
      throw AppError.field('already_exists', 'email', 'email_taken');
    }
    const now = deps.now();
    const row = await users.insert({
      tenantId: actor.tenantId,
      id: randomUUID(),
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      locale: input.locale ?? 'ja',
      passwordHash,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await insertAudit(db, actor, [
      { action: 'create', entity: 'user', entityId: row.id, changes: diffRecords(null, row) },
    ]);
    return row;
  }

  return {
    list: (actor: Actor) => repo.list(actor.tenantId),

    exists: async (tenantId: string, id: string) => (await repo.find(tenantId, id)) !== null,

    async get(actor: Actor, id: string): Promise<UserRow> {
      const row = await repo.find(actor.tenantId, id);
      if (!row) throw notFound('user');
      return row;
    },

    async create(actor: Actor, input: NewUserInput): Promise<UserRow> {
      const passwordHash = await hashPassword(input.password);
      return deps.db.transaction((tx) =>
        insertUser(tx as unknown as Database, actor, input, passwordHash),
      );
    },

    async update(
      actor: Actor,
      id: string,
      input: {
        displayName?: string;
        role?: Role;
        locale?: 'ja' | 'en';
        disabled?: boolean;
        version: number;
      },
    ): Promise<UserRow> {
      return deps.db.transaction(async (txDb) => {
        const tx = txDb as unknown as Database;
        const users = createUsersRepository(tx);
        const before = await users.find(actor.tenantId, id);
        if (!before) throw notFound('user');
        if (before.version !== input.version) throw new AppError('stale_version');
        const now = deps.now();
        const after = await users.update(actor.tenantId, id, input.version, {
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
    },

    async resetPassword(actor: Actor, email: string, password: string): Promise<UserRow> {
      const passwordHash = await hashPassword(password);
      return deps.db.transaction(async (txDb) => {
        const tx = txDb as unknown as Database;
        const users = createUsersRepository(tx);
        const user = await users.findByEmail(actor.tenantId, email);
        if (!user) throw notFound('user');
        const after = await users.update(actor.tenantId, user.id, user.version, {
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

    /** A new support organisation (tenant) with its first admin, in one transaction. */
    async createOrganization(input: NewOrganizationInput, by = 'setup') {
      const passwordHash = await hashPassword(input.admin.password);
      return deps.db.transaction(async (txDb) => {
        const tx = txDb as unknown as Database;
        const users = createUsersRepository(tx);
        if (await users.findTenantBySlug(input.slug)) {
          throw AppError.field('already_exists', 'organization.slug', 'slug_taken');
        }
        const now = deps.now();
        const tenant = await users.insertTenant({
          id: randomUUID(),
          slug: input.slug,
          name: input.name,
          nameEn: input.nameEn ?? null,
          createdAt: now,
          updatedAt: now,
        });
        const adminId = randomUUID();
        const actor: Actor = {
          tenantId: tenant.id,
          userId: adminId,
          role: 'admin',
          label: by,
          via: 'system',
        };
        const admin = await users.insert({
          tenantId: tenant.id,
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
    },

    listOrganizations: () => repo.listTenants(),
    findOrganization: (slug: string) => repo.findTenantBySlug(slug),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
