import { describe, expect, it } from 'vitest';
import {
  findJsic,
  isValidJsicCode,
  JSIC_DIVISIONS,
  JSIC_ENTRIES,
  jsicChildren,
  jsicDivisionOf,
  jsicMajorGroupOf,
  jsicPath,
} from './jsic';
import { hasSharedData, readSharedData } from './testing/shared-data';

describe('JSIC data', () => {
  it('has 20 divisions, 99 major groups, 536 groups and 1,473 industries', () => {
    const count = (level: string) => JSIC_ENTRIES.filter((e) => e.level === level).length;
    expect(count('division')).toBe(20);
    expect(count('majorGroup')).toBe(99);
    expect(count('group')).toBe(536);
    expect(count('industry')).toBe(1473);
  });

  it('lists the divisions A–T', () => {
    expect(JSIC_DIVISIONS.map((d) => d.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(JSIC_DIVISIONS[4]).toMatchObject({ code: 'E', name: '製造業', nameEn: 'MANUFACTURING' });
    expect(JSIC_DIVISIONS.every((d) => d.parent === undefined)).toBe(true);
  });

  it('is a consistent tree: every parent exists one level up and prefixes numeric codes', () => {
    const up = { majorGroup: 'division', group: 'majorGroup', industry: 'group' } as const;
    for (const e of JSIC_ENTRIES) {
      if (e.level === 'division') continue;
      const parent = findJsic(e.parent ?? '');
      expect(parent?.level, e.code).toBe(up[e.level]);
      if (parent?.level !== 'division') expect(e.code.startsWith(parent?.code ?? '?')).toBe(true);
      expect(e.name.length).toBeGreaterThan(0);
      expect(e.nameEn.length).toBeGreaterThan(0);
    }
    expect(new Set(JSIC_ENTRIES.map((e) => e.code)).size).toBe(JSIC_ENTRIES.length);
  });
});

describe('lookups', () => {
  it('finds entries at every level', () => {
    expect(findJsic('A')?.name).toBe('農業、林業');
    expect(findJsic('09')).toMatchObject({
      level: 'majorGroup',
      name: '食料品製造業',
      parent: 'E',
    });
    expect(findJsic('091')).toMatchObject({
      level: 'group',
      name: '畜産食料品製造業',
      parent: '09',
    });
    expect(findJsic('0911')).toMatchObject({
      level: 'industry',
      name: '部分肉・冷凍肉製造業',
      parent: '091',
    });
  });

  it('normalises full width, case and surrounding spaces', () => {
    expect(findJsic('０９１１')?.code).toBe('0911');
    expect(findJsic(' e ')?.code).toBe('E');
    expect(findJsic('Ｅ')?.code).toBe('E');
  });

  it('isValidJsicCode accepts existing codes only', () => {
    for (const c of ['A', 'T', '01', '99', '010', '0100', '0911'])
      expect(isValidJsicCode(c), c).toBe(true);
    for (const c of ['', 'U', 'AA', '00', '1', '9', '0912x', '09111', '019', '0915', '0990']) {
      expect(isValidJsicCode(c), c).toBe(false);
    }
  });

  it('finds the major group and division of a code', () => {
    expect(jsicMajorGroupOf('0911')).toBe('09');
    expect(jsicMajorGroupOf('091')).toBe('09');
    expect(jsicMajorGroupOf('09')).toBe('09');
    expect(jsicMajorGroupOf('E')).toBeUndefined();
    expect(jsicMajorGroupOf('0915')).toBeUndefined();
    expect(jsicDivisionOf('0911')).toBe('E');
    expect(jsicDivisionOf('01')).toBe('A');
    expect(jsicDivisionOf('9999')).toBe('T');
    expect(jsicDivisionOf('E')).toBe('E');
    expect(jsicDivisionOf('X')).toBeUndefined();
    expect(jsicPath('0911').map((e) => e.code)).toEqual(['E', '09', '091', '0911']);
    expect(jsicPath('nope')).toEqual([]);
    expect(jsicChildren('A').map((e) => e.code)).toEqual(['01', '02']);
    expect(jsicChildren('0911')).toEqual([]);
  });
});

interface SourceNode {
  code: string;
  name: string;
  name_en: string;
  middle_categories?: SourceNode[];
  minor_categories?: SourceNode[];
  detail_categories?: SourceNode[];
}

describe.skipIf(!hasSharedData)('generated data matches jsic-full.json', () => {
  it('has every node of the source with the same names and parent', () => {
    const src = JSON.parse(readSharedData('jsic-full.json')) as { major_categories: SourceNode[] };
    let n = 0;
    const visit = (node: SourceNode, parent: string | undefined) => {
      n++;
      expect(findJsic(node.code)).toMatchObject({
        code: node.code,
        name: node.name,
        nameEn: node.name_en,
        parent,
      });
      for (const child of [
        ...(node.middle_categories ?? []),
        ...(node.minor_categories ?? []),
        ...(node.detail_categories ?? []),
      ]) {
        visit(child, node.code);
      }
    };
    for (const d of src.major_categories) visit(d, undefined);
    expect(n).toBe(JSIC_ENTRIES.length);
  });
});
