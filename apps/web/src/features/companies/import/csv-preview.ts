import {
  BANSO_CSV_COLUMNS,
  type CsvDelimiter,
  decoderLabel,
  detectDelimiter,
  detectEncoding as detectSharedEncoding,
  encodingOfBom,
  type TextEncoding,
} from '@banso/shared';

/**
 * What the browser reads from a CSV file before uploading it: the encoding (as the server
 * detects it), the format, the first rows for a preview, and the number of lines (the total
 * for the progress bar). Pure functions over bytes and text; the server decides for real.
 */

export type { TextEncoding } from '@banso/shared';
export type FileFormat = 'nta' | 'banso' | 'other';

/** Bytes read for the preview: enough for ~10 rows of any real file. */
export const PREVIEW_BYTES = 256 * 1024;
export const PREVIEW_ROWS = 10;
/** The API's upload limit (LIMITS.uploadBytes on the server). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const NTA_COLUMNS = 30;

/**
 * UTF-8, Shift_JIS or UTF-16 with a BOM — the rule the server applies (packages/shared's
 * csv-sniff). `complete` says the sample is the whole file.
 */
export const detectEncoding = (sample: Uint8Array, complete: boolean): TextEncoding =>
  detectSharedEncoding(sample, complete);

/** The sample as text (a BOM dropped; invalid bytes become U+FFFD). Shift_JIS is CP932 in browsers. */
export function decodeSample(sample: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(decoderLabel(encoding)).decode(sample);
}

/**
 * Records of an RFC 4180 / Excel CSV: CRLF or LF line ends, quoted cells with "" and line
 * breaks, a stray quote inside an unquoted cell kept as text; commas or tabs (read from the
 * first line, as the server does). Stops after `maxRows` records. With `partial`, the text is a
 * prefix of the file: an unfinished last record is dropped. Rows whose cells are all empty are
 * skipped, as the importer does.
 */
export function parseCsv(
  text: string,
  maxRows = Number.POSITIVE_INFINITY,
  partial = false,
  delimiter: CsvDelimiter = detectDelimiter(text),
) {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (row.some((c) => c.trim() !== '')) rows.push(row);
    row = [];
  };
  while (i < text.length && rows.length < maxRows) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (ch === '\n') endRow();
    else cell += ch;
    i++;
  }
  if (rows.length < maxRows && !partial && (cell !== '' || row.length > 0)) endRow();
  return rows;
}

/**
 * Counts the lines of a file (line feeds, plus a last line without one), streamed. In UTF-16 (a
 * BOM says so) a line feed is the code unit 0x000A, not any 0x0A byte (上 is 0A 4E in UTF-16LE).
 */
export async function countLines(file: Blob): Promise<number> {
  let lines = 0;
  let lastWasLf = true;
  let offset = 0;
  let previous = -1;
  let utf16: 'utf-16le' | 'utf-16be' | null = null;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset === 0) {
      const bom = encodingOfBom(value);
      utf16 = bom === 'utf-16le' || bom === 'utf-16be' ? bom : null;
    }
    for (let i = 0; i < value.length; i++, offset++) {
      const byte = value[i] ?? 0;
      if (utf16 === null) {
        if (byte === 0x0a) lines++;
        lastWasLf = byte === 0x0a;
      } else if (offset % 2 === 1) {
        const unit = utf16 === 'utf-16le' ? previous | (byte << 8) : (previous << 8) | byte;
        if (unit === 0x0a) lines++;
        lastWasLf = unit === 0x0a;
      }
      previous = byte;
    }
  }
  return lastWasLf ? lines : lines + 1;
}

/** The 国税庁 corporate-number CSV: no header, 30 columns, the 法人番号 (13 digits) second. */
const looksLikeNta = (fields: readonly string[]) =>
  fields.length === NTA_COLUMNS && /^\d{13}$/.test(fields[1] ?? '');
/** The 国税庁 Web-API CSV's extra first line: lastUpdateDate,count,divideNumber,divideSize. */
const looksLikeNtaApiHeader = (fields: readonly string[]) =>
  fields.length === 4 &&
  /^\d{4}-\d{2}-\d{2}$/.test(fields[0] ?? '') &&
  /^\d+$/.test(fields[1] ?? '');

const headerForm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const bansoByHeader = new Map<string, BansoField>();
for (const column of BANSO_CSV_COLUMNS) {
  bansoByHeader.set(headerForm(column.title), column.key);
  bansoByHeader.set(headerForm(column.key), column.key);
}

export type BansoField = (typeof BANSO_CSV_COLUMNS)[number]['key'];

/** The Banso field a header cell names (Japanese title or English field name), if any. */
export const bansoFieldOf = (header: string): BansoField | undefined =>
  bansoByHeader.get(headerForm(header));

/**
 * 国税庁 data, a Banso CSV (every non-empty header cell a Banso column, 名称 among them), or
 * another file that needs a column mapping.
 */
export function detectFormat(rows: readonly (readonly string[])[]): FileFormat {
  const first = rows[0];
  if (!first) return 'other';
  if (looksLikeNta(first) || (looksLikeNtaApiHeader(first) && looksLikeNta(rows[1] ?? [])))
    return 'nta';
  const named = first.filter((h) => h.trim() !== '');
  if (
    named.length > 0 &&
    named.every((h) => bansoFieldOf(h)) &&
    first.some((h) => bansoFieldOf(h) === 'name')
  )
    return 'banso';
  return 'other';
}

/**
 * Words that often head the same data in other systems' files (after NFKC, lower case), for
 * pre-filling the mapping. A file header equal to the Banso title or field name matches too.
 */
const SYNONYMS: Partial<Record<BansoField, readonly string[]>> = {
  corporateNumber: ['法人番号', '法人no', 'corporate number', 'corporatenumber'],
  name: [
    '名称',
    '会社名',
    '企業名',
    '事業者名',
    '法人名',
    '商号',
    '社名',
    '名前',
    'company',
    'company name',
  ],
  nameKana: ['フリガナ', 'ふりがな', 'カナ', 'かな', '会社名カナ', '企業名カナ', '読み', 'よみ'],
  nameEn: ['英語名称', '英文名', '英語名', 'english name'],
  postalCode: ['郵便番号', '〒', 'zip', 'postal code'],
  address: ['所在地', '住所', '本社所在地', '所在地住所', 'address'],
  municipalityCode: ['市区町村コード', '地方公共団体コード', '自治体コード'],
  jsicCode: ['産業分類コード', '業種コード', 'jsic'],
  employees: ['従業員数', '従業員', '社員数', 'employees'],
  capitalYen: ['資本金(円)', '資本金', 'capital'],
  foundedYear: ['設立年', '創業年', '設立', 'founded'],
  representativeName: ['代表者氏名', '代表者', '代表者名', '社長', 'representative'],
  representativeBirthYear: ['代表者生年', '代表者生年月日'],
  website: ['ウェブサイト', 'url', 'ホームページ', 'hp', 'website'],
  businessDescription: ['事業内容', '業務内容', '事業概要', '業種メモ'],
  technologies: ['技術', '保有技術'],
  products: ['製品', '主要製品', '製品名'],
  equipment: ['設備', '主要設備'],
  needs: ['ニーズ', '課題'],
  tags: ['タグ', 'tags'],
};

/** A mapping pre-filled from the file's header: each Banso field → the first header naming it. */
export function guessMapping(header: readonly string[]): Partial<Record<BansoField, string>> {
  const mapping: Partial<Record<BansoField, string>> = {};
  const used = new Set<string>();
  for (const column of BANSO_CSV_COLUMNS) {
    const words = new Set(
      [column.title, column.key, ...(SYNONYMS[column.key] ?? [])].map(headerForm),
    );
    const match = header.find((h) => h.trim() !== '' && !used.has(h) && words.has(headerForm(h)));
    if (match !== undefined) {
      mapping[column.key] = match;
      used.add(match);
    }
  }
  return mapping;
}

/** The `mapping` query value the API takes: {"名称":"会社名", …} (Banso title → file header). */
export function mappingQuery(mapping: Partial<Record<BansoField, string | null>>): string {
  const out: Record<string, string> = {};
  for (const column of BANSO_CSV_COLUMNS) {
    const source = mapping[column.key];
    if (source) out[column.title] = source;
  }
  return JSON.stringify(out);
}

export interface FilePreview {
  detectedEncoding: TextEncoding;
  /** Rows of the preview (the header too, for Banso and other files). */
  rows: string[][];
  format: FileFormat;
}

/** Reads the first bytes of the file and previews it in `encoding` (detected when null). */
export async function previewFile(
  file: Blob,
  encoding: TextEncoding | null = null,
): Promise<FilePreview> {
  const slice = file.slice(0, PREVIEW_BYTES);
  const bytes = new Uint8Array(await slice.arrayBuffer());
  const complete = file.size <= PREVIEW_BYTES;
  const detectedEncoding = detectEncoding(bytes, complete);
  const text = decodeSample(bytes, encoding ?? detectedEncoding);
  const rows = parseCsv(text, PREVIEW_ROWS + 1, !complete);
  return { detectedEncoding, rows, format: detectFormat(rows) };
}
