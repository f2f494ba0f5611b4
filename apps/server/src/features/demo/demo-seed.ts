import { randomInt } from 'node:crypto';
import {
  CompanyCreate,
  type CompanyId,
  type Role,
  type TenantId,
  type UserId,
} from '@banso/shared';
import type { Actor } from '../../context';
import type { Services } from '../../services';
import { loadPrograms } from '../programs/seed/load-programs';
import { type DemoCaravanResult, seedDemoCaravan } from './demo-caravan';
import { generateDemoCompanies } from './demo-companies';
import { type DemoMatchingResult, seedDemoMatching } from './demo-matching';

/**
 * `banso demo`: a fictional organisation to try Banso with — its admin, a staff member and a
 * partner (金融機関) user who sees only the companies assigned to them, and a few hundred
 * fictional companies from generateDemoCompanies, and the six programs (事業) of the Kawasaki
 * KPI report with every figure (real published data, not fictional). Everything goes through
 * the same services as the API (validation, audit log). It refuses when the organisation 'demo'
 * already exists.
 */

export const DEMO_ORGANIZATION = {
  slug: 'demo',
  name: '川崎市 デモ支援機関（架空）',
  nameEn: 'Kawasaki demo support office (fictional)',
} as const;

export const DEMO_USERS = [
  { key: 'admin', email: 'demo@banso.example', displayName: 'デモ 管理者（架空）', role: 'admin' },
  {
    key: 'staff',
    email: 'demo-staff@banso.example',
    displayName: 'デモ 職員（架空）',
    role: 'staff',
  },
  {
    key: 'partner',
    email: 'demo-partner@banso.example',
    displayName: 'デモ 金融機関担当（架空）',
    role: 'partner',
  },
] as const satisfies readonly { key: string; email: string; displayName: string; role: Role }[];

export const DEMO_DEFAULT_COMPANIES = 300;
/** Companies assigned to the staff and partner users each (fewer when there are fewer companies). */
export const DEMO_ASSIGNED_COMPANIES = 5;

export interface SeedDemoOptions {
  companies?: number;
  seed?: number;
  /** Password of all three demo users; a random one is made (and returned) when omitted. */
  password?: string;
  onProgress?: (created: number, total: number) => void;
}

export interface SeedDemoUser {
  email: string;
  role: Role;
  displayName: string;
  /** Names of the companies assigned to this user. */
  assigned: string[];
}

export type SeedDemoResult =
  | { status: 'exists'; tenant: { id: TenantId; slug: string; name: string } }
  | {
      status: 'created';
      tenant: { id: TenantId; slug: string; name: string };
      password: string;
      users: SeedDemoUser[];
      companies: number;
      /** Programs (事業) loaded from the Kawasaki KPI report, and their KPIs. */
      programs: number;
      kpis: number;
      /** Supporters, a year of visits and follow-ups (出張キャラバン隊). */
      caravan: DemoCaravanResult;
      matching: DemoMatchingResult;
    };

/** Letters and digits without look-alikes (0/O, 1/l/I), so the password can be typed from a screen. */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from a 56-letter alphabet (about 93 bits). */
export const randomDemoPassword = () =>
  Array.from({ length: 16 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');

export async function seedDemo(
  services: Pick<
    Services,
    | 'users'
    | 'companies'
    | 'programs'
    | 'supporters'
    | 'visits'
    | 'followUps'
    | 'listings'
    | 'matches'
  >,
  options: SeedDemoOptions = {},
): Promise<SeedDemoResult> {
  const existing = await services.users.findOrganization(DEMO_ORGANIZATION.slug);
  if (existing) return { status: 'exists', tenant: existing };

  const count = options.companies ?? DEMO_DEFAULT_COMPANIES;
  const password = options.password ?? randomDemoPassword();
  // Generate and validate before writing anything, so a bad option fails with nothing created.
  const companies = generateDemoCompanies(count, options.seed ?? 1).map((c) =>
    CompanyCreate.parse(c),
  );

  const [adminUser, ...others] = DEMO_USERS;
  const { tenant, admin } = await services.users.createOrganization(
    {
      ...DEMO_ORGANIZATION,
      admin: { email: adminUser.email, displayName: adminUser.displayName, password },
    },
    'banso demo',
  );
  const actor: Actor = {
    tenantId: tenant.id,
    userId: admin.id,
    role: 'admin',
    label: 'banso demo',
    via: 'cli',
  };

  const users: SeedDemoUser[] = [
    { email: admin.email, role: 'admin', displayName: admin.displayName, assigned: [] },
  ];
  const ids: UserId[] = [];
  for (const u of others) {
    const row = await services.users.create(actor, {
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      password,
    });
    users.push({ email: row.email, role: u.role, displayName: row.displayName, assigned: [] });
    ids.push(row.id);
  }

  const created: { id: CompanyId; name: string }[] = [];
  for (const company of companies) {
    const row = await services.companies.create(actor, company);
    created.push({ id: row.id, name: row.name });
    options.onProgress?.(created.length, companies.length);
  }

  // Staff and partner each get a spread of companies: every k-th one, the partner offset by one.
  const step = Math.max(1, Math.floor(created.length / DEMO_ASSIGNED_COMPANIES));
  for (const [i, userId] of ids.entries()) {
    const user = users[i + 1];
    for (let k = 0; k < DEMO_ASSIGNED_COMPANIES; k++) {
      const company = created[(k * step + i) % Math.max(1, created.length)];
      if (!company || !user || user.assigned.includes(company.name)) continue;
      await services.companies.assign(actor, company.id, userId);
      user.assigned.push(company.name);
    }
  }

  const programs = await loadPrograms(services.programs, actor);
  const matching = await seedDemoMatching(
    services,
    actor,
    created.map((c, i) => ({
      id: c.id,
      technologies: companies[i]?.technologies ?? [],
      products: companies[i]?.products ?? [],
    })),
  );
  const caravan = await seedDemoCaravan(services, actor, {
    companies: created,
    logins: { staff: ids[0], partner: ids[1] },
    partnerCompanies: created.filter((c) => users[2]?.assigned.includes(c.name)).map((c) => c.id),
    today: new Date(),
    seed: options.seed ?? 1,
  });

  return {
    status: 'created',
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    password,
    users,
    companies: created.length,
    programs: programs.length,
    kpis: programs.reduce((n, p) => n + p.kpis, 0),
    caravan,
    matching,
  };
}
