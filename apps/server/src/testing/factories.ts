import {
  CompanyCreate,
  FollowUpCreate,
  ListingCreate,
  MatchCreate,
  ProgramCreate,
  type Role,
  SupporterCreate,
  type TenantId,
  type UserId,
  VisitCreate,
  VisitId,
} from '@banso/shared';
import type { z } from 'zod';
import type { Actor } from '../context';
import type { Services } from '../services';
import { TEST_PASSWORD } from './test-app';

/**
 * Test data. `build…` returns a valid create request (the shared contract's input, defaults
 * left to the contract); `create…` makes a real row through the feature's service with an
 * admin actor, parsing the request with the same contract the route uses. Every value can be
 * overridden; a `create…` that needs a parent (a visit's company, a match's listing) creates
 * one unless it is given.
 */

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

type Input<S extends z.ZodType> = z.input<S>;

/** A valid company create request; override any field. Shared by tests and the demo seed. */
export function buildCompany(overrides: Partial<CompanyCreate> = {}): CompanyCreate {
  const n = next();
  return {
    name: `テスト工業${n}`,
    nameKana: `テストコウギョウ${n}`,
    kind: 'sme',
    successorStatus: 'unknown',
    technologies: [],
    products: [],
    equipment: [],
    needs: [],
    tags: [],
    ...overrides,
  };
}

export function buildSupporter(
  overrides: Partial<Input<typeof SupporterCreate>> = {},
): Input<typeof SupporterCreate> {
  return { name: `支援者${next()}`, kind: 'staff', ...overrides };
}

/** A completed caravan visit on a Tuesday morning (Japan time) of the given company. */
export function buildVisit(
  companyId: string,
  overrides: Partial<Input<typeof VisitCreate>> = {},
): Input<typeof VisitCreate> {
  return {
    companyId,
    startsAt: '2025-06-03T10:00:00+09:00',
    kind: 'caravan',
    status: 'completed',
    ...overrides,
  };
}

export function buildFollowUp(
  overrides: Partial<Input<typeof FollowUpCreate>> = {},
): Input<typeof FollowUpCreate> {
  return { title: `フォローアップ${next()}`, ...overrides };
}

/** An open patent (開放特許) offered for a non-exclusive licence. */
export function buildListing(
  overrides: Partial<Input<typeof ListingCreate>> = {},
): Input<typeof ListingCreate> {
  const n = next();
  return {
    kind: 'open_patent',
    title: `テスト用の炭素繊維成形技術${n}`,
    abstract: '炭素繊維強化樹脂を短時間で成形する方法。',
    holderName: '大手化学工業株式会社',
    ...overrides,
  };
}

export function buildProgram(
  overrides: Partial<Input<typeof ProgramCreate>> = {},
): Input<typeof ProgramCreate> {
  return { name: `テスト事業${next()}`, fromFy: 2024, toFy: 2026, ...overrides };
}

/** The organisation's first admin as an actor, for calling services directly. */
const adminActor = (tenantId: TenantId, userId: UserId): Actor => ({
  tenantId,
  userId,
  role: 'admin',
  label: 'factory',
  via: 'cli',
});

type FactoryServices = Pick<
  Services,
  | 'users'
  | 'companies'
  | 'supporters'
  | 'visits'
  | 'followUps'
  | 'listings'
  | 'matches'
  | 'programs'
>;

/** Factories over the services of a test app (`factories(t.services)`). */
export function factories(services: FactoryServices) {
  async function createCompany(actor: Actor, overrides: Partial<CompanyCreate> = {}) {
    return services.companies.create(actor, CompanyCreate.parse(buildCompany(overrides)));
  }
  async function createSupporter(
    actor: Actor,
    overrides: Partial<Input<typeof SupporterCreate>> = {},
  ) {
    return services.supporters.create(actor, SupporterCreate.parse(buildSupporter(overrides)));
  }
  async function createListing(actor: Actor, overrides: Partial<Input<typeof ListingCreate>> = {}) {
    const [row] = await services.listings.createMany(actor, [
      ListingCreate.parse(buildListing(overrides)),
    ]);
    if (!row) throw new Error('createMany returned no listing');
    return row;
  }
  async function createVisit(actor: Actor, overrides: Partial<Input<typeof VisitCreate>> = {}) {
    const companyId = overrides.companyId ?? (await createCompany(actor)).id;
    // A completed visit needs a lead: a new supporter unless the team is given.
    const team = overrides.team ?? [
      { supporterId: (await createSupporter(actor)).id, role: 'lead' },
    ];
    return services.visits.create(
      actor,
      VisitCreate.parse(buildVisit(companyId, { ...overrides, team })),
    );
  }

  return {
    /** A new organisation (tenant) with its admin; `actor` is that admin. */
    async createOrganization(overrides: { slug?: string; name?: string; email?: string } = {}) {
      const n = next();
      const slug = overrides.slug ?? `org-${n}-${Math.random().toString(36).slice(2, 8)}`;
      const email = overrides.email ?? `admin@${slug}.example.jp`;
      const { tenant, admin } = await services.users.createOrganization({
        slug,
        name: overrides.name ?? `${slug} 支援機関`,
        admin: { email, displayName: `${slug} 管理者`, password: TEST_PASSWORD },
      });
      return { tenant, admin, email, actor: adminActor(tenant.id, admin.id) };
    },

    /** A user of the actor's organisation (password TEST_PASSWORD). */
    async createUser(
      actor: Actor,
      overrides: { role?: Role; email?: string; displayName?: string } = {},
    ) {
      const role = overrides.role ?? 'staff';
      const n = next();
      return services.users.create(actor, {
        email: overrides.email ?? `${role}-${n}@${actor.tenantId.slice(0, 8)}.example.jp`,
        displayName: overrides.displayName ?? `${role} ユーザー${n}`,
        role,
        password: TEST_PASSWORD,
      });
    },

    createSupporter,

    createCompany,

    /** A visit (completed, caravan); a new company and lead unless `companyId`/`team` are given. */
    createVisit,

    /** A follow-up of a visit; a new visit unless `visitId` is given. */
    async createFollowUp(
      actor: Actor,
      { visitId, ...overrides }: Partial<Input<typeof FollowUpCreate>> & { visitId?: VisitId } = {},
    ) {
      const visit = visitId ?? VisitId.parse((await createVisit(actor)).id);
      return services.followUps.create(
        actor,
        visit,
        FollowUpCreate.parse(buildFollowUp(overrides)),
      );
    },

    /** An open patent (開放特許) by default. */
    createListing,

    /** A match at 候補; a new listing and company unless their ids are given. */
    async createMatch(actor: Actor, overrides: Partial<Input<typeof MatchCreate>> = {}) {
      const listingId = overrides.listingId ?? (await createListing(actor)).id;
      const companyId = overrides.companyId ?? (await createCompany(actor)).id;
      return services.matches.create(
        actor,
        MatchCreate.parse({ origin: 'individual', ...overrides, listingId, companyId }),
      );
    },

    async createProgram(actor: Actor, overrides: Partial<Input<typeof ProgramCreate>> = {}) {
      return services.programs.create(actor, ProgramCreate.parse(buildProgram(overrides)));
    },
  };
}
export type Factories = ReturnType<typeof factories>;
