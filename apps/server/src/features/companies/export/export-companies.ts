import type { Database } from '@banso/db';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../../../context';
import { asActor } from '../../../data/actor-scope';
import { authorize } from '../../../policy/policy';
import {
  type CompanyCursor,
  type CompanyRow,
  createCompaniesRepository,
} from '../companies.repository';
import { BANSO_COLUMNS, formatCell } from '../import/banso-columns';
import { escapeFormula } from '../import/formula-escape';
import { createCp932Encoder } from './cp932-encoder';

export type ExportEncoding = 'utf-8' | 'shift_jis';

export interface ExportStats {
  rows: number;
  /** Shift_JIS only: characters written as their CP932 equivalent (〜 → ～ …). */
  substituted: number;
  /** Shift_JIS only: characters with no Shift_JIS form, written as 〓. */
  unencodable: number;
  samples: string[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const PAGE_SIZE = 2000;

/**
 * Fixed CSV writing rules, so the same data always gives the same bytes: CRLF line ends (as
 * Excel writes), cells quoted only when they hold a comma, a quote or a line break (quotes
 * doubled), no timestamps anywhere in the file.
 */
const toCsv = (records: string[][]) =>
  stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });

const cellsOf = (row: CompanyRow): string[] =>
  BANSO_COLUMNS.map((column) => escapeFormula(formatCell(column.kind, row[column.key])));

/**
 * Every (not archived) company of the actor's organisation as a Banso CSV, in kana order, in
 * UTF-8 with BOM (for Excel) or Shift_JIS (CP932). Streams page by page; `stats` is complete
 * once the chunks are consumed. Importing the file and exporting again gives the same bytes.
 */
export function exportCompaniesCsv(
  deps: { db: Database },
  actor: Actor,
  options: { encoding: ExportEncoding },
): { chunks: AsyncGenerator<Buffer>; stats: ExportStats } {
  authorize(actor, 'companies:export');
  const stats: ExportStats = { rows: 0, substituted: 0, unencodable: 0, samples: [] };
  const cp932 = options.encoding === 'shift_jis' ? createCp932Encoder() : null;
  const encode = (text: string): Buffer => {
    if (!cp932) return Buffer.from(text, 'utf8');
    const bytes = cp932.encode(text);
    Object.assign(stats, {
      substituted: cp932.stats.substituted,
      unencodable: cp932.stats.unencodable,
      samples: [...cp932.stats.samples],
    });
    return bytes;
  };

  async function* chunks(): AsyncGenerator<Buffer> {
    const header = encode(toCsv([BANSO_COLUMNS.map((c) => c.title)]));
    yield cp932 ? header : Buffer.concat([UTF8_BOM, header]);
    // A page per short transaction: the file is written between pages.
    let cursor: CompanyCursor | null = null;
    for (;;) {
      const after: CompanyCursor | null = cursor;
      const page: CompanyRow[] = await asActor(deps.db, actor, (tx) =>
        createCompaniesRepository(tx).list({}, after, 'kana', PAGE_SIZE),
      );
      if (page.length === 0) return;
      stats.rows += page.length;
      yield encode(toCsv(page.map(cellsOf)));
      const last: CompanyRow | undefined = page[page.length - 1];
      if (!last || page.length < PAGE_SIZE) return;
      cursor = { sort: 'kana', kana: last.kanaSort, id: last.id };
    }
  }
  return { chunks: chunks(), stats };
}
