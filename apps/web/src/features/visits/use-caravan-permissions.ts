import { useSession } from '../../api/session';

const WRITERS = new Set(['admin', 'staff', 'coordinator']);

/** What the current user may do in the caravan, mirroring the server (which still decides). */
export function useCaravanPermissions() {
  const role = useSession().data?.user.role;
  return {
    /** Record and edit visits, manage supporters (visits:write, supporters:write). */
    canWrite: role !== undefined && WRITERS.has(role),
    /** Complete follow-ups (partners too). */
    canCompleteFollowUps: role !== undefined && role !== 'viewer',
    /** Planner and supporters are not for partners. */
    canPlan: role !== undefined && role !== 'partner',
    /** The category taxonomy and the annual target (caravan-settings:write). */
    canConfigure: role === 'admin',
  };
}
