import { COMPANY_KINDS, type CompanyKind } from '@banso/shared';
import type { CompanyQuery } from '../../../api/companies';

/**
 * The list page's state lives in the URL query string, so the header's search
 * (`/companies?q=…`), links and back/forward all land on the same list:
 * `q kind jsic municipality tag archived=1 sort=updated limit cursor`.
 * Defaults are left out of the URL.
 */

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
export type ListSort = 'kana' | 'updated';

export interface ListState {
  q: string;
  kind: CompanyKind | null;
  /** JSIC division letter (大分類 A–T) or 2-digit major group (中分類 09). */
  jsic: string | null;
  /** Municipality code (6 digits) or 2-digit prefecture code. */
  municipality: string | null;
  tag: string;
  includeArchived: boolean;
  sort: ListSort;
  limit: PageSize;
  /** The page's cursor; null for the first page. */
  cursor: string | null;
}

export type ListFilters = Omit<ListState, 'cursor'>;

const isKind = (v: string | null): v is CompanyKind =>
  v !== null && (COMPANY_KINDS as readonly string[]).includes(v);

export function readListParams(params: URLSearchParams): ListState {
  const limit = Number(params.get('limit'));
  const jsic = params.get('jsic')?.trim().toUpperCase() ?? '';
  const municipality = params.get('municipality')?.trim() ?? '';
  const kind = params.get('kind');
  return {
    q: params.get('q')?.trim() ?? '',
    kind: isKind(kind) ? kind : null,
    jsic: /^[A-T]$|^\d{2}$/.test(jsic) ? jsic : null,
    municipality: /^\d{2}$|^\d{5,6}$/.test(municipality) ? municipality : null,
    tag: params.get('tag')?.trim() ?? '',
    includeArchived: params.get('archived') === '1',
    sort: params.get('sort') === 'updated' ? 'updated' : 'kana',
    limit: (PAGE_SIZES as readonly number[]).includes(limit)
      ? (limit as PageSize)
      : DEFAULT_PAGE_SIZE,
    cursor: params.get('cursor') || null,
  };
}

export function writeListParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.kind) params.set('kind', state.kind);
  if (state.jsic) params.set('jsic', state.jsic);
  if (state.municipality) params.set('municipality', state.municipality);
  if (state.tag) params.set('tag', state.tag);
  if (state.includeArchived) params.set('archived', '1');
  if (state.sort !== 'kana') params.set('sort', state.sort);
  if (state.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(state.limit));
  if (state.cursor) params.set('cursor', state.cursor);
  return params;
}

/** The API request for a list state. */
export function toCompanyQuery(state: ListState): CompanyQuery {
  return {
    q: state.q || undefined,
    kind: state.kind ?? undefined,
    jsic: state.jsic ?? undefined,
    municipality: state.municipality ?? undefined,
    tag: state.tag || undefined,
    includeArchived: state.includeArchived ? 'true' : undefined,
    sort: state.sort,
    limit: state.limit,
    cursor: state.cursor ?? undefined,
  };
}

/** True when a search or filter narrows the list (an empty list then means "no hits"). */
export function hasFilters(state: ListFilters): boolean {
  return Boolean(state.q || state.kind || state.jsic || state.municipality || state.tag);
}

export const EMPTY_FILTERS: Pick<ListState, 'q' | 'kind' | 'jsic' | 'municipality' | 'tag'> = {
  q: '',
  kind: null,
  jsic: null,
  municipality: null,
  tag: '',
};
