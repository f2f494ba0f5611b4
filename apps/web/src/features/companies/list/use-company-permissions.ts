import { useSession } from '../../../api/session';

const WRITERS = new Set(['admin', 'staff', 'coordinator']);

/**
 * What the current user may do with companies, mirroring the server's permissions
 * (the server still decides; this only hides buttons that would be refused).
 */
export function useCompanyPermissions() {
  const role = useSession().data?.user.role;
  return {
    /** Register, edit, archive, restore, import and export. */
    canWrite: role !== undefined && WRITERS.has(role),
    /** Partners do not see the audit history. */
    canReadHistory: role !== undefined && role !== 'partner',
  };
}
