import { type InputRecord, listOf } from '@banso/matching';
import {
  type FieldErrorCode,
  fieldErrorMessage,
  fieldErrorsFromZod,
  findTextProblem,
  ListingCreate,
  type Localized,
  normalizeCorporateNumber,
  normalizeForSearch,
  printable,
} from '@banso/shared';

/**
 * Rows of a listing import (CSV with a header row, JSON Lines or a JSON array) → ListingCreate
 * inputs. Column names: the API's field names in camelCase or snake_case, the batch CLI's
 * (`id, title, abstract, fields, applicable_products, ipc, holder`) and the Japanese headings of
 * an INPIT-style table (発明の名称, 特許番号, 技術分野, 適用製品 …). Unknown columns are ignored.
 */

type Target = keyof typeof ListingCreate.shape | 'holder' | 'holderCorporateNumber';

const ALIASES: Record<string, Target> = {
  id: 'externalId',
  external_id: 'externalId',
  externalid: 'externalId',
  管理番号: 'externalId',
  kind: 'kind',
  種別: 'kind',
  title: 'title',
  発明の名称: 'title',
  名称: 'title',
  patent_number: 'patentNumber',
  patentnumber: 'patentNumber',
  特許番号: 'patentNumber',
  登録番号: 'patentNumber',
  application_number: 'applicationNumber',
  applicationnumber: 'applicationNumber',
  出願番号: 'applicationNumber',
  publication_number: 'publicationNumber',
  publicationnumber: 'publicationNumber',
  公開番号: 'publicationNumber',
  filed_on: 'filedOn',
  filedon: 'filedOn',
  出願日: 'filedOn',
  registered_on: 'registeredOn',
  registeredon: 'registeredOn',
  登録日: 'registeredOn',
  abstract: 'abstract',
  概要: 'abstract',
  技術概要: 'abstract',
  要約: 'abstract',
  claims: 'claims',
  請求項: 'claims',
  fields: 'technicalFields',
  technical_fields: 'technicalFields',
  technicalfields: 'technicalFields',
  技術分野: 'technicalFields',
  functions: 'functions',
  機能: 'functions',
  applicable_products: 'applicableProducts',
  applicableproducts: 'applicableProducts',
  適用製品: 'applicableProducts',
  purpose: 'purpose',
  目的: 'purpose',
  effect: 'effect',
  effects: 'effect',
  効果: 'effect',
  ipc: 'ipc',
  国際特許分類: 'ipc',
  holder: 'holder',
  holder_name: 'holder',
  holdername: 'holder',
  特許権者: 'holder',
  権利者: 'holder',
  holder_corporate_number: 'holderCorporateNumber',
  holdercorporatenumber: 'holderCorporateNumber',
  権利者法人番号: 'holderCorporateNumber',
  assignment_offered: 'assignmentOffered',
  assignmentoffered: 'assignmentOffered',
  譲渡: 'assignmentOffered',
  licensing: 'licensing',
  実施許諾: 'licensing',
  licensing_record: 'licensingRecord',
  licensingrecord: 'licensingRecord',
  実施許諾実績: 'licensingRecord',
  status: 'status',
  状態: 'status',
  verified_on: 'verifiedOn',
  verifiedon: 'verifiedOn',
  確認日: 'verifiedOn',
  license_conditions: 'licenseConditions',
  licenseconditions: 'licenseConditions',
  ライセンス条件: 'licenseConditions',
  contact: 'contact',
  連絡先: 'contact',
  問い合わせ先: 'contact',
  source: 'source',
  出典: 'source',
  municipality: 'municipalityCode',
  municipality_code: 'municipalityCode',
  municipalitycode: 'municipalityCode',
};

const LIST_FIELDS = new Set<Target>(['technicalFields', 'functions', 'applicableProducts', 'ipc']);
const DATE_FIELDS = new Set<Target>(['filedOn', 'registeredOn', 'verifiedOn']);
const TRUE = new Set(['true', '1', 'yes', 'y', '可', '○', '有', 'あり']);
const FALSE = new Set(['false', '0', 'no', 'n', '不可', '×', '無', 'なし', '']);
const LICENSING: Record<string, string> = {
  通常実施権: 'non_exclusive',
  非独占: 'non_exclusive',
  専用実施権: 'exclusive',
  独占: 'exclusive',
  いずれも: 'either',
  いずれも可: 'either',
  なし: 'none',
  不可: 'none',
};
const STATUS: Record<string, string> = {
  開放中: 'offered',
  提供中: 'offered',
  実施許諾済: 'licensed',
  取下げ: 'withdrawn',
  取り下げ: 'withdrawn',
  権利消滅: 'expired',
  期限切れ: 'expired',
};

const key = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/[\s-]/g, '_');

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

/** 2024/4/1 and 2024-04-01 → 2024-04-01; anything else is passed on for the contract to refuse. */
function dateOf(v: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}` : v;
}

export interface ImportRowError {
  line: number;
  field: string;
  code: FieldErrorCode;
  message: Localized;
}

export interface HolderLookup {
  byName: Map<string, string>;
  byCorporateNumber: Map<string, string>;
}

/**
 * A record holding text Banso cannot store (a NUL character, a lone surrogate — the text policy
 * of packages/shared/src/text-policy.ts), as its row error; null when every value is storable.
 */
export function textProblemOf(line: number, record: InputRecord): ImportRowError | null {
  const problem = findTextProblem(record);
  if (!problem) return null;
  const code = problem.kind === 'too_deep' ? 'nesting_too_deep' : 'unsupported_character';
  const field = printable(problem.path.join('.')) || '(row)';
  return { line, field, code, message: fieldErrorMessage(code) };
}

/** One record → a validated ListingCreate, or its problems. */
export function listingFromRecord(
  line: number,
  record: InputRecord,
  holders: HolderLookup,
): { input: ListingCreate } | { errors: ImportRowError[] } {
  const unstorable = textProblemOf(line, record);
  if (unstorable) return { errors: [unstorable] };
  const raw: Record<string, unknown> = {};
  let holder = '';
  let holderNumber = '';
  for (const [name, value] of Object.entries(record)) {
    const target = ALIASES[key(name)] ?? ALIASES[name.normalize('NFKC').trim()];
    if (!target) continue;
    if (target === 'holder') holder = cell(value);
    else if (target === 'holderCorporateNumber') holderNumber = cell(value);
    else if (LIST_FIELDS.has(target)) raw[target] = listOf(value);
    else if (DATE_FIELDS.has(target)) raw[target] = cell(value) === '' ? null : dateOf(cell(value));
    else if (target === 'assignmentOffered') {
      const v = cell(value).toLowerCase();
      raw[target] = TRUE.has(v) ? true : FALSE.has(v) ? false : v;
    } else if (target === 'licensing')
      raw[target] = LICENSING[cell(value)] ?? (cell(value) || undefined);
    else if (target === 'status') raw[target] = STATUS[cell(value)] ?? (cell(value) || undefined);
    else if (target === 'kind') raw[target] = cell(value) || undefined;
    else raw[target] = cell(value) === '' ? null : cell(value);
  }
  // The holder is linked to a registered company when its 法人番号 or exact name is known.
  const linked =
    (holderNumber && holders.byCorporateNumber.get(normalizeCorporateNumber(holderNumber))) ||
    (holder && holders.byName.get(normalizeForSearch(holder)));
  if (linked) raw.holderCompanyId = linked;
  if (holder) raw.holderName = holder;
  const parsed = ListingCreate.safeParse(raw);
  if (parsed.success) return { input: parsed.data };
  return {
    errors: fieldErrorsFromZod(parsed.error).map((e) => ({
      line,
      field: e.field,
      code: e.code,
      message: e.message,
    })),
  };
}
