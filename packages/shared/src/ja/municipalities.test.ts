import { describe, expect, it } from 'vitest';
import { isValidLgCode } from './lg-code';
import {
  findMunicipality,
  findPrefecture,
  isDesignatedCityWard,
  MUNICIPALITIES,
  municipalitiesByPrefecture,
  PREFECTURES,
} from './municipalities';
import { hasSharedData, parseCsv, readSharedData } from './testing/shared-data';

describe('findMunicipality', () => {
  it('finds 川崎市 and its wards by 6- or 5-digit code', () => {
    const kawasaki = {
      code: '141305',
      prefecture: '神奈川県',
      name: '川崎市',
      nameKana: 'かわさきし',
    };
    expect(findMunicipality('141305')).toEqual(kawasaki);
    expect(findMunicipality('14130')).toEqual(kawasaki);
    expect(findMunicipality('１４１３０５')).toEqual(kawasaki);
    expect(findMunicipality('141330')).toEqual({
      code: '141330',
      prefecture: '神奈川県',
      name: '川崎市 中原区',
      nameKana: 'かわさきし なかはらく',
    });
  });

  it('returns undefined for unknown codes, bad check digits and prefecture codes', () => {
    expect(findMunicipality('141306')).toBeUndefined();
    expect(findMunicipality('140007')).toBeUndefined(); // 神奈川県 itself
    expect(findMunicipality('99999')).toBeUndefined();
    expect(findMunicipality('')).toBeUndefined();
  });
});

describe('MUNICIPALITIES', () => {
  it('has 1,916 entries with valid, unique, ascending codes', () => {
    expect(MUNICIPALITIES).toHaveLength(1916);
    const codes = MUNICIPALITIES.map((m) => m.code);
    expect(codes.every(isValidLgCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('has the 175 designated-city wards, named with their city', () => {
    const wards = MUNICIPALITIES.filter(isDesignatedCityWard);
    expect(wards).toHaveLength(175);
    for (const w of wards) expect(w.name).toMatch(/^\S+市 \S+区$/);
    const chiyoda = findMunicipality('131016');
    expect(chiyoda?.name).toBe('千代田区');
    expect(chiyoda && isDesignatedCityWard(chiyoda)).toBe(false);
  });

  it('gives every entry a prefecture matching its code and a hiragana reading', () => {
    for (const m of MUNICIPALITIES) {
      expect(findPrefecture(m.code.slice(0, 2))?.name).toBe(m.prefecture);
      expect(m.nameKana).toMatch(/^[\u3041-\u309f\u30fc ]+$/);
    }
  });
});

describe('PREFECTURES', () => {
  it('lists the 47 prefectures with 2-digit codes in order', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(PREFECTURES.map((p) => p.code)).toEqual(
      Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(PREFECTURES[0]).toEqual({
      code: '01',
      name: '北海道',
      nameKana: 'ほっかいどう',
      nameEn: 'Hokkaido',
      lgCode: '010006',
    });
    expect(findPrefecture('14')?.name).toBe('神奈川県');
    expect(findPrefecture('神奈川県')?.lgCode).toBe('140007');
    expect(findPrefecture('140007')?.code).toBe('14');
    expect(findPrefecture('１３')?.name).toBe('東京都');
    expect(findPrefecture('48')).toBeUndefined();
    for (const p of PREFECTURES) expect(isValidLgCode(p.lgCode)).toBe(true);
  });
});

describe('municipalitiesByPrefecture', () => {
  it('lists 神奈川県 with 川崎市 followed by its seven wards', () => {
    const kanagawa = municipalitiesByPrefecture('神奈川県');
    expect(municipalitiesByPrefecture('14')).toEqual(kanagawa);
    const i = kanagawa.findIndex((m) => m.name === '川崎市');
    expect(kanagawa.slice(i + 1, i + 8).map((m) => m.name)).toEqual([
      '川崎市 川崎区',
      '川崎市 幸区',
      '川崎市 中原区',
      '川崎市 高津区',
      '川崎市 多摩区',
      '川崎市 宮前区',
      '川崎市 麻生区',
    ]);
    expect(kanagawa.every((m) => m.prefecture === '神奈川県')).toBe(true);
  });

  it('covers every municipality exactly once across the 47 prefectures', () => {
    const total = PREFECTURES.reduce((n, p) => n + municipalitiesByPrefecture(p.name).length, 0);
    expect(total).toBe(MUNICIPALITIES.length);
  });

  it('is empty for an unknown prefecture', () => {
    expect(municipalitiesByPrefecture('神奈川')).toEqual([]);
    expect(municipalitiesByPrefecture('')).toEqual([]);
  });
});

describe.skipIf(!hasSharedData)('generated data matches the source CSVs', () => {
  it('has one entry per localgovjp row with the same code, prefecture, name and reading', () => {
    const rows = parseCsv(readSharedData('localgovjp-utf8.csv'));
    expect(rows).toHaveLength(MUNICIPALITIES.length);
    for (const row of rows) {
      expect(findMunicipality(row.lgcode ?? '')).toEqual({
        code: row.lgcode,
        prefecture: row.pref,
        name: row.city,
        nameKana: row.citykana,
      });
    }
  });

  it('has the prefectures of prefjp', () => {
    const rows = parseCsv(readSharedData('prefjp-utf8.csv'));
    for (const row of rows) {
      const p = findPrefecture(row.pref ?? '');
      expect(p?.lgCode).toBe((row.lgcode ?? '').padStart(6, '0'));
      expect(p?.nameKana).toBe(row.prefkana);
      expect(p?.nameEn).toBe(row.pref_en);
    }
  });
});
