import { Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { type CsvDelimiter, detectDelimiter, LIMITS, type Localized } from '@banso/shared';
import { type CsvError, parse } from 'csv-parse';

/** One CSV record and the 1-based physical line of the file where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The CSV cannot be read on from this line (an unclosed quote, a record over a limit). A limit's
 * error carries its field error code and a message for the user stating the limit.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly limit?: { code: 'too_big' | 'too_long'; message: Localized },
  ) {
    super(`CSV syntax error at line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

const formatted = (n: number) => n.toLocaleString('en-US');

export const LIMIT_MESSAGES = {
  tooManyColumns: (): Localized => ({
    ja: `列が多すぎます（1行に${formatted(LIMITS.csvColumns)}列まで）。区切り文字や見出し行を確認してください。`,
    en: `Too many columns (at most ${formatted(LIMITS.csvColumns)} per line). Check the delimiter and the header row.`,
  }),
  recordTooLong: (): Localized => ({
    ja: `1行が長すぎます（${formatted(LIMITS.csvRecordChars)}文字まで）。引用符の閉じ忘れがないか確認してください。`,
    en: `The line is too long (at most ${formatted(LIMITS.csvRecordChars)} characters). Check for an unclosed quote.`,
  }),
};

/**
 * Refuses absurd shapes before csv-parse builds the record (issue 12.3): a record with more than
 * LIMITS.csvColumns columns or LIMITS.csvRecordChars characters throws at the line where it
 * starts, after at most one chunk of work. Follows quoting as csv-parse does (a quote opens a
 * cell only at its start; "" inside a quoted cell is a quote).
 */
class ShapeGuard {
  private quoted = false;
  private fieldStart = true;
  private pendingQuote = false;
  private columns = 1;
  private chars = 0;
  private line = 1;
  private recordLine = 1;

  constructor(private readonly delimiter: CsvDelimiter) {}

  check(text: string): void {
    const { delimiter } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      this.chars++;
      if (ch === '\n') this.line++;
      if (this.pendingQuote) {
        // The previous chunk ended on a quote inside a quoted cell: "" or the closing quote.
        this.pendingQuote = false;
        if (ch === '"') continue;
        this.quoted = false;
      }
      if (this.quoted) {
        if (ch === '"') {
          if (i + 1 === text.length) this.pendingQuote = true;
          else if (text[i + 1] === '"') {
            i++;
            this.chars++;
          } else this.quoted = false;
        }
      } else if (ch === '\n') {
        this.columns = 1;
        this.chars = 0;
        this.fieldStart = true;
        this.recordLine = this.line;
        continue;
      } else if (ch === delimiter) {
        this.fieldStart = true;
        if (++this.columns > LIMITS.csvColumns) {
          throw new CsvSyntaxError(this.recordLine, `more than ${LIMITS.csvColumns} columns`, {
            code: 'too_big',
            message: LIMIT_MESSAGES.tooManyColumns(),
          });
        }
        continue;
      } else if (ch === '"' && this.fieldStart) {
        this.quoted = true;
      }
      this.fieldStart = false;
      if (this.chars > LIMITS.csvRecordChars) {
        throw new CsvSyntaxError(
          this.recordLine,
          `a record longer than ${LIMITS.csvRecordChars} characters`,
          { code: 'too_long', message: LIMIT_MESSAGES.recordTooLong() },
        );
      }
    }
  }
}

/** Text handed to the parser at a time; the event loop is free between two slices. */
const SLICE_CHARS = 64 * 1024;

/**
 * The text in slices of at most SLICE_CHARS, each checked by the shape guard first, with a turn
 * of the event loop between slices (an in-memory source would otherwise be parsed in one go).
 * The delimiter is read from the first record once it has arrived.
 */
async function* guarded(
  text: AsyncIterable<string>,
  delimiter: CsvDelimiter | undefined,
  found: (delimiter: CsvDelimiter) => void,
): AsyncGenerator<string> {
  let guard: ShapeGuard | null = null;
  let head = '';
  const release = async function* (chunk: string) {
    for (let i = 0; i < chunk.length; i += SLICE_CHARS) {
      const slice = chunk.slice(i, i + SLICE_CHARS);
      guard?.check(slice);
      yield slice;
      await turn();
    }
  };
  const start = (sample: string) => {
    const chosen = delimiter ?? detectDelimiter(sample);
    found(chosen);
    guard = new ShapeGuard(chosen);
  };
  for await (const chunk of text) {
    if (guard) {
      yield* release(chunk);
      continue;
    }
    head += chunk;
    if (!/[\r\n]/.test(head) && head.length < SLICE_CHARS) continue;
    start(head);
    yield* release(head);
    head = '';
  }
  if (!guard) {
    start(head);
    if (head) yield* release(head);
  }
}

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
export async function* readCsvRecords(
  text: AsyncIterable<string>,
  options: { delimiter?: CsvDelimiter } = {},
): AsyncGenerator<CsvRecord> {
  let syntax: { afterRecords: number; error: CsvError } | null = null;
  let delimiter: CsvDelimiter = options.delimiter ?? ',';
  const slices = guarded(text, options.delimiter, (d) => {
    delimiter = d;
  });
  // The delimiter is known once the first slice has come (`guarded` reports it before yielding).
  const first = await slices.next();
  if (first.done) return;
  async function* all() {
    yield first.value as string;
    yield* slices;
  }
  const source = Readable.from(all());
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n'],
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: LIMITS.csvRecordChars,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error && !syntax) syntax = { afterRecords: parser.info.records, error };
    },
  });
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
