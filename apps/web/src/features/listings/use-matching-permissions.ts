import { useSession } from '../../api/session';

const WRITERS = new Set(['admin', 'staff', 'coordinator']);

/**
 * What the current user may do in matching, mirroring the server's permissions
 * (apps/server/src/features/auth/permissions.ts; the server still decides, this only hides what
 * would be refused): every role reads listings and matches; partners never see candidates
 * (they rank the whole registry); writers edit listings, decide on candidates and move matches.
 */
export function useMatchingPermissions() {
  const role = useSession().data?.user.role;
  const writer = role !== undefined && WRITERS.has(role);
  return {
    canWriteListings: writer,
    canReadCandidates: role !== undefined && role !== 'partner',
    canDecide: writer,
    canWriteMatches: writer,
    /** The organisation's matching settings (partner regions): admins only. */
    canConfigureMatching: role === 'admin',
    /** Supporters and programs (for the coordinator and program of a match). */
    canReadDirectory: role !== undefined && role !== 'partner',
  };
}
