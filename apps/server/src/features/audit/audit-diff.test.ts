import { describe, expect, it } from 'vitest';
import { diffRecords } from './audit-diff';

describe('diffRecords', () => {
  it('lists only changed fields with before and after, dates as ISO strings', () => {
    const before = { name: '旧', tags: ['a'], archivedAt: null, version: 1, searchTokens: ['x'] };
    const after = {
      name: '新',
      tags: ['a'],
      archivedAt: new Date('2026-01-02T03:04:05Z'),
      version: 2,
      searchTokens: ['y'],
    };
    expect(diffRecords(before, after)).toEqual({
      name: { before: '旧', after: '新' },
      archivedAt: { before: null, after: '2026-01-02T03:04:05.000Z' },
    });
  });

  it('never records secrets or derived columns', () => {
    const changes = diffRecords(null, {
      passwordHash: '$argon2id$…',
      email: 'a@b.jp',
      tenantId: 't',
    });
    expect(Object.keys(changes)).toEqual(['email']);
  });
});
