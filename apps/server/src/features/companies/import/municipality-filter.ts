import { findMunicipality, findPrefecture, MUNICIPALITIES, normalizeLgCode } from '@banso/shared';

export class MunicipalityFilterError extends Error {
  constructor(readonly input: string) {
    super(`Unknown municipality or prefecture code: ${input}`);
    this.name = 'MunicipalityFilterError';
  }
}

/**
 * "Only companies in this region": a 2-digit prefecture code, or a 5- or 6-digit municipality
 * code. A designated city (川崎市 14130) includes its wards (川崎区 14131 …), since the 国税庁
 * data gives a company's ward, not its city. Returns a test for 6-digit codes.
 */
export function municipalityFilter(input: string): (code6: string | null) => boolean {
  const s = input.normalize('NFKC').trim();
  if (/^\d{2}$/.test(s)) {
    if (!findPrefecture(s)) throw new MunicipalityFilterError(input);
    return (code) => code?.startsWith(s) ?? false;
  }
  const code6 = normalizeLgCode(s);
  const municipality = code6 ? findMunicipality(code6) : undefined;
  if (!municipality) throw new MunicipalityFilterError(input);
  const codes = new Set([municipality.code]);
  const wardPrefix = `${municipality.name} `;
  for (const m of MUNICIPALITIES) {
    if (m.prefecture === municipality.prefecture && m.name.startsWith(wardPrefix))
      codes.add(m.code);
  }
  return (code) => code !== null && codes.has(code);
}
