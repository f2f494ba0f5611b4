/** Fields never written to the audit log (secrets, derived search columns). */
const HIDDEN = new Set([
  'passwordHash',
  'searchText',
  'searchTokens',
  'kanaSort',
  'updatedAt',
  'updatedBy',
  'version',
]);

export type Changes = Record<string, { before: unknown; after: unknown }>;

const normalise = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : v === undefined ? null : v;

/** The changed fields between two versions of a record, before and after. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Changes {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const key of keys) {
    if (HIDDEN.has(key) || key === 'tenantId') continue;
    const b = normalise(before?.[key]);
    const a = normalise(after?.[key]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = { before: b, after: a };
  }
  return changes;
}
