/**
 * Spreadsheet formula injection guard for exported cells (OWASP "CSV injection"): a cell that
 * starts with = + - @, a tab or a carriage return would run as a formula when the file is opened
 * in Excel, so it is written with a leading apostrophe. Japanese Excel reads the full-width
 * forms ＝ ＋ － ＠ as the same operators, so they are guarded too, and so is the minus sign −
 * (U+2212), which Shift_JIS writes as the same byte as － (an unguarded − would come back from a
 * Shift_JIS file as a guarded －, and the second export would differ from the first). A cell that itself starts with an
 * apostrophe gets one more, so the rule is exactly reversible and export → import → export
 * keeps the bytes.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'", '＝', '＋', '－', '＠', '−']);

export function escapeFormula(cell: string): string {
  return cell !== '' && TRIGGERS.has(cell.charAt(0)) ? `'${cell}` : cell;
}

/** The inverse of escapeFormula: drops one apostrophe, only where escapeFormula added it. */
export function unescapeFormula(cell: string): string {
  return cell.charAt(0) === "'" && TRIGGERS.has(cell.charAt(1)) ? cell.slice(1) : cell;
}
