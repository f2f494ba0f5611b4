import { describe, expect, it } from 'vitest';
import {
  classifyStatement,
  DUMP_FORMAT,
  DumpFormatError,
  type DumpHeader,
  formatHeader,
  formatTrailer,
  insertStatement,
  isInsertFor,
  parseHeader,
  parseTrailer,
  quoteIdent,
  quoteLiteral,
  setvalStatement,
  type TableShape,
} from './dump-format';

const header: DumpHeader = {
  format: DUMP_FORMAT,
  bansoVersion: '0.1.0',
  migration: '0000_init',
  migrationHash: 'b31c600f',
  createdAt: '2025-04-01T00:00:00.000Z',
  sourceDriver: 'pglite',
  sourceServer: 'PostgreSQL 18.6',
  excluded: [{ table: 'sessions', reason: 'ephemeral: log in again' }],
  rows: [
    { table: 'tenants', count: 2 },
    { table: 'companies', count: 100000 },
  ],
};

const companies: TableShape = {
  name: 'companies',
  columns: ['tenant_id', 'id', 'name'],
  identityColumns: [],
  jsonColumns: [],
};
const audit: TableShape = {
  name: 'audit_log',
  columns: ['tenant_id', 'id', 'changes'],
  identityColumns: ['id'],
  jsonColumns: ['changes'],
};

describe('dump header', () => {
  it('round-trips through its text form, every line a SQL comment', () => {
    const text = formatHeader(header);
    const lines = text.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('-- '))).toBe(true);
    expect(parseHeader(lines)).toEqual(header);
  });

  it('says plainly when a file is not a Banso dump or of another format', () => {
    expect(() => parseHeader(['-- PostgreSQL database dump'])).toThrow(DumpFormatError);
    expect(() => parseHeader(['-- format: banso-dump/9'])).toThrow(
      /unsupported dump format banso-dump\/9/,
    );
    expect(() => parseHeader([`-- format: ${DUMP_FORMAT}`])).toThrow(/lacks "-- banso-version:"/);
  });

  it('keeps the source server on one line', () => {
    const text = formatHeader({ ...header, sourceServer: 'PostgreSQL 15.8\non Debian' });
    expect(parseHeader(text.split('\n')).sourceServer).toBe('PostgreSQL 15.8 on Debian');
  });
});

describe('statements', () => {
  it('writes one INSERT per line with quotes doubled, and recognises exactly what it wrote', () => {
    const json = JSON.stringify([
      { tenant_id: 't', id: 'i', name: 'O\'Reilly 髙﨑製作所 \\ back"slash' },
    ]);
    const line = insertStatement(companies, json);
    expect(line.endsWith(');\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line).toContain("O''Reilly");
    expect(line).toContain(`FROM json_populate_recordset(NULL::"companies", '[`);
    const statement = line.slice(0, -1);
    expect(classifyStatement(statement)).toEqual({ kind: 'insert', table: 'companies' });
    expect(isInsertFor(statement, companies)).toBe(true);
  });

  it('inserts identity columns with OVERRIDING SYSTEM VALUE and unwraps json columns', () => {
    const line = insertStatement(audit, '[{"tenant_id":"t","id":1,"changes":[{}]}]');
    expect(line).toContain(
      'OVERRIDING SYSTEM VALUE SELECT "tenant_id", "id", ("changes" -> 0) FROM',
    );
    expect(isInsertFor(line.trimEnd(), audit)).toBe(true);
  });

  it('refuses rows with a raw newline (they would break the one-statement-per-line format)', () => {
    expect(() => insertStatement(companies, '[{"name":"a\nb"}]')).toThrow(/raw newline/);
  });

  it('does not take a smuggled statement for a dump INSERT', () => {
    const good = insertStatement(companies, '[]').trimEnd();
    const prefix = good.slice(0, good.indexOf("'[") + 1);
    const smuggled = `${prefix}[]'); DROP TABLE users; --');`;
    expect(isInsertFor(smuggled, companies)).toBe(false);
    // Same statement for another table's shape, or with other columns.
    expect(isInsertFor(good, audit)).toBe(false);
    expect(isInsertFor(good, { ...companies, columns: ['tenant_id', 'id'] })).toBe(false);
    expect(classifyStatement('DROP TABLE users;')).toBeNull();
    expect(classifyStatement("SELECT setval('x', 1);")).toBeNull();
  });

  it('resets identity sequences with a statement it recognises', () => {
    const line = setvalStatement('audit_log', 'id').trimEnd();
    expect(line).toBe(
      `SELECT setval(pg_get_serial_sequence('"audit_log"', 'id'), coalesce(max("id"), 0) + 1, false) FROM "audit_log";`,
    );
    expect(classifyStatement(line)).toEqual({ kind: 'setval', table: 'audit_log', column: 'id' });
    expect(classifyStatement(line.replace('FROM "audit_log"', 'FROM "users"'))).toBeNull();
  });

  it('quotes identifiers and literals, and rejects identifiers it did not expect', () => {
    expect(quoteIdent('company_assignments')).toBe('"company_assignments"');
    expect(() => quoteIdent('x"; drop')).toThrow();
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });

  it('marks the end with the total row count', () => {
    expect(parseTrailer(formatTrailer(123).trimEnd())).toEqual({ format: DUMP_FORMAT, rows: 123 });
    expect(parseTrailer('-- end: banso-dump/1')).toBeNull();
  });
});
