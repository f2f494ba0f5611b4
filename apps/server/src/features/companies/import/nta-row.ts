import { type CompanyKind, type Localized, normalizeLgCode } from '@banso/shared';
import type { CsvRecord } from './csv-records';
import type { DataField } from './import-row';
import { MESSAGES, type RowError } from './row-error';
import { REPLACEMENT_CHARACTER } from './text-decode';

/**
 * 国税庁 法人番号公表サイト 全件・差分データ (CSV, no header, 30 columns; see
 * docs formats.md). Field positions, 0-based.
 */
export const NTA_COLUMNS = 30;
const F = {
  corporateNumber: 1,
  process: 2,
  updateDate: 4,
  changeDate: 5,
  name: 6,
  kind: 8,
  prefectureName: 9,
  cityName: 10,
  streetNumber: 11,
  prefectureCode: 13,
  cityCode: 14,
  postCode: 15,
  addressOutside: 16,
  closeDate: 18,
  closeCause: 19,
  successorCorporateNumber: 20,
  latest: 23,
  enName: 24,
  furigana: 28,
} as const;

/**
 * 法人種別 → Banso company kind. The registry does not tell an SME from a large company, so
 * companies start as 'sme' (supporters refine it; a re-import never changes it). Public bodies
 * are 'public'; その他 (一般社団・財団, NPO, 学校・医療・社会福祉法人 …) is 'other', as calling a
 * school or a hospital an SME would mislead matching.
 */
export const NTA_KIND: Readonly<Record<string, CompanyKind>> = {
  '101': 'public', // 国の機関
  '201': 'public', // 地方公共団体
  '301': 'sme', // 株式会社
  '302': 'sme', // 有限会社
  '303': 'sme', // 合名会社
  '304': 'sme', // 合資会社
  '305': 'sme', // 合同会社
  '399': 'sme', // その他の設立登記法人
  '401': 'sme', // 外国会社等
  '499': 'other', // その他
};

/** 処理区分 that close a registration: 登記記録の閉鎖等, 吸収合併, 商号の登記の抹消, 削除. */
const CLOSING_PROCESSES: Readonly<Record<string, string>> = {
  '21': '登記記録の閉鎖等',
  '71': '吸収合併',
  '81': '商号の登記の抹消',
  '99': '削除',
};

/** 登記記録の閉鎖等の事由. */
const CLOSE_CAUSES: Readonly<Record<string, string>> = {
  '01': '清算の結了等',
  '11': '合併による解散等',
  '21': '登記官による閉鎖',
  '31': 'その他の清算の結了等',
};

/** True if a record looks like a 国税庁 data row: 30 fields, a 13-digit 法人番号 second. */
export const looksLikeNtaRecord = (fields: readonly string[]): boolean =>
  fields.length === NTA_COLUMNS && /^\d{13}$/.test(fields[F.corporateNumber] ?? '');

/** The Web-API CSV's extra first line: lastUpdateDate,count,divideNumber,divideSize. */
export const looksLikeNtaApiHeader = (fields: readonly string[]): boolean =>
  fields.length === 4 &&
  /^\d{4}-\d{2}-\d{2}$/.test(fields[0] ?? '') &&
  /^\d+$/.test(fields[1] ?? '');

/**
 * The fields a 国税庁 row owns: re-importing overwrites these and nothing else, so what
 * supporters entered (technologies, needs, tags, representative, kind …) is never touched.
 * An empty name reading, English name, postal code or address never clears a value.
 */
const ALWAYS_OWNED: DataField[] = [
  'corporateNumber',
  'name',
  'status',
  'closedOn',
  'closeReason',
  'successorCorporateNumber',
  'ntaUpdatedOn',
];

export type NtaRowInput =
  | { skip: true }
  | {
      skip?: false;
      input: Record<string, unknown>;
      owned: DataField[];
      municipalityCode: string | null;
      errors: RowError[];
    };

/** A whole row refused before its fields are read (wrong column count, undecodable bytes). */
function rowRejected(line: number, message: Localized): NtaRowInput {
  return {
    input: {},
    owned: [],
    municipalityCode: null,
    errors: [{ line, field: '(row)', code: 'invalid_format', message }],
  };
}

/** One 国税庁 record as contract input; `skip` for history rows (最新履歴 = 0). */
export function ntaRowInput(record: CsvRecord): NtaRowInput {
  const f = record.fields;
  if (f.length !== NTA_COLUMNS) {
    return rowRejected(record.line, MESSAGES.columnCount(NTA_COLUMNS, f.length));
  }
  const get = (i: number) => (f[i] ?? '').trim();
  if (get(F.latest) !== '1') return { skip: true };
  if (f.some((cell) => cell.includes(REPLACEMENT_CHARACTER))) {
    return rowRejected(record.line, MESSAGES.undecodable);
  }

  const process = get(F.process);
  const closeDate = get(F.closeDate);
  const closed = process in CLOSING_PROCESSES || closeDate !== '';
  const code5 = `${get(F.prefectureCode)}${get(F.cityCode)}`;
  const municipalityCode = /^\d{5}$/.test(code5) ? normalizeLgCode(code5) : null;
  const domestic = `${get(F.prefectureName)}${get(F.cityName)}${get(F.streetNumber)}`;
  const address = domestic || get(F.addressOutside);

  const input: Record<string, unknown> = {
    corporateNumber: get(F.corporateNumber),
    name: get(F.name),
    kind: NTA_KIND[get(F.kind)] ?? 'other',
    status: closed ? 'closed' : 'active',
    closedOn: closed ? closeDate || get(F.changeDate) || get(F.updateDate) || null : null,
    closeReason: closed
      ? (CLOSE_CAUSES[get(F.closeCause)] ?? CLOSING_PROCESSES[process] ?? null)
      : null,
    successorCorporateNumber: get(F.successorCorporateNumber) || null,
    ntaUpdatedOn: get(F.updateDate) || null,
  };
  const owned = [...ALWAYS_OWNED];
  const optional: [DataField, string | null][] = [
    ['nameKana', get(F.furigana) || null],
    ['nameEn', get(F.enName) || null],
    ['postalCode', get(F.postCode) || null],
    ['address', address || null],
    ['municipalityCode', municipalityCode],
  ];
  for (const [field, value] of optional) {
    if (value === null) continue;
    input[field] = value;
    owned.push(field);
  }
  // A company that moved abroad has no municipality any more.
  if (!domestic && address && !owned.includes('municipalityCode')) {
    input.municipalityCode = null;
    owned.push('municipalityCode');
  }
  return { input, owned, municipalityCode, errors: [] };
}
