/**
 * Municipalities (市区町村) and designated-city wards (政令指定都市の区) with their 6-digit
 * 全国地方公共団体コード, and the 47 prefectures. Data: code4fukui/localgovjp (CC0), generated into
 * packages/shared/data by generate.mjs.
 */
import municipalityData from '../../data/municipalities.json' with { type: 'json' };
import prefectureData from '../../data/prefectures.json' with { type: 'json' };
import { normalizeLgCode } from './lg-code';

export interface Municipality {
  /** 6-digit 全国地方公共団体コード, e.g. '141305'. */
  code: string;
  /** Prefecture name, e.g. '神奈川県'. */
  prefecture: string;
  /** '川崎市'; a designated-city ward keeps the city: '川崎市 中原区'. */
  name: string;
  /** Hiragana, e.g. 'かわさきし' ('かわさきし なかはらく' for a ward). */
  nameKana: string;
}

export interface Prefecture {
  /** 2-digit prefecture code (JIS X 0401), e.g. '14'. */
  code: string;
  name: string;
  nameKana: string;
  nameEn: string;
  /** 6-digit 全国地方公共団体コード of the prefecture itself, e.g. '140007'. */
  lgCode: string;
}

/** All municipalities and designated-city wards (1,916), ordered by code. */
export const MUNICIPALITIES: readonly Municipality[] = municipalityData.municipalities;

/** The 47 prefectures, ordered by code. */
export const PREFECTURES: readonly Prefecture[] = prefectureData.prefectures;

// Indexes are built on first use, so importing this module costs nothing until it is used.
let byCode: Map<string, Municipality> | undefined;
let byPrefecture: Map<string, Municipality[]> | undefined;

function codeIndex(): Map<string, Municipality> {
  byCode ??= new Map(MUNICIPALITIES.map((m) => [m.code, m]));
  return byCode;
}

function prefectureIndex(): Map<string, Municipality[]> {
  if (!byPrefecture) {
    byPrefecture = new Map();
    for (const m of MUNICIPALITIES) {
      const list = byPrefecture.get(m.prefecture);
      if (list) list.push(m);
      else byPrefecture.set(m.prefecture, [m]);
    }
  }
  return byPrefecture;
}

/**
 * The municipality or ward with this code. Accepts the 6-digit code or the 5-digit code without
 * check digit (as in the 国税庁 CSV: prefectureCode + cityCode). Undefined if unknown.
 */
export function findMunicipality(code: string): Municipality | undefined {
  const code6 = normalizeLgCode(code);
  return code6 === null ? undefined : codeIndex().get(code6);
}

/** A prefecture by 2-digit code ('14', '１４'), full name ('神奈川県') or 6-digit code ('140007'). */
export function findPrefecture(codeOrName: string): Prefecture | undefined {
  const s = codeOrName.normalize('NFKC').trim();
  return PREFECTURES.find((p) => p.code === s || p.name === s || p.lgCode === s);
}

/**
 * Municipalities and wards of a prefecture, by code, in code order (a designated city is
 * followed by its wards). Accepts what findPrefecture accepts; empty for an unknown prefecture.
 */
export function municipalitiesByPrefecture(prefecture: string): readonly Municipality[] {
  const p = findPrefecture(prefecture);
  return (p && prefectureIndex().get(p.name)) ?? [];
}

/** True for a designated-city ward such as '川崎市 中原区' (not for Tokyo's special wards). */
export function isDesignatedCityWard(m: Municipality): boolean {
  return m.name.includes(' ');
}
