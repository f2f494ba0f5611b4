/**
 * What a spreadsheet puts on the clipboard, and the numbers people type or paste.
 * Excel and LibreOffice copy a block as tab-separated rows (CRLF or LF), quoting a cell that
 * holds a tab, a line break or a quote ("a""b"). Numbers come as they are shown: 21,618 /
 * ２１，６１８ / 568歳 / ▲1,200 (a Japanese minus) / (1,200).
 */

/** Tab-separated rows as a grid of strings; a trailing line break adds no empty row. */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i += 1;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += ch;
    atCellStart = false;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Cells as a block to copy: tab-separated, quoted where needed. */
export function toClipboard(rows: string[][]): string {
  return rows
    .map((r) => r.map((c) => (/[\t\n\r"]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join('\t'))
    .join('\n');
}

export type ParsedFigure = { ok: true; value: number | null } | { ok: false };

const UNIT_SUFFIX = /(千円|万円|万人|円|件|人|歳|回|社|%)$/;
const PLAIN = /^\d+(?:\.\d+)?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * A figure as typed or pasted: '' and '—' are empty (null); thousands separators, full-width
 * digits, a unit suffix (件, 人, 千円, 万人, 歳 …) and Japanese negatives (▲, △, −, (…)) are
 * understood. Anything else is not a number.
 */
export function parseFigure(raw: string): ParsedFigure {
  let s = raw.normalize('NFKC').replace(/\s+/g, '');
  if (s === '' || s === '—' || s === '-' || s === '－' || s === '―')
    return { ok: true, value: null };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (/^[▲△\-−－]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  s = s.replace(UNIT_SUFFIX, '');
  if (!PLAIN.test(s) && !GROUPED.test(s)) return { ok: false };
  const value = Number(s.replaceAll(',', ''));
  if (!Number.isFinite(value)) return { ok: false };
  return { ok: true, value: negative && value !== 0 ? -value : value };
}
