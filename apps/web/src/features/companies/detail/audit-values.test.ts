import { describe, expect, it } from 'vitest';
import { changeRows, formatAuditValue, isCreation, type ValueFormatters } from './audit-values';

const f: ValueFormatters = {
  language: 'ja',
  date: (v) => `D(${v})`,
  dateTime: (v) => `DT(${v})`,
  label: (key) => ({ 'kind.sme': '中小企業', 'successor.none': '不在' })[key],
};

describe('audit values', () => {
  it('orders changes as the profile does and drops bookkeeping and empty-to-empty fields', () => {
    const rows = changeRows({
      changes: {
        version: { before: 1, after: 2 },
        updatedAt: { before: 'a', after: 'b' },
        tags: { before: [], after: ['x'] },
        name: { before: 'A', after: 'B' },
        needs: { before: null, after: [] },
        zzz: { before: 1, after: 2 },
      },
    });
    expect(rows.map((r) => r.field)).toEqual(['name', 'tags', 'zzz']);
  });

  it('tells a creation from an update that fills empty fields', () => {
    expect(isCreation({ changes: { id: { before: null, after: 'x' } } })).toBe(true);
    expect(isCreation({ changes: { employees: { before: null, after: 3 } } })).toBe(false);
  });

  it('formats codes, money, lists and dates for people', () => {
    expect(formatAuditValue('kind', 'sme', f)).toBe('中小企業');
    expect(formatAuditValue('successorStatus', 'none', f)).toBe('不在');
    expect(formatAuditValue('jsicCode', 'E', f)).toBe('E 製造業');
    expect(formatAuditValue('municipalityCode', '141305', f)).toBe('神奈川県 川崎市（141305）');
    expect(formatAuditValue('capitalYen', 10_000_000, f)).toBe('10,000,000円');
    expect(formatAuditValue('tags', ['a', 'b'], f)).toBe('a、b');
    expect(formatAuditValue('archivedAt', '2025-01-01T00:00:00.000Z', f)).toBe(
      'DT(2025-01-01T00:00:00.000Z)',
    );
    expect(formatAuditValue('closedOn', '2025-01-01', f)).toBe('D(2025-01-01)');
    expect(formatAuditValue('postalCode', '2110004', f)).toBe('〒211-0004');
    expect(formatAuditValue('address', null, f)).toBe('—');
    expect(formatAuditValue('kind', 'unknown-kind', f)).toBe('unknown-kind');
  });
});
