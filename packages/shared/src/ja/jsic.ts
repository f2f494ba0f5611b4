/**
 * 日本標準産業分類 (JSIC), 14th revision (総務省, 告示 2023, in force 2024-04-01):
 * 20 divisions (大分類, letter A–T), 99 major groups (中分類, 2 digits), 536 groups
 * (小分類, 3 digits), 1,473 industries (細分類, 4 digits). Names only, in Japanese and English.
 * Data generated into packages/shared/data/jsic.json by generate.mjs (source: 総務省 via
 * kobesoft-inc/jsic-data).
 */
import jsicData from '../../data/jsic.json' with { type: 'json' };

export type JsicLevel = 'division' | 'majorGroup' | 'group' | 'industry';

export interface JsicEntry {
  /** 'E', '09', '091', '0911'. */
  code: string;
  level: JsicLevel;
  /** Japanese name, e.g. '製造業'. */
  name: string;
  /** English name as published (divisions and major groups are in capitals). */
  nameEn: string;
  /** Code of the level above; undefined for a division. */
  parent: string | undefined;
}

function levelOf(code: string): JsicLevel {
  if (/^[A-Z]$/.test(code)) return 'division';
  if (code.length === 2) return 'majorGroup';
  return code.length === 3 ? 'group' : 'industry';
}

/** Every entry, in classification order (each division followed by its descendants). */
export const JSIC_ENTRIES: readonly JsicEntry[] = /* @__PURE__ */ jsicData.jsic.map(
  (r: { code: string; name: string; nameEn: string; parent?: string }) => ({
    code: r.code,
    level: levelOf(r.code),
    name: r.name,
    nameEn: r.nameEn,
    parent: r.parent,
  }),
);

let byCode: Map<string, JsicEntry> | undefined;

function entry(code: string): JsicEntry | undefined {
  byCode ??= new Map(JSIC_ENTRIES.map((e) => [e.code, e]));
  return byCode.get(code);
}

/** The 20 divisions (大分類) A–T. */
export const JSIC_DIVISIONS: readonly JsicEntry[] = /* @__PURE__ */ JSIC_ENTRIES.filter(
  (e) => e.level === 'division',
);

/** Trims and NFKC-normalises (full-width '０９１１' or 'ｅ' work); letters are upper-cased. */
function normalizeJsicCode(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase();
}

/** The entry for a code at any level ('E', '09', '091', '0911'), or undefined. */
export function findJsic(code: string): JsicEntry | undefined {
  return entry(normalizeJsicCode(code));
}

/** True if the code exists in JSIC rev. 14 at any level. */
export function isValidJsicCode(code: string): boolean {
  return findJsic(code) !== undefined;
}

/**
 * The 2-digit major group (中分類) code of an existing 2-, 3- or 4-digit code
 * ('0911' → '09'); undefined for divisions and unknown codes.
 */
export function jsicMajorGroupOf(code: string): string | undefined {
  const e = findJsic(code);
  return e && e.level !== 'division' ? e.code.slice(0, 2) : undefined;
}

/** The division letter of an existing code at any level ('0911' → 'E', 'E' → 'E'). */
export function jsicDivisionOf(code: string): string | undefined {
  let e = findJsic(code);
  while (e?.parent !== undefined) e = entry(e.parent);
  return e?.code;
}

/** The chain from the division down to this code ('0911' → [E, 09, 091, 0911]); empty if unknown. */
export function jsicPath(code: string): JsicEntry[] {
  const path: JsicEntry[] = [];
  for (let e = findJsic(code); e; e = e.parent === undefined ? undefined : entry(e.parent)) {
    path.unshift(e);
  }
  return path;
}

/** Direct children of a code (a division's major groups, …), in order; empty for an industry. */
export function jsicChildren(code: string): JsicEntry[] {
  const c = normalizeJsicCode(code);
  return JSIC_ENTRIES.filter((e) => e.parent === c);
}
