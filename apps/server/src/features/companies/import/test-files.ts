import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { toCorporateNumber } from '@banso/shared';
import { stringify } from 'csv-stringify/sync';
import { BANSO_COLUMNS } from './banso-columns';

/**
 * Test and benchmark files made at run time (large files are never committed): Banso CSV rows
 * and 国税庁 rows with valid 法人番号.
 */

/** The 法人番号 of test company `i` (valid check digit). */
export const testCorporateNumber = (i: number): string =>
  toCorporateNumber(String(500_000_000_000 + i));

const WARDS = ['141313', '141321', '141330', '141348', '141356', '141364', '141372'];

/** A Banso CSV data row (cells in BANSO_COLUMNS order) for company `i`. */
export function bansoTestCells(
  i: number,
  overrides: Partial<Record<(typeof BANSO_COLUMNS)[number]['key'], string>> = {},
): string[] {
  const values: Record<string, string> = {
    corporateNumber: testCorporateNumber(i),
    name: `株式会社テスト精工${i}`,
    nameKana: `テストセイコウ${i}`,
    kind: 'sme',
    jsicCode: '2929',
    postalCode: '2110004',
    municipalityCode: WARDS[i % WARDS.length] ?? '141305',
    address: `神奈川県川崎市中原区新丸子東${(i % 9) + 1}-${i % 100}`,
    employees: String(10 + (i % 300)),
    capitalYen: String(10_000_000 + i),
    foundedYear: String(1950 + (i % 70)),
    technologies: i % 2 ? '精密切削; 表面処理' : '溶接',
    tags: 'ものづくり',
    ...overrides,
  };
  return BANSO_COLUMNS.map((c) => values[c.key] ?? '');
}

export const csvLine = (cells: string[]): string =>
  stringify([cells], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });

export const bansoHeaderLine = (): string => csvLine(BANSO_COLUMNS.map((c) => c.title));

/** Writes a Banso CSV with `rows` companies (UTF-8, with header) and returns its path. */
export async function writeBansoTestFile(path: string, rows: number, first = 0): Promise<string> {
  const out = createWriteStream(path);
  let chunk = bansoHeaderLine();
  for (let i = first; i < first + rows; i++) {
    chunk += csvLine(bansoTestCells(i));
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}

/** A 国税庁 data row (30 fields); override any field by name. */
export function ntaTestCells(
  i: number,
  o: Partial<{
    process: string;
    updateDate: string;
    name: string;
    kind: string;
    prefectureName: string;
    cityName: string;
    streetNumber: string;
    prefectureCode: string;
    cityCode: string;
    postCode: string;
    closeDate: string;
    closeCause: string;
    successor: string;
    latest: string;
    enName: string;
    furigana: string;
    corporateNumber: string;
  }> = {},
): string[] {
  return [
    String(i + 1),
    o.corporateNumber ?? testCorporateNumber(i),
    o.process ?? '01',
    '0',
    o.updateDate ?? '2024-04-01',
    '2015-10-05',
    o.name ?? `株式会社国税テスト${i}`,
    '',
    o.kind ?? '301',
    o.prefectureName ?? '神奈川県',
    o.cityName ?? '川崎市中原区',
    o.streetNumber ?? `小杉町${(i % 3) + 1}丁目${i % 50}`,
    '',
    o.prefectureCode ?? '14',
    o.cityCode ?? '133',
    o.postCode ?? '2110063',
    '',
    '',
    o.closeDate ?? '',
    o.closeCause ?? '',
    o.successor ?? '',
    '',
    '2015-10-05',
    o.latest ?? '1',
    o.enName ?? '',
    '',
    '',
    '',
    o.furigana ?? `コクゼイテスト${i}`,
    '0',
  ];
}
