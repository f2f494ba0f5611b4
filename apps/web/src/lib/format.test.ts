import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatFiscalYear,
  formatNumber,
  formatSenYen,
  formatYen,
} from './format';

describe('formatDate', () => {
  it('writes Japanese dates, Gregorian by default and 和暦 on request', () => {
    expect(formatDate('2025-03-31')).toBe('2025年3月31日');
    expect(formatDate('2025-03-31', { calendar: 'wareki' })).toBe('令和7年3月31日');
    expect(formatDate('2019-05-01', { calendar: 'wareki' })).toBe('令和元年5月1日');
    expect(formatDate('2025-03-31', { language: 'en' })).toBe('31 Mar 2025');
    expect(formatDate(null)).toBe('—');
  });

  it('takes the calendar day in Asia/Tokyo, not in the browser zone', () => {
    // 2025-03-31T15:30Z is 4/1 00:30 in Tokyo: the new fiscal year.
    expect(formatDate('2025-03-31T15:30:00Z')).toBe('2025年4月1日');
    expect(formatDateTime('2025-03-31T14:59:00Z')).toBe('2025年3月31日 23:59');
  });
});

describe('numbers', () => {
  it('formats fiscal years as 令和6年度 (2024)', () => {
    expect(formatFiscalYear(2024)).toBe('令和6年度 (2024)');
    expect(formatFiscalYear(2019)).toBe('令和元年度 (2019)');
    expect(formatFiscalYear(2024, 'en')).toBe('FY2024 (令和6年度)');
  });

  it('writes yen and 千円 with thousands separators', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatYen(30000000)).toBe('30,000,000円');
    expect(formatYen(30000000, 'en')).toBe('¥30,000,000');
    expect(formatSenYen(21618)).toBe('21,618千円');
    expect(formatSenYen(null)).toBe('—');
  });
});
