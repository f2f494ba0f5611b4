import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYmd } from './date';
import {
  ERAS,
  findEra,
  fiscalYearDualLabel,
  fiscalYearLabel,
  formatWarekiDate,
  formatWarekiShort,
  fromWareki,
  parseFiscalYear,
  toWareki,
} from './wareki';

describe('ERAS', () => {
  it('lists the five modern eras in order with their letters and English names', () => {
    expect(ERAS.map((e) => `${e.name} ${e.letter} ${e.nameEn} ${e.start}`)).toEqual([
      '明治 M Meiji 1868-01-25',
      '大正 T Taisho 1912-07-30',
      '昭和 S Showa 1926-12-25',
      '平成 H Heisei 1989-01-08',
      '令和 R Reiwa 2019-05-01',
    ]);
  });

  it('findEra accepts names, letters in either case or width, English names and era squares', () => {
    for (const s of ['令和', 'R', 'r', 'Ｒ', 'ｒ', 'Reiwa', 'REIWA', '㋿', ' 令和 ']) {
      expect(findEra(s)?.name, s).toBe('令和');
    }
    expect(findEra('㍻')?.name).toBe('平成');
    expect(findEra('㍼')?.name).toBe('昭和');
    expect(findEra('X')).toBeUndefined();
    expect(findEra('')).toBeUndefined();
  });
});

describe('toWareki / formatWarekiDate', () => {
  it('changes era on the first day of each era', () => {
    expect(toWareki('2019-04-30')).toEqual({ era: '平成', eraYear: 31, month: 4, day: 30 });
    expect(toWareki('2019-05-01')).toEqual({ era: '令和', eraYear: 1, month: 5, day: 1 });
    expect(toWareki('1989-01-07')).toEqual({ era: '昭和', eraYear: 64, month: 1, day: 7 });
    expect(toWareki('1989-01-08')).toEqual({ era: '平成', eraYear: 1, month: 1, day: 8 });
    expect(toWareki('1926-12-24').era).toBe('大正');
    expect(toWareki('1926-12-25')).toEqual({ era: '昭和', eraYear: 1, month: 12, day: 25 });
    expect(toWareki('1912-07-29')).toEqual({ era: '明治', eraYear: 45, month: 7, day: 29 });
    expect(toWareki('1912-07-30').era).toBe('大正');
    expect(toWareki('1868-01-25')).toEqual({ era: '明治', eraYear: 1, month: 1, day: 25 });
  });

  it('throws before 明治 and on invalid dates', () => {
    expect(() => toWareki('1868-01-24')).toThrow(RangeError);
    expect(() => toWareki('2025-02-29')).toThrow(RangeError);
  });

  it('formats with 元年', () => {
    expect(formatWarekiDate('2025-03-31')).toBe('令和7年3月31日');
    expect(formatWarekiDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWarekiDate('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWarekiDate('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWarekiShort('2025-03-31')).toBe('R7.3.31');
    expect(formatWarekiShort('2019-05-01')).toBe('R1.5.1');
  });
});

describe('fromWareki', () => {
  it('converts era dates to ISO dates', () => {
    expect(fromWareki('令和', 7, 3, 31)).toBe('2025-03-31');
    expect(fromWareki('R', 1, 5, 1)).toBe('2019-05-01');
    expect(fromWareki('r', 4)).toBe('2022-01-01');
    expect(fromWareki('Ｈ', 31, 4, 30)).toBe('2019-04-30');
    expect(fromWareki('昭和', 64, 1, 7)).toBe('1989-01-07');
    expect(fromWareki('Meiji', 1, 1, 25)).toBe('1868-01-25');
  });

  it('rejects dates outside the era, impossible dates, bad years and unknown eras', () => {
    expect(() => fromWareki('令和', 1)).toThrow(RangeError); // 2019-01-01 is 平成
    expect(() => fromWareki('令和', 1, 4, 30)).toThrow(RangeError);
    expect(() => fromWareki('平成', 31, 5, 1)).toThrow(RangeError);
    expect(() => fromWareki('平成', 32)).toThrow(RangeError);
    expect(() => fromWareki('昭和', 64, 1, 8)).toThrow(RangeError);
    expect(() => fromWareki('令和', 5, 2, 29)).toThrow(RangeError);
    expect(() => fromWareki('令和', 0, 5, 1)).toThrow(RangeError);
    expect(() => fromWareki('令和', 1.5, 5, 1)).toThrow(RangeError);
    expect(() => fromWareki('X', 1)).toThrow(RangeError);
    expect(() => fromWareki('明治', 1, 1, 24)).toThrow(RangeError);
  });

  it('round-trips with toWareki for every date from 1868-01-25 to 2200', () => {
    const min = Date.UTC(1868, 0, 25) / 86_400_000;
    const max = Date.UTC(2200, 11, 31) / 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min, max }), (day) => {
        const ymd = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const w = toWareki(ymd);
        expect(fromWareki(w.era, w.eraYear, w.month, w.day)).toBe(ymd);
      }),
    );
  });
});

describe('fiscalYearLabel', () => {
  it('names fiscal years by era', () => {
    expect(fiscalYearLabel(2022)).toBe('令和4年度');
    expect(fiscalYearLabel(2020)).toBe('令和2年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1989)).toBe('平成元年度');
    expect(fiscalYearLabel(1988)).toBe('昭和63年度');
    expect(fiscalYearLabel(1868)).toBe('明治元年度');
  });

  it('calls FY2019 令和元年度 in municipal style (default) and 平成31年度 in strict style', () => {
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2019, 'municipal')).toBe('令和元年度');
    expect(fiscalYearLabel(2019, 'strict')).toBe('平成31年度');
    // Only FY2019 differs between the styles.
    for (let fy = 1868; fy <= 2100; fy++) {
      if (fy !== 2019) expect(fiscalYearLabel(fy, 'municipal')).toBe(fiscalYearLabel(fy, 'strict'));
    }
  });

  it('throws for fiscal years starting before 明治', () => {
    expect(() => fiscalYearLabel(1867)).toThrow(RangeError);
  });

  it('has a dual label with the Gregorian year', () => {
    expect(fiscalYearDualLabel(2022)).toBe('令和4年度（2022年度）');
    expect(fiscalYearDualLabel(2019, 'strict')).toBe('平成31年度（2019年度）');
  });
});

describe('parseFiscalYear', () => {
  it.each([
    ['2022', 2022],
    ['FY2022', 2022],
    ['fy 2022', 2022],
    ['2022年度', 2022],
    ['令和4年度', 2022],
    ['令和4', 2022],
    ['令和４年度', 2022],
    ['R4', 2022],
    ['r4', 2022],
    ['Ｒ４', 2022],
    ['Reiwa 4', 2022],
    ['㋿4年度', 2022],
    ['令和元年度', 2019],
    ['R1', 2019],
    ['平成31年度', 2019],
    ['H31', 2019],
    ['平成30年度', 2018],
    ['H30', 2018],
    ['平成元年度', 1989],
    ['昭和63年度', 1988],
    ['明治元年度', 1868],
    ['令和4年度（2022年度）', 2022],
    [' 令和 4 年度 ', 2022],
  ])('%s → %i', (input, fy) => {
    expect(parseFiscalYear(input)).toBe(fy);
  });

  it.each([
    'R0',
    'X4',
    '',
    '   ',
    '令和',
    '令和0年度',
    '平成32年度', // 平成 was over before FY2020 began
    '昭和64年度', // 昭和64年 ended on 1989-01-07, in FY1988 (昭和63年度)
    '令和4年度（2023年度）',
    '22',
    '20222',
    'FY',
    '令和4年度度',
    '4R',
  ])('%j → null', (input) => {
    expect(parseFiscalYear(input)).toBeNull();
  });

  it('parses every label it produces, in both styles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1868, max: 2300 }),
        fc.constantFrom('municipal' as const, 'strict' as const),
        (fy, style) => {
          expect(parseFiscalYear(fiscalYearLabel(fy, style))).toBe(fy);
          expect(parseFiscalYear(fiscalYearDualLabel(fy, style))).toBe(fy);
          expect(parseFiscalYear(String(fy))).toBe(fy);
          expect(parseFiscalYear(`FY${fy}`)).toBe(fy);
        },
      ),
    );
  });

  it('parses the short form of the era in force on April 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1868, max: 2300 }), (fy) => {
        const w = toWareki(formatYmd(fy, 4, 1));
        const letter = findEra(w.era)?.letter ?? '?';
        expect(parseFiscalYear(`${letter}${w.eraYear}`)).toBe(fy);
      }),
    );
  });
});
