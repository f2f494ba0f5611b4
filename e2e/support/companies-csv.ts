import type { CompanyCreate } from '@banso/shared';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import {
  BANSO_COLUMNS,
  formatCell,
} from '../../apps/server/src/features/companies/import/banso-columns';
import { generateDemoCompanies } from '../../apps/server/src/features/demo/demo-companies';

/** A name only CP932 (not JIS X 0208) can write: 髙 (はしご高) and ㈱ survive only as Shift_JIS/CP932. */
export const CP932_NAME = '㈱髙橋精工';

/**
 * A Banso-format CSV (header of the Japanese column titles, CRLF) of `count` fictional companies,
 * encoded in Shift_JIS (CP932) as Excel on Japanese Windows saves it. The first company's name
 * needs CP932. Throws if any character would not survive the encoding.
 */
export function shiftJisCompaniesCsv(count = 50, seed = 20250401) {
  const companies: CompanyCreate[] = generateDemoCompanies(count, seed).map((c, i) =>
    i === 0 ? { ...c, name: CP932_NAME, nameKana: 'タカハシセイコウ' } : c,
  );
  const rows = companies.map((c) =>
    BANSO_COLUMNS.map((column) =>
      formatCell(column.kind, (c as Partial<Record<string, unknown>>)[column.key]),
    ),
  );
  const text = stringify([BANSO_COLUMNS.map((c) => c.title), ...rows], {
    record_delimiter: '\r\n',
  });
  const bytes = iconv.encode(text, 'cp932');
  if (iconv.decode(bytes, 'cp932') !== text) {
    throw new Error('the generated companies have characters Shift_JIS cannot hold');
  }
  return { companies, bytes, text };
}
