import { fieldErrorMessage, isStorableText } from '@banso/shared';
import { type BansoLayout, bansoRowInput, resolveBansoHeader } from './banso-row';
import type { ColumnMapping } from './column-mapping';
import { type CsvRecord, CsvSyntaxError } from './csv-records';
import { type DataField, type ImportRow, validateImportRow } from './import-row';
import { looksLikeNtaApiHeader, looksLikeNtaRecord, ntaRowInput } from './nta-row';
import { ImportFileError, MESSAGES, type RowError } from './row-error';

export type ImportFormat = 'banso' | 'nta';

/** What one record of the file turned into. */
export type RowEvent =
  | { kind: 'row'; row: ImportRow }
  /** A row left out on purpose: outside the municipality filter, or 国税庁 history (最新履歴 0). */
  | { kind: 'skipped'; line: number }
  | { kind: 'invalid'; line: number; errors: RowError[] };

export interface RowStreamOptions {
  format: 'auto' | ImportFormat;
  mapping: ColumnMapping | null;
  municipality: ((code6: string | null) => boolean) | null;
}

type RowInput = {
  input: Record<string, unknown>;
  owned: DataField[];
  municipalityCode: string | null;
  errors: RowError[];
};

/**
 * The text policy for files (packages/shared/src/text-policy.ts): a cell with a NUL character
 * is refused with `unsupported_character` on its line (the database cannot store it, and the
 * import record's error list could not either), naming the column when the header gave one.
 */
function unstorableCell(record: CsvRecord, layout: BansoLayout | null): RowError | null {
  const index = record.fields.findIndex((f) => !isStorableText(f));
  if (index < 0) return null;
  const column = layout?.columns.find((c) => c.index === index)?.column;
  return {
    line: record.line,
    field: column?.key ?? '(row)',
    code: 'unsupported_character',
    message: fieldErrorMessage('unsupported_character'),
  };
}

const syntaxError = (error: CsvSyntaxError) =>
  new ImportFileError([
    {
      line: error.line,
      field: '(file)',
      code: error.limit?.code ?? 'invalid_format',
      message: error.limit?.message ?? MESSAGES.csvSyntax(error.reason),
    },
  ]);

/**
 * Turns a file's records into validated rows, the same way on every pass (so a second pass and
 * a resumed run see exactly the rows and errors the first pass saw): detects the format from
 * the first record, reads the header, filters by municipality, validates every row with the
 * contract and reports a 法人番号 or ID that appears twice in the file (the later row).
 * Throws ImportFileError for problems that make the whole file unusable.
 */
export async function openRowStream(
  records: AsyncGenerator<CsvRecord>,
  options: RowStreamOptions,
): Promise<{ format: ImportFormat; events: AsyncGenerator<RowEvent> }> {
  const next = async () => {
    try {
      return await records.next();
    } catch (error) {
      throw error instanceof CsvSyntaxError ? syntaxError(error) : error;
    }
  };
  try {
    return await open();
  } catch (error) {
    await records.return(undefined);
    throw error;
  }

  async function open(): Promise<{ format: ImportFormat; events: AsyncGenerator<RowEvent> }> {
    let first = await next();
    if (first.done) {
      throw new ImportFileError([
        { line: 1, field: '(file)', code: 'required', message: MESSAGES.emptyFile },
      ]);
    }
    const unstorableHeader = unstorableCell(first.value, null);
    if (unstorableHeader) throw new ImportFileError([{ ...unstorableHeader, field: '(file)' }]);
    let format: ImportFormat = options.format === 'nta' ? 'nta' : 'banso';
    if (options.format !== 'banso') {
      if (looksLikeNtaApiHeader(first.value.fields)) {
        first = await next();
        if (first.done)
          throw new ImportFileError([
            { line: 2, field: '(file)', code: 'required', message: MESSAGES.emptyFile },
          ]);
      }
      if (looksLikeNtaRecord(first.value.fields)) format = 'nta';
    }
    const layout: BansoLayout | null =
      format === 'banso' ? resolveBansoHeader(first.value, options.mapping) : null;
    const pending: CsvRecord | null = format === 'nta' ? first.value : null;

    async function* events(): AsyncGenerator<RowEvent> {
      const numbers = new Map<number, number>();
      const ids = new Map<string, number>();
      const toEvent = (record: CsvRecord): RowEvent => {
        const unstorable = unstorableCell(record, layout);
        if (unstorable) return { kind: 'invalid', line: record.line, errors: [unstorable] };
        let raw: RowInput;
        if (layout) raw = bansoRowInput(layout, record);
        else {
          const nta = ntaRowInput(record);
          if (nta.skip) return { kind: 'skipped', line: record.line };
          raw = nta;
        }
        const filter = options.municipality;
        if (filter && raw.municipalityCode !== null && !filter(raw.municipalityCode))
          return { kind: 'skipped', line: record.line };
        if (raw.errors.length > 0)
          return { kind: 'invalid', line: record.line, errors: raw.errors };
        if (filter && raw.municipalityCode === null) return { kind: 'skipped', line: record.line };
        const result = validateImportRow(record.line, raw.input, raw.owned);
        if (result.errors) return { kind: 'invalid', line: record.line, errors: result.errors };
        const { row } = result;
        const errors: RowError[] = [];
        const number = row.insert.corporateNumber;
        const numberKey = number === null ? null : Number(number);
        const seenNumber = numberKey === null ? undefined : numbers.get(numberKey);
        if (seenNumber !== undefined) {
          errors.push({
            line: row.line,
            field: 'corporateNumber',
            code: 'duplicate_corporate_number',
            message: MESSAGES.duplicateInFile(seenNumber),
          });
        }
        const seenId = row.id === null ? undefined : ids.get(row.id);
        if (seenId !== undefined) {
          errors.push({
            line: row.line,
            field: 'id',
            code: 'invalid_value',
            message: MESSAGES.duplicateIdInFile(seenId),
          });
        }
        if (errors.length > 0) return { kind: 'invalid', line: row.line, errors };
        if (numberKey !== null) numbers.set(numberKey, row.line);
        if (row.id !== null) ids.set(row.id, row.line);
        return { kind: 'row', row };
      };

      try {
        if (pending) yield toEvent(pending);
        for (;;) {
          const record = await next();
          if (record.done) return;
          yield toEvent(record.value);
        }
      } finally {
        await records.return(undefined);
      }
    }

    return { format, events: events() };
  }
}
