import { BANSO_CSV_COLUMNS } from '@banso/shared';

/**
 * The Banso company CSV: one header row of Japanese column titles, then one company per row.
 *
 * - Columns in this fixed order on export; on import any order, and the English field names
 *   (`corporateNumber`, `name`, …) are accepted as header aliases. Titles compare after NFKC, so
 *   `資本金（円）` equals `資本金(円)`.
 * - List fields (技術, 製品, 設備, ニーズ, タグ) hold their items joined with '; ' (semicolon and
 *   space); on import they split at every ';' and items are trimmed. A ';' inside an item is
 *   exported as the full-width '；' so that it stays one item.
 * - Enumerations in their code form: 種別 sme/large/…, 後継者 unknown/decided/…, 状態 active/closed.
 * - Numbers as plain digits, dates as YYYY-MM-DD, empty cell = no value.
 * - `ID` is Banso's company id: re-importing an exported file updates the same companies.
 */
export type ColumnKind = 'text' | 'integer' | 'list' | 'code' | 'date' | 'id';

/** The column list lives in the shared contracts, so the web app's column mapping uses it too. */
export const BANSO_COLUMNS: typeof BANSO_CSV_COLUMNS = BANSO_CSV_COLUMNS;

export type BansoColumn = (typeof BANSO_COLUMNS)[number];
export type BansoField = BansoColumn['key'];

export const LIST_SEPARATOR = '; ';

const headerForm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

const byHeader = new Map<string, BansoColumn>();
for (const column of BANSO_COLUMNS) {
  byHeader.set(headerForm(column.title), column);
  byHeader.set(headerForm(column.key), column);
}

/** The column a header cell (Japanese title or English field name) names, if any. */
export function findBansoColumn(header: string): BansoColumn | undefined {
  return byHeader.get(headerForm(header));
}

/** A list cell's items: split at ';', trimmed, empty items dropped. */
export const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A list's cell: items joined with '; ', a ';' inside an item written as '；'. */
export const joinList = (items: readonly string[]): string =>
  items.map((item) => item.replaceAll(';', '；')).join(LIST_SEPARATOR);

/**
 * An integer cell as a number: NFKC, thousands separators and spaces removed ('1,200' → 1200).
 * Anything that is not an integer is returned as text, so the contract reports it.
 */
export function parseIntegerCell(cell: string): number | string | null {
  const s = cell.normalize('NFKC').replace(/[,\s]/g, '');
  if (s === '') return null;
  return /^[+-]?\d{1,16}$/.test(s) ? Number(s) : cell;
}

/** A date cell: 'YYYY-MM-DD', also 'YYYY/M/D' as Excel rewrites dates; other text unchanged. */
export function parseDateCell(cell: string): string | null {
  const s = cell.normalize('NFKC').trim();
  if (s === '') return null;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : s;
}

/** The cell text of a stored value, by column kind (the inverse of the parsers above). */
export function formatCell(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'list') return joinList(value as readonly string[]);
  return String(value);
}
