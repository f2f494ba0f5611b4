import { describe, expect, it } from 'vitest';
import { MunicipalityFilterError, municipalityFilter } from './municipality-filter';

describe('municipalityFilter', () => {
  it('includes the wards of a designated city, given as 5 or 6 digits', () => {
    for (const code of ['14130', '141305']) {
      const inKawasaki = municipalityFilter(code);
      expect(inKawasaki('141305')).toBe(true);
      expect(inKawasaki('141330')).toBe(true); // 中原区
      expect(inKawasaki('141372')).toBe(true); // 麻生区
      expect(inKawasaki('141011')).toBe(false); // 横浜市鶴見区
      expect(inKawasaki(null)).toBe(false);
    }
  });

  it('selects one ward only, or a whole prefecture', () => {
    const nakahara = municipalityFilter('14133');
    expect(nakahara('141330')).toBe(true);
    expect(nakahara('141348')).toBe(false);
    const kanagawa = municipalityFilter('14');
    expect(kanagawa('141011')).toBe(true);
    expect(kanagawa('131016')).toBe(false);
  });

  it('refuses unknown codes', () => {
    for (const bad of ['99', '14999', '141306', 'abc'])
      expect(() => municipalityFilter(bad)).toThrow(MunicipalityFilterError);
  });
});
