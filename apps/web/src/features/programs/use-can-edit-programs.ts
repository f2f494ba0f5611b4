import { useSession } from '../../api/session';

/** Roles that may create and edit programs and KPIs (the API's `programs:write`). */
const WRITERS = new Set(['admin', 'staff', 'coordinator']);

export function useCanEditPrograms(): boolean {
  const role = useSession().data?.user.role;
  return role !== undefined && WRITERS.has(role);
}
