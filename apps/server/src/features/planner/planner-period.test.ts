import { describe, expect, it } from 'vitest';
import { endOfMonths, periodOf } from './planner-period';

describe('planner periods', () => {
  it('spans whole months, across year ends and leap Februaries', () => {
    expect(periodOf('month', '2028-02-15')).toMatchObject({
      start: '2028-02-01',
      end: '2028-02-29',
    });
    expect(periodOf('quarter', '2026-11-30')).toMatchObject({
      start: '2026-11-01',
      end: '2027-01-31',
    });
    expect(endOfMonths('2026-03-01', 1)).toBe('2026-03-31');
  });
});
