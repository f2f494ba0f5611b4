import { useCallback, useState } from 'react';

/** Columns the user can show or hide; the name is always shown. Order here is table order. */
export const OPTIONAL_COLUMNS = [
  'corporateNumber',
  'nameKana',
  'kind',
  'industry',
  'location',
  'employees',
  'capital',
  'representative',
  'updatedAt',
  'tags',
] as const;
export type ColumnKey = (typeof OPTIONAL_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly ColumnKey[] = [
  'kind',
  'industry',
  'location',
  'employees',
  'updatedAt',
];

export const COLUMNS_STORAGE_KEY = 'banso.companies.columns';

const isColumn = (v: unknown): v is ColumnKey =>
  typeof v === 'string' && (OPTIONAL_COLUMNS as readonly string[]).includes(v);

/** Stored choice, ignoring unknown names (a column may be renamed later); defaults when absent. */
export function readStoredColumns(): ColumnKey[] {
  try {
    const raw = localStorage.getItem(COLUMNS_STORAGE_KEY);
    if (raw === null) return [...DEFAULT_COLUMNS];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? sortColumns(parsed.filter(isColumn)) : [...DEFAULT_COLUMNS];
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

const sortColumns = (keys: readonly string[]): ColumnKey[] =>
  OPTIONAL_COLUMNS.filter((c) => keys.includes(c));

/** The columns shown in the company table, remembered in this browser. */
export function useColumnChoice(): [ColumnKey[], (next: readonly string[]) => void] {
  const [columns, setColumns] = useState<ColumnKey[]>(readStoredColumns);
  const update = useCallback((next: readonly string[]) => {
    const sorted = sortColumns(next);
    setColumns(sorted);
    try {
      localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(sorted));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  return [columns, update];
}
