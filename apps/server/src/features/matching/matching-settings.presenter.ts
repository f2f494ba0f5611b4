import { findMunicipality, findPrefecture, type MatchingSettings } from '@banso/shared';
import type { MatchingSettingsRecord } from './matching-settings.repository';

/** '09' → 栃木県 (Tochigi); '092011' → 栃木県 宇都宮市. A code no longer listed keeps its code. */
export function presentPartnerRegion(code: string): MatchingSettings['partnerRegions'][number] {
  if (code.length === 2) {
    const p = findPrefecture(code);
    return { code, kind: 'prefecture', name: p?.name ?? code, nameEn: p?.nameEn ?? null };
  }
  const m = findMunicipality(code);
  return {
    code,
    kind: 'municipality',
    name: m ? `${m.prefecture} ${m.name}` : code,
    nameEn: null,
  };
}

export const presentMatchingSettings = (s: MatchingSettingsRecord): MatchingSettings => ({
  partnerRegions: s.partnerRegions.map(presentPartnerRegion),
});
