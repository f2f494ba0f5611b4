import { normalizeLgCode } from '@banso/shared';
import {
  type BansoColumn,
  findBansoColumn,
  parseDateCell,
  parseIntegerCell,
  splitList,
} from './banso-columns';
import type { ColumnMapping } from './column-mapping';
import type { CsvRecord } from './csv-records';
import { unescapeFormula } from './formula-escape';
import type { DataField } from './import-row';
import { ImportFileError, MESSAGES, type RowError } from './row-error';
import { REPLACEMENT_CHARACTER } from './text-decode';

/** Which file column feeds which Banso field. */
export interface BansoLayout {
  width: number;
  columns: { index: number; column: BansoColumn }[];
}

const headerForm = (s: string) => s.normalize('NFKC').trim();

/**
 * Reads the header row. Without a mapping every non-empty header must be a Banso column (title
 * or English name). With a mapping, mapped fields take their source column, other columns whose
 * header is a Banso title are used as they are, and the rest are ignored. 名称 is required.
 * Throws ImportFileError (line 1) listing every problem.
 */
export function resolveBansoHeader(header: CsvRecord, mapping: ColumnMapping | null): BansoLayout {
  const errors: RowError[] = [];
  const fail = (field: string | undefined, message: RowError['message'], code: RowError['code']) =>
    errors.push({ line: header.line, ...(field ? { field } : {}), code, message });
  const columns: BansoLayout['columns'] = [];
  const taken = new Set<string>();
  const sources = new Set<number>();

  if (mapping) {
    const names = header.fields.map(headerForm);
    for (const [field, source] of mapping) {
      const index = names.indexOf(headerForm(source));
      const column = findBansoColumn(field);
      if (column) taken.add(column.key);
      if (index < 0 || !column) fail(field, MESSAGES.mappedColumnMissing(source), 'required');
      else {
        columns.push({ index, column });
        sources.add(index);
      }
    }
  }
  header.fields.forEach((name, index) => {
    if (sources.has(index) || name.trim() === '') return;
    const column = findBansoColumn(name);
    if (!column) {
      if (!mapping) fail(undefined, MESSAGES.unknownColumn(name.trim()), 'unknown_field');
      return;
    }
    if (taken.has(column.key)) {
      if (!mapping) fail(column.key, MESSAGES.duplicateColumn(name.trim()), 'invalid_value');
      return;
    }
    taken.add(column.key);
    columns.push({ index, column });
  });
  if (!taken.has('name')) fail('name', MESSAGES.missingColumn('名称'), 'required');
  if (errors.length > 0) throw new ImportFileError(errors);
  return { width: header.fields.length, columns };
}

export interface BansoRowInput {
  input: Record<string, unknown>;
  owned: DataField[];
  /** 6-digit code or null, for the municipality filter. */
  municipalityCode: string | null;
  errors: RowError[];
}

function cellValue(column: BansoColumn, cell: string): unknown {
  switch (column.kind) {
    case 'integer':
      return parseIntegerCell(cell);
    case 'list':
      return splitList(cell);
    case 'date':
      return parseDateCell(cell);
    case 'code':
    case 'id':
      return cell.trim() === '' ? undefined : cell.trim().toLowerCase();
    case 'text':
      if (column.key === 'municipalityCode') return normalizeLgCode(cell) ?? cell;
      return cell;
  }
}

/** One data row of a Banso CSV as contract input; `owned` lists the fields the file sets. */
export function bansoRowInput(layout: BansoLayout, record: CsvRecord): BansoRowInput {
  const errors: RowError[] = [];
  const input: Record<string, unknown> = {};
  const owned: DataField[] = [];
  if (record.fields.length !== layout.width) {
    errors.push({
      line: record.line,
      field: '(row)',
      code: 'invalid_format',
      message: MESSAGES.columnCount(layout.width, record.fields.length),
    });
    return { input, owned, municipalityCode: null, errors };
  }
  for (const { index, column } of layout.columns) {
    const cell = unescapeFormula(record.fields[index] ?? '');
    if (cell.includes(REPLACEMENT_CHARACTER)) {
      errors.push({
        line: record.line,
        field: column.key,
        code: 'invalid_format',
        message: MESSAGES.undecodable,
      });
      continue;
    }
    const value = cellValue(column, cell);
    if (value === undefined) continue;
    input[column.key] = value;
    if (column.key !== 'id') owned.push(column.key);
  }
  const municipality = input.municipalityCode;
  return {
    input,
    owned,
    municipalityCode: typeof municipality === 'string' ? normalizeLgCode(municipality) : null,
    errors,
  };
}
