import { describe, expect, it } from 'vitest';
import { budgetHeading, figureWithUnit, formatFigure, periodText, unitText } from './report-model';

describe('report text', () => {
  it('prints the budget line of the seed, with 令和 years and 千円 separators', () => {
    expect(budgetHeading(2022, '事業費', 21618, 10809)).toBe(
      '令和4年度の主な取組：事業費21,618千円（交付金10,809千円）',
    );
    expect(budgetHeading(2023, '予算額', 68710, 33425)).toBe(
      '令和5年度の主な取組：予算額68,710千円（交付金33,425千円）',
    );
    expect(budgetHeading(2019, '予算', 1000, null)).toBe('令和元年度の主な取組：予算1,000千円');
    expect(budgetHeading(2024, '予算', null, null)).toBe('令和6年度の主な取組');
  });

  it('prints figures with units as the seed does', () => {
    expect(figureWithUnit(568, '歳')).toBe('568歳');
    expect(figureWithUnit(1406427, '千円')).toBe('1,406,427千円');
    expect(figureWithUnit(26, '万人')).toBe('26万人');
    expect(figureWithUnit(2.5, '万人')).toBe('2.5万人');
    expect(figureWithUnit(null, '件')).toBe('—');
    expect(formatFigure(0)).toBe('0');
    expect(unitText('free', null)).toBe('');
    expect(unitText('free', '社')).toBe('社');
    expect(periodText(2021, 2023)).toBe('（事業期間：令和3年度～令和5年度）');
  });
});
