import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  type InputRecord,
  type NeedDocument,
  needFromRecord,
  RecordError,
  type SeedDocument,
  seedFromRecord,
} from '@banso/matching';
import type { FieldErrorCode, Localized } from '@banso/shared';
import { CsvSyntaxError, readCsvRecords } from '../companies/import/csv-records';
import { detectEncoding } from '../companies/import/encoding-detect';
import { decodeText } from '../companies/import/text-decode';

/** A problem with an input file, with the line it is on (1-based; 0 = the file as a whole). */
export class MatchInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly userMessage: Localized,
    readonly code: FieldErrorCode = 'invalid_format',
  ) {
    super(`${file}:${line}: ${userMessage.en}`);
    this.name = 'MatchInputError';
  }
}

export type InputFormat = 'jsonl' | 'csv';

/** JSON Lines when the first non-blank character is `{` or `[`; otherwise CSV with a header row. */
export function sniffFormat(text: string): InputFormat {
  const first = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .charAt(0);
  return first === '{' || first === '[' ? 'jsonl' : 'csv';
}

/**
 * Records of a file with their line numbers: CSV (comma- or tab-separated) or JSON, in UTF-8
 * (BOM or not), Shift_JIS (CP932) or UTF-16 with a BOM.
 */
export async function readInputRecords(
  file: string,
): Promise<{ line: number; record: InputRecord }[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MatchInputError(file, 0, {
      ja:
        code === 'ENOENT'
          ? 'ファイルがありません。'
          : `ファイルを読めません (${code ?? 'error'})。`,
      en: code === 'ENOENT' ? 'no such file.' : `cannot read the file (${code ?? 'error'}).`,
    });
  }
  return recordsFromBytes(file, bytes);
}

/** The records of a file's bytes (an upload, or a file read from disk). */
export async function recordsFromBytes(
  file: string,
  bytes: Uint8Array,
  options: { requireId?: boolean } = {},
): Promise<{ line: number; record: InputRecord }[]> {
  const encoding = detectEncoding(bytes, true);
  let text = '';
  for await (const chunk of decodeText(Readable.from([bytes]), encoding)) text += chunk;
  text = text.replace(/^\uFEFF/, '');
  return sniffFormat(text) === 'jsonl'
    ? jsonLines(file, text)
    : csvRows(file, text, options.requireId ?? true);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function jsonLines(file: string, text: string): { line: number; record: InputRecord }[] {
  const out: { line: number; record: InputRecord }[] = [];
  // One JSON array over many lines (a pretty-printed export): items are numbered from 1.
  if (text.trimStart().startsWith('[')) {
    let whole: unknown;
    try {
      whole = JSON.parse(text);
    } catch {
      whole = undefined;
    }
    if (Array.isArray(whole)) {
      whole.forEach((item, i) => {
        if (typeof item !== 'object' || item === null || Array.isArray(item))
          throw new MatchInputError(file, i + 1, {
            ja: 'JSONオブジェクト（{ … }）ではありません。',
            en: 'not a JSON object ({ … }).',
          });
        out.push({ line: i + 1, record: item as InputRecord });
      });
      return out;
    }
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new MatchInputError(file, line, {
        ja: 'JSON として読めません（1行に1つのJSONオブジェクトを書いてください）。',
        en: 'not valid JSON (write one JSON object per line).',
      });
    }
    // A JSON array of objects on one line is accepted too.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw new MatchInputError(file, line, {
          ja: 'JSONオブジェクト（{ … }）ではありません。',
          en: 'not a JSON object ({ … }).',
        });
      out.push({ line, record: item as InputRecord });
    }
  });
  return out;
}

async function csvRows(
  file: string,
  text: string,
  requireId: boolean,
): Promise<{ line: number; record: InputRecord }[]> {
  const out: { line: number; record: InputRecord }[] = [];
  let header: string[] | null = null;
  try {
    for await (const { line, fields } of readCsvRecords(once(text))) {
      if (!header) {
        header = fields.map((h) => h.normalize('NFKC').trim().toLowerCase());
        if (requireId && !header.includes('id'))
          throw new MatchInputError(file, line, {
            ja: '見出し行に id 列がありません。',
            en: 'the header row has no id column.',
          });
        continue;
      }
      const record: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name !== '' && !(name in record)) record[name] = fields[i] ?? '';
      });
      out.push({ line, record });
    }
  } catch (error) {
    if (error instanceof MatchInputError) throw error;
    if (error instanceof CsvSyntaxError && error.limit) {
      throw new MatchInputError(file, error.line, error.limit.message, error.limit.code);
    }
    const line = (error as { line?: number }).line ?? 0;
    throw new MatchInputError(file, line, {
      ja: `CSV の形式に誤りがあります (${(error as Error).message})。`,
      en: `malformed CSV (${(error as Error).message}).`,
    });
  }
  return out;
}

function toDocuments<D extends { id: string }>(
  file: string,
  rows: { line: number; record: InputRecord }[],
  convert: (r: InputRecord) => D,
): D[] {
  const seen = new Map<string, number>();
  return rows.map(({ line, record }) => {
    let doc: D;
    try {
      doc = convert(record);
    } catch (error) {
      if (error instanceof RecordError)
        throw new MatchInputError(file, line, {
          ja: 'id がありません。',
          en: 'the record has no id.',
        });
      throw error;
    }
    const first = seen.get(doc.id);
    if (first !== undefined)
      throw new MatchInputError(file, line, {
        ja: `id「${doc.id}」が ${first} 行目と重複しています。`,
        en: `id "${doc.id}" repeats line ${first}.`,
      });
    seen.set(doc.id, line);
    return doc;
  });
}

export async function readSeeds(file: string): Promise<SeedDocument[]> {
  return toDocuments(file, await readInputRecords(file), seedFromRecord);
}

export async function readNeeds(file: string): Promise<NeedDocument[]> {
  return toDocuments(file, await readInputRecords(file), needFromRecord);
}
