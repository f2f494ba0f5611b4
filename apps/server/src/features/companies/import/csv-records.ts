import { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';

/** One CSV record and the 1-based physical line of the file where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The CSV cannot be read on from this line (an unclosed quote, a record over the size limit). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`CSV syntax error at line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/** A record larger than this is an error (an unclosed quote would otherwise swallow the file). */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

const countNewlines = (fields: readonly string[]): number => {
  let n = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
};

/**
 * Records of an RFC 4180 / Excel CSV (CRLF or LF line ends, "" inside quoted cells, quoted
 * cells may span lines; a stray quote inside an unquoted cell is kept as text, as Excel does).
 * Streams: memory is bounded by the largest record. Blank lines and rows whose cells are all
 * empty (Excel writes `,,,` for them) are skipped, but still counted for line numbers.
 *
 * Line numbers are counted here, not taken from csv-parse's `info.lines`, which counts a CR and
 * an LF inside a quoted cell as two lines.
 */
export async function* readCsvRecords(text: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  let syntax: { afterRecords: number; error: CsvError } | null = null;
  const parser = parse({
    record_delimiter: ['\r\n', '\n'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error && !syntax) syntax = { afterRecords: parser.info.records, error };
    },
  });
  const source = Readable.from(text);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let line = 1;
  let consumed = 0;
  const failIfBroken = () => {
    const broken = syntax as { afterRecords: number; error: CsvError } | null;
    if (broken && consumed >= broken.afterRecords) {
      throw new CsvSyntaxError(line, broken.error.message.replace(/ at line \d+.*$/s, ''));
    }
  };
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      failIfBroken();
      consumed++;
      const start = line;
      line += 1 + countNewlines(fields);
      if (fields.every((f) => f.trim() === '')) continue;
      yield { line: start, fields };
    }
    failIfBroken();
  } finally {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  }
}
