import { describe, expect, it } from 'vitest';
import { presentKpiRecord } from './programs.presenter';

const at = '2026-03-31T01:00:00.000Z';
const id = '00000000-0000-4000-8000-000000000001';

describe('presentKpiRecord', () => {
  it('labels a visit with its kind in the request language', () => {
    const row = {
      entity: 'visit' as const,
      id,
      at,
      value: null,
      company: '川崎精工',
      kind: 'caravan',
      day: '2026-03-31',
    };
    expect(presentKpiRecord(row, 'ja').label).toBe('川崎精工　出張キャラバン　2026/03/31');
    expect(presentKpiRecord(row, 'en').label).toBe('川崎精工 — Caravan visit, 2026-03-31');
  });

  it('keeps an unknown kind as its code', () => {
    const row = {
      entity: 'visit' as const,
      id,
      at,
      value: null,
      company: 'A',
      kind: 'x',
      day: '2026-04-01',
    };
    expect(presentKpiRecord(row, 'ja').label).toBe('A　x　2026/04/01');
  });

  it('labels companies, follow-ups and matches', () => {
    expect(presentKpiRecord({ entity: 'company', id, at, value: 3, name: 'A社' }, 'en')).toEqual({
      entity: 'company',
      id,
      at,
      value: 3,
      label: 'A社',
    });
    const counted = { entity: 'company' as const, id, at, value: null, name: 'A社', visits: 2 };
    expect(presentKpiRecord(counted, 'ja').label).toBe('A社（訪問2件）');
    expect(presentKpiRecord(counted, 'en').label).toBe('A社 (2 visits)');
    const match = { entity: 'match' as const, id, at, value: null, company: 'A社', title: '特許' };
    expect(presentKpiRecord(match, 'ja').label).toBe('A社：特許');
    expect(presentKpiRecord(match, 'en').label).toBe('A社: 特許');
  });
});
