import type { Role } from '@banso/shared';
import { AppError } from '../app-error';
import type { Actor } from '../context';

const WRITERS: Role[] = ['admin', 'staff', 'coordinator'];

/** Which roles may do what. Partners are further limited to their assigned companies. */
export const PERMISSIONS = {
  'companies:read': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'companies:write': WRITERS,
  'companies:import': WRITERS,
  'companies:export': WRITERS,
  'assignments:manage': WRITERS,
  'programs:read': ['admin', 'staff', 'coordinator', 'viewer'],
  'programs:write': WRITERS,
  'supporters:read': ['admin', 'staff', 'coordinator', 'viewer'],
  'supporters:write': WRITERS,
  'visits:read': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'visits:write': WRITERS,
  'follow-ups:complete': ['admin', 'staff', 'coordinator', 'partner'],
  'planner:read': ['admin', 'staff', 'coordinator', 'viewer'],
  'caravan-settings:write': ['admin'],
  'calendar:manage': WRITERS,
  'users:manage': ['admin'],
  'audit:read': ['admin'],
  'company-history:read': ['admin', 'staff', 'coordinator', 'viewer'],
  // Open patents and other listings are public offers: partners may read them too.
  'listings:read': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'listings:write': WRITERS,
  // Candidates rank the whole registry, so partners (scoped to assigned companies) never see them.
  'matching:read': ['admin', 'staff', 'coordinator', 'viewer'],
  'matching:decide': WRITERS,
  'matching-settings:write': ['admin'],
  'matches:read': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'matches:write': WRITERS,
  'profile:own': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'tokens:own': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  // A job is read by the person who started it; admins read every job of the organisation.
  'jobs:read': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'jobs:read-all': ['admin'],
  // Likewise cancelled by the person who started it, or by an admin.
  'jobs:cancel': ['admin', 'staff', 'coordinator', 'partner', 'viewer'],
  'jobs:cancel-all': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const can = (actor: Actor, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('forbidden', { log: `${actor.role} lacks ${permission}` });
  }
}
