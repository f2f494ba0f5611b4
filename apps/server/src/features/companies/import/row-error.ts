import { type FieldErrorCode, type Locale, type Localized, printable } from '@banso/shared';

/**
 * One problem in an import file: the 1-based physical line where the record starts, the Banso
 * field (API name, e.g. `corporateNumber`; `(row)` for the whole record, `(file)` for the file)
 * and a field error code from the closed list the API uses.
 */
export interface RowError {
  line: number;
  field?: string;
  code: FieldErrorCode;
  message: Localized;
}

/** How an error is reported to a client: the message in one language. */
export interface ReportedRowError {
  line: number;
  field?: string;
  code: string;
  message: string;
}

/** An error as reported and stored: a column name quoted from the file may hold any text. */
export const reportRowError = (error: RowError, locale: Locale): ReportedRowError => ({
  line: error.line,
  ...(error.field ? { field: printable(error.field) } : {}),
  code: error.code,
  message: printable(error.message[locale]),
});

/** A problem that makes the whole file unreadable (encoding, CSV syntax, header): nothing is imported. */
export class ImportFileError extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors.map((e) => `line ${e.line}: ${e.field ?? ''} ${e.message.en}`).join('; '));
    this.name = 'ImportFileError';
  }
}

export const MESSAGES = {
  undecodable: {
    ja: '文字コードを解釈できない文字があります（UTF-8 か Shift_JIS かを確認してください）。',
    en: 'The line has bytes that are not valid text in this encoding (check UTF-8 vs Shift_JIS).',
  },
  columnCount: (expected: number, got: number): Localized => ({
    ja: `列の数が正しくありません（${expected}列のはずが${got}列）。`,
    en: `Wrong number of columns (expected ${expected}, got ${got}).`,
  }),
  duplicateInFile: (firstLine: number): Localized => ({
    ja: `同じ法人番号が${firstLine}行目にもあります。`,
    en: `The same corporate number is also on line ${firstLine}.`,
  }),
  duplicateIdInFile: (firstLine: number): Localized => ({
    ja: `同じ ID が${firstLine}行目にもあります。`,
    en: `The same ID is also on line ${firstLine}.`,
  }),
  csvSyntax: (reason: string): Localized => ({
    ja: `CSV の形式が正しくありません（引用符の閉じ忘れなど）: ${reason}`,
    en: `The CSV is malformed (e.g. an unclosed quote): ${reason}`,
  }),
  emptyFile: { ja: 'ファイルにデータがありません。', en: 'The file has no data.' },
  unknownColumn: (name: string): Localized => ({
    ja: `不明な列「${name}」です（--map で対応を指定できます）。`,
    en: `Unknown column "${name}" (use a column mapping).`,
  }),
  duplicateColumn: (name: string): Localized => ({
    ja: `列「${name}」が重複しています。`,
    en: `The column "${name}" appears twice.`,
  }),
  missingColumn: (name: string): Localized => ({
    ja: `必須の列「${name}」がありません。`,
    en: `The required column "${name}" is missing.`,
  }),
  mappedColumnMissing: (name: string): Localized => ({
    ja: `対応付けで指定された列「${name}」がファイルにありません。`,
    en: `The mapped column "${name}" is not in the file.`,
  }),
  notNta: {
    ja: '国税庁の法人番号データ（30列・見出し行なし）の形式ではありません。',
    en: 'This is not the National Tax Agency corporate-number format (30 columns, no header).',
  },
} as const;
