import { describe, expect, it } from 'vitest';
import { ipcClass, jsicMajorGroup } from './affinity';
import { evaluateRankings } from './evaluation';
import { listOf, needFromRecord, RecordError, seedFromRecord } from './records';

describe('input records', () => {
  it('reads seeds: lists from arrays or ; 、 separated strings, unknown fields ignored', () => {
    expect(
      seedFromRecord({
        id: 7,
        title: ' 金型 ',
        fields: '成形;加工',
        ipc: ['B29C 45/00'],
        colour: 'red',
      }),
    ).toEqual({
      id: '7',
      title: '金型',
      abstract: '',
      fields: ['成形', '加工'],
      applicableProducts: [],
      effects: '',
      ipc: ['B29C 45/00'],
    });
    expect(listOf('自動車部品、家電；玩具; ')).toEqual(['自動車部品', '家電', '玩具']);
  });

  it('reads needs and rejects a record without id', () => {
    expect(
      needFromRecord({ id: 'c1', name: '川崎工業', jsic: '2451', municipality: '141305' }),
    ).toMatchObject({
      id: 'c1',
      technologies: [],
      jsic: '2451',
      municipality: '141305',
    });
    expect(() => needFromRecord({ name: 'x' })).toThrow(RecordError);
    expect(() => seedFromRecord({ id: '  ' })).toThrow(RecordError);
  });

  it('parses IPC classes and JSIC major groups', () => {
    expect(ipcClass('B29C 70/06')).toBe('B29');
    expect(ipcClass('ｂ２９ｃ')).toBe('B29');
    expect(ipcClass('29C')).toBeUndefined();
    expect(jsicMajorGroup('1821')).toBe('18');
    expect(jsicMajorGroup('E')).toBeUndefined();
  });

  it('computes recall@k and MRR', () => {
    expect(
      evaluateRankings([
        { relevant: 'a', ranking: ['a', 'b'] },
        { relevant: 'a', ranking: ['b', 'c', 'd', 'e', 'f', 'a'] },
        { relevant: 'a', ranking: ['b'] },
      ]),
    ).toEqual({ queries: 3, recallAt5: 0.333, recallAt10: 0.667, mrr: 0.389 });
  });
});
