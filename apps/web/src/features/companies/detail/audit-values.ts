import { findJsic, findMunicipality } from '@banso/shared';
import type { AuditEntryDto } from '../../../api/companies';
import { formatNumber, formatYen, type UiLanguage } from '../../../lib/format';

/**
 * Turning an audit entry's `changes` (company row fields, before → after) into rows a
 * person reads: Japanese field labels, code lists resolved to names, dates and yen formatted.
 */

/** Fields in the order the profile shows them; unknown fields follow, by name. */
export const FIELD_ORDER = [
  'corporateNumber',
  'name',
  'nameKana',
  'nameEn',
  'kind',
  'jsicCode',
  'foundedYear',
  'employees',
  'capitalYen',
  'website',
  'postalCode',
  'municipalityCode',
  'address',
  'businessDescription',
  'technologies',
  'products',
  'equipment',
  'needs',
  'representativeName',
  'representativeBirthYear',
  'successorStatus',
  'tags',
  'status',
  'closedOn',
  'closeReason',
  'successorCorporateNumber',
  'ntaUpdatedOn',
  'archivedAt',
] as const;

/** Bookkeeping fields that say nothing to a reader (ids, who created: shown on the entry). */
const HIDDEN = new Set([
  'id',
  'tenantId',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'version',
]);
const DATE_TIME_FIELDS = new Set(['archivedAt', 'createdAt', 'updatedAt']);
const DATE_FIELDS = new Set(['closedOn', 'ntaUpdatedOn']);

export interface ChangeRow {
  field: string;
  before: unknown;
  after: unknown;
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The entry's changes in display order, without bookkeeping fields; a creation lists only what was set. */
export function changeRows(entry: Pick<AuditEntryDto, 'changes'>): ChangeRow[] {
  const order = (field: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(field);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return Object.entries(entry.changes)
    .filter(([field, c]) => !HIDDEN.has(field) && !(isEmpty(c.before) && isEmpty(c.after)))
    .map(([field, c]) => ({ field, before: c.before, after: c.after }))
    .sort((a, b) => order(a.field) - order(b.field) || a.field.localeCompare(b.field));
}

/**
 * True for a creation (registered, or first seen by an import): the server diffs the new
 * row against nothing, so the id itself appears as changed from null.
 */
export const isCreation = (entry: Pick<AuditEntryDto, 'changes'>) => {
  const id = entry.changes.id;
  return id !== undefined && (id.before === null || id.before === undefined);
};

export interface ValueFormatters {
  language: UiLanguage;
  date: (value: string) => string;
  dateTime: (value: string) => string;
  /** Label of a code-list value ('kind.sme' → 中小企業), or undefined when unknown. */
  label: (key: string) => string | undefined;
}

/** One value as text: '—' for empty, lists joined with 、, codes resolved to names. */
export function formatAuditValue(field: string, value: unknown, f: ValueFormatters): string {
  if (isEmpty(value)) return '—';
  if (Array.isArray(value)) return value.map(String).join(f.language === 'en' ? ', ' : '、');
  if (typeof value === 'string') {
    if (field === 'kind') return f.label(`kind.${value}`) ?? value;
    if (field === 'successorStatus') return f.label(`successor.${value}`) ?? value;
    if (field === 'status') return f.label(`status.${value}`) ?? value;
    if (field === 'jsicCode') {
      const jsic = findJsic(value);
      return jsic ? `${value} ${f.language === 'en' ? jsic.nameEn : jsic.name}` : value;
    }
    if (field === 'municipalityCode') {
      const m = findMunicipality(value);
      return m ? `${m.prefecture} ${m.name}（${value}）` : value;
    }
    if (DATE_TIME_FIELDS.has(field)) return f.dateTime(value);
    if (DATE_FIELDS.has(field)) return f.date(value);
    if (field === 'postalCode' && /^\d{7}$/.test(value))
      return `〒${value.slice(0, 3)}-${value.slice(3)}`;
    return value;
  }
  if (typeof value === 'number') {
    if (field === 'capitalYen') return formatYen(value, f.language);
    if (field === 'employees') return formatNumber(value);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
