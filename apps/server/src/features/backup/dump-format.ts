/**
 * The Banso dump format (pure: no I/O). A dump is plain SQL text, UTF-8,
 * gzip-compressed when the file name ends in `.gz`:
 *
 *   -- header lines `-- key: value` (format, versions, migration, row counts)
 *   INSERT INTO "t" (cols) SELECT cols FROM json_populate_recordset(NULL::"t", '<json array>');
 *     (json/jsonb values are wrapped as `[value]` and unwrapped with `-> 0`, see TableShape)
 *   … one statement per line, ~1,000 rows each, tables parents first …
 *   SELECT setval(…);            -- identity sequences follow the restored ids
 *   -- end: banso-dump/1 rows=<total>
 *
 * Every statement is exactly one line: the JSON comes from `to_jsonb(row)::text`,
 * whose output never contains a raw newline (newlines inside strings are
 * escaped). So a reader can stream the file line by line, and a missing
 * trailer means the file was cut short. The SQL is accepted by PostgreSQL 15
 * and by PGlite (PostgreSQL 18) alike; `psql -v ON_ERROR_STOP=1 -1 -f` runs it
 * too (standard_conforming_strings must be on, the default).
 */
export const DUMP_FORMAT = 'banso-dump/1';

export interface DumpHeader {
  format: string;
  bansoVersion: string;
  /** Tag of the newest applied migration (e.g. 0000_init). */
  migration: string;
  /** Drizzle's sha256 of that migration's SQL; restore requires the same. */
  migrationHash: string;
  createdAt: string;
  sourceDriver: string;
  sourceServer: string;
  /** Tables deliberately left out, with the reason. */
  excluded: { table: string; reason: string }[];
  /** Tables in restore order with their row counts. */
  rows: { table: string; count: number }[];
}

const KEY_LINE = /^-- ([a-z][a-z0-9-]*): (.*)$/;
const ROWS_LINE = /^-- rows ([a-z_][a-z0-9_]*): (\d+)$/;
const EXCLUDED_LINE = /^-- excluded ([a-z_][a-z0-9_]*): (.*)$/;
const TRAILER_LINE = /^-- end: (\S+) rows=(\d+)$/;
const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Identifiers in a dump are plain lower-case names (the schema's), always quoted. */
export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`unexpected identifier in dump: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** A SQL string literal (standard_conforming_strings = on: only quotes are doubled). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function formatHeader(h: DumpHeader): string {
  const lines = [
    '-- Banso database dump. Restore with: banso restore <file>',
    '-- Portable SQL, one statement per line; restores into PGlite or PostgreSQL 15+.',
    `-- format: ${h.format}`,
    `-- banso-version: ${h.bansoVersion}`,
    `-- migration: ${h.migration}`,
    `-- migration-hash: ${h.migrationHash}`,
    `-- created-at: ${h.createdAt}`,
    `-- source-driver: ${h.sourceDriver}`,
    `-- source-server: ${h.sourceServer.replace(/\s+/g, ' ')}`,
    ...h.excluded.map((e) => `-- excluded ${e.table}: ${e.reason}`),
    ...h.rows.map((r) => `-- rows ${r.table}: ${r.count}`),
  ];
  return `${lines.join('\n')}\n`;
}

export class DumpFormatError extends Error {
  override name = 'DumpFormatError';
}

/** Parses the header lines (the leading `--` comment block). */
export function parseHeader(lines: readonly string[]): DumpHeader {
  const values = new Map<string, string>();
  const rows: DumpHeader['rows'] = [];
  const excluded: DumpHeader['excluded'] = [];
  for (const line of lines) {
    const r = ROWS_LINE.exec(line);
    if (r?.[1] && r[2]) {
      rows.push({ table: r[1], count: Number(r[2]) });
      continue;
    }
    const e = EXCLUDED_LINE.exec(line);
    if (e?.[1] && e[2] !== undefined) {
      excluded.push({ table: e[1], reason: e[2] });
      continue;
    }
    const kv = KEY_LINE.exec(line);
    if (kv?.[1] && kv[2] !== undefined) values.set(kv[1], kv[2]);
  }
  const format = values.get('format');
  if (format === undefined)
    throw new DumpFormatError('not a Banso dump: no "-- format:" header line');
  if (format !== DUMP_FORMAT)
    throw new DumpFormatError(
      `unsupported dump format ${format} (this Banso reads ${DUMP_FORMAT})`,
    );
  const need = (key: string) => {
    const v = values.get(key);
    if (v === undefined) throw new DumpFormatError(`dump header lacks "-- ${key}:"`);
    return v;
  };
  return {
    format,
    bansoVersion: need('banso-version'),
    migration: need('migration'),
    migrationHash: need('migration-hash'),
    createdAt: need('created-at'),
    sourceDriver: need('source-driver'),
    sourceServer: need('source-server'),
    excluded,
    rows,
  };
}

export const formatTrailer = (totalRows: number) => `-- end: ${DUMP_FORMAT} rows=${totalRows}\n`;

export function parseTrailer(line: string): { format: string; rows: number } | null {
  const m = TRAILER_LINE.exec(line);
  return m?.[1] && m[2] ? { format: m[1], rows: Number(m[2]) } : null;
}

export interface TableShape {
  name: string;
  /** Columns the dump writes (generated columns are left out). */
  columns: string[];
  /** Identity columns: the insert overrides them and the sequence is reset afterwards. */
  identityColumns: string[];
  /**
   * json/jsonb columns. Their values are wrapped in a one-element array in the
   * dump (`[value]`) and unwrapped with `-> 0` on insert: json_populate_recordset
   * would otherwise turn a stored JSON `null` into SQL NULL.
   */
  jsonColumns: string[];
}

/** Everything of an INSERT up to the opening quote of its JSON literal. */
function insertPrefix(table: TableShape): string {
  const cols = table.columns.map(quoteIdent).join(', ');
  const values = table.columns
    .map((c) => (table.jsonColumns.includes(c) ? `(${quoteIdent(c)} -> 0)` : quoteIdent(c)))
    .join(', ');
  const overriding = table.identityColumns.length > 0 ? ' OVERRIDING SYSTEM VALUE' : '';
  return (
    `INSERT INTO ${quoteIdent(table.name)} (${cols})${overriding} SELECT ${values} ` +
    `FROM json_populate_recordset(NULL::${quoteIdent(table.name)}, '`
  );
}
const INSERT_SUFFIX = "');";

/** One INSERT of a chunk of rows; `jsonArray` is a JSON array of row objects (no newlines). */
export function insertStatement(table: TableShape, jsonArray: string): string {
  if (jsonArray.includes('\n')) {
    throw new Error(
      `rows of ${table.name} contain a raw newline: the one-statement-per-line format cannot hold them`,
    );
  }
  return `${insertPrefix(table)}${jsonArray.replaceAll("'", "''")}${INSERT_SUFFIX}\n`;
}

/**
 * Is `line` exactly an INSERT the writer would produce for this table (same
 * columns, one properly quoted literal)? Checked before a restore runs it.
 */
export function isInsertFor(line: string, table: TableShape): boolean {
  const prefix = insertPrefix(table);
  if (!line.startsWith(prefix) || !line.endsWith(INSERT_SUFFIX)) return false;
  const literal = line.slice(prefix.length, line.length - INSERT_SUFFIX.length);
  // Every quote inside the literal is doubled (a lone quote would end it early).
  return literal.startsWith('[') && !literal.replaceAll("''", '').includes("'");
}

/** Moves an identity sequence past the restored ids (or back to its start when the table is empty). */
export function setvalStatement(table: string, column: string): string {
  const t = quoteIdent(table);
  const c = quoteIdent(column);
  return (
    `SELECT setval(pg_get_serial_sequence(${quoteLiteral(t)}, ${quoteLiteral(column)}), ` +
    `coalesce(max(${c}), 0) + 1, false) FROM ${t};\n`
  );
}

export type DumpStatement =
  | { kind: 'insert'; table: string }
  | { kind: 'setval'; table: string; column: string };

const INSERT_PREFIX = /^INSERT INTO "([a-z_][a-z0-9_]*)" \(/;
const SETVAL_LINE =
  /^SELECT setval\(pg_get_serial_sequence\('"([a-z_][a-z0-9_]*)"', '([a-z_][a-z0-9_]*)'\), coalesce\(max\("\2"\), 0\) \+ 1, false\) FROM "\1";$/;

/**
 * Classifies one statement line of a dump by its table. Only the two forms the
 * writer produces are recognised; the restore then checks an INSERT in full
 * against the target's table shape (isInsertFor), so it never runs arbitrary SQL.
 */
export function classifyStatement(line: string): DumpStatement | null {
  const s = SETVAL_LINE.exec(line);
  if (s?.[1] && s[2]) return { kind: 'setval', table: s[1], column: s[2] };
  const i = INSERT_PREFIX.exec(line);
  return i?.[1] ? { kind: 'insert', table: i[1] } : null;
}
