/**
 * 和暦 (Japanese era calendar) for dates and fiscal years.
 *
 * Era start dates follow the conventional table (明治 from 1868-01-25, the first day of
 * 明治元年 by the Gregorian-converted convention; before 1873 Japan used a lunisolar
 * calendar, which this module deliberately ignores). The first year of an era is 元年.
 */
import { formatYmd, parseYmdOrThrow } from './date';
import { fiscalYearRange } from './fiscal-year';

export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';
export type EraLetter = 'M' | 'T' | 'S' | 'H' | 'R';

export interface Era {
  name: EraName;
  letter: EraLetter;
  nameEn: string;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** Gregorian year of 元年. */
  startYear: number;
}

const REIWA: Era = {
  name: '令和',
  letter: 'R',
  nameEn: 'Reiwa',
  start: '2019-05-01',
  startYear: 2019,
};

/** Oldest first. */
export const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', nameEn: 'Meiji', start: '1868-01-25', startYear: 1868 },
  { name: '大正', letter: 'T', nameEn: 'Taisho', start: '1912-07-30', startYear: 1912 },
  { name: '昭和', letter: 'S', nameEn: 'Showa', start: '1926-12-25', startYear: 1926 },
  { name: '平成', letter: 'H', nameEn: 'Heisei', start: '1989-01-08', startYear: 1989 },
  REIWA,
];

export interface WarekiDate {
  era: EraName;
  eraYear: number;
  month: number;
  day: number;
}

function eraIndexAt(ymd: string): number {
  for (let i = ERAS.length - 1; i >= 0; i--) {
    const era = ERAS[i];
    if (era && ymd >= era.start) return i;
  }
  return -1;
}

function eraAt(ymd: string): Era {
  const era = ERAS[eraIndexAt(ymd)];
  if (!era) throw new RangeError(`date before 明治 (${ERAS[0]?.start}): ${ymd}`);
  return era;
}

/**
 * Looks up an era by its kanji name ('令和'), letter ('R'/'r', full width 'Ｒ' too), English
 * name ('Reiwa', any case) or the one-character era square ('㋿', '㍻', …). Undefined if unknown.
 */
export function findEra(input: string): Era | undefined {
  const s = input.normalize('NFKC').trim();
  const lower = s.toLowerCase();
  return ERAS.find(
    (e) => e.name === s || e.letter === s.toUpperCase() || e.nameEn.toLowerCase() === lower,
  );
}

/** The era and era year of a 'YYYY-MM-DD' date. RangeError for invalid dates or dates before 明治. */
export function toWareki(ymd: string): WarekiDate {
  const { year, month, day } = parseYmdOrThrow(ymd);
  const era = eraAt(ymd);
  return { era: era.name, eraYear: year - era.startYear + 1, month, day };
}

function eraYearText(eraYear: number): string {
  return eraYear === 1 ? '元' : String(eraYear);
}

/** '2025-03-31' → '令和7年3月31日'; '2019-05-01' → '令和元年5月1日'. */
export function formatWarekiDate(ymd: string): string {
  const w = toWareki(ymd);
  return `${w.era}${eraYearText(w.eraYear)}年${w.month}月${w.day}日`;
}

/** '2025-03-31' → 'R7.3.31' (the short form used on forms; 元年 is written 1). */
export function formatWarekiShort(ymd: string): string {
  const w = toWareki(ymd);
  const era = eraAt(ymd);
  return `${era.letter}${w.eraYear}.${w.month}.${w.day}`;
}

/**
 * The Gregorian 'YYYY-MM-DD' for an era date, e.g. fromWareki('令和', 7, 3, 31) → '2025-03-31'.
 * The era may be given as in findEra. RangeError if the era is unknown, the date is not real,
 * or it does not lie within that era (平成31年5月1日 is already 令和; 令和元年1月1日 never existed).
 */
export function fromWareki(era: EraName | string, eraYear: number, month = 1, day = 1): string {
  const e = findEra(era);
  if (!e) throw new RangeError(`unknown era: ${JSON.stringify(era)}`);
  if (!Number.isInteger(eraYear) || eraYear < 1) throw new RangeError(`bad era year: ${eraYear}`);
  const ymd = formatYmd(e.startYear + eraYear - 1, month, day);
  if (eraAt(ymd).name !== e.name) {
    throw new RangeError(
      `${e.name}${eraYearText(eraYear)}年${month}月${day}日 is not in ${e.name}`,
    );
  }
  return ymd;
}

export type FiscalYearLabelStyle = 'municipal' | 'strict';

/**
 * The era a fiscal year is named by.
 * - strict: the era in force on its first day (April 1), so FY2019 is 平成31年度.
 * - municipal (default): the same, except FY2019, which municipalities (Kawasaki included)
 *   call 令和元年度: 令和 was announced on 2019-04-01 and began a month into the year.
 *   Earlier era changes fell late in their fiscal years, whose names follow the strict rule.
 */
function fiscalYearEra(fy: number, style: FiscalYearLabelStyle): { era: Era; eraYear: number } {
  const { start } = fiscalYearRange(fy);
  const era = style === 'municipal' && fy === 2019 ? REIWA : eraAt(start);
  return { era, eraYear: fy - era.startYear + 1 };
}

/** 2022 → '令和4年度'; 2019 → '令和元年度' (municipal, default) or '平成31年度' (strict). */
export function fiscalYearLabel(fy: number, style: FiscalYearLabelStyle = 'municipal'): string {
  const { era, eraYear } = fiscalYearEra(fy, style);
  return `${era.name}${eraYearText(eraYear)}年度`;
}

/** 2022 → '令和4年度（2022年度）': era and Gregorian side by side, as the UI shows them. */
export function fiscalYearDualLabel(fy: number, style: FiscalYearLabelStyle = 'municipal'): string {
  return `${fiscalYearLabel(fy, style)}（${fy}年度）`;
}

const GREGORIAN_FY = /^(?:fy)?(\d{4})(?:年度|年)?$/i;
const ERA_FY =
  /^(明治|大正|昭和|平成|令和|[mtshr]|meiji|taisho|showa|heisei|reiwa)(元|\d{1,3})(?:年度|年)?$/i;

function parseEraFiscalYear(s: string): number | null {
  const m = ERA_FY.exec(s);
  if (!m?.[1] || !m[2]) return null;
  const era = findEra(m[1]);
  const eraYear = m[2] === '元' ? 1 : Number(m[2]);
  if (!era || eraYear < 1) return null;
  const fy = era.startYear + eraYear - 1;
  // Accept only names actually in use: the era must be in force at some time during the year
  // (平成31年度 and 令和元年度 are both FY2019; 平成32年度 and 昭和64年度 never existed).
  const { start, end } = fiscalYearRange(fy);
  const next = ERAS[ERAS.indexOf(era) + 1];
  if (end < era.start || (next && start >= next.start)) return null;
  return fy;
}

/**
 * Parses a fiscal year written as '2022', 'FY2022', '2022年度', '令和4年度', '令和4', 'R4', 'r4',
 * 'Ｒ４', '令和元年度', 'R1', '平成30年度', 'H30', 'Reiwa 4' or the dual label
 * '令和4年度（2022年度）' (both halves must agree). Input is NFKC-normalised and spaces are
 * ignored. Returns null for anything else ('R0', 'X4', '', '平成32年度').
 */
export function parseFiscalYear(input: string): number | null {
  const s = input.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return null;
  const dual = /^(.+)\((\d{4})年度\)$/.exec(s);
  if (dual?.[1] && dual[2]) {
    const a = parseFiscalYear(dual[1]);
    return a !== null && a === Number(dual[2]) ? a : null;
  }
  const g = GREGORIAN_FY.exec(s);
  if (g?.[1]) {
    const fy = Number(g[1]);
    return fy >= 1000 && fy <= 9998 ? fy : null;
  }
  return parseEraFiscalYear(s);
}
