import { describe, expect, it } from 'vitest';
import { ipcLevel, ipcSubclassOf, ipcTitle, isValidIpc, normalizeIpc } from './ipc';

describe('IPC codes', () => {
  it('normalises width, case and spacing to the canonical form', () => {
    expect(normalizeIpc('B29C70/06')).toBe('B29C 70/06');
    expect(normalizeIpc('ｂ２９ｃ　７０／０６')).toBe('B29C 70/06');
    expect(normalizeIpc(' g06t 7/00 ')).toBe('G06T 7/00');
    expect(normalizeIpc('G06T 0007/00')).toBe('G06T 7/00');
    expect(normalizeIpc('A61L')).toBe('A61L');
    expect(normalizeIpc('A61')).toBe('A61');
    expect(normalizeIpc('H')).toBe('H');
  });

  it('refuses what is not IPC-shaped', () => {
    for (const bad of [
      '',
      'I01B',
      'B2C',
      'B29C70',
      'B29C 70/',
      'B 70/06',
      'B29 70/06',
      'X',
      '特許',
    ])
      expect(normalizeIpc(bad)).toBeUndefined();
  });

  it('accepts only sections, classes and subclasses that exist in IPC 2023.01', () => {
    expect(isValidIpc('B29C 70/06')).toBe(true);
    expect(isValidIpc('A61L 2/00')).toBe(true);
    expect(isValidIpc('B29Z 1/00')).toBe(false); // shaped like IPC, no such subclass
    expect(isValidIpc('A98')).toBe(false);
  });

  it('names the level and the subclass, and gives the WIPO title without its references', () => {
    expect(ipcLevel('B29C 70/06')).toBe('group');
    expect(ipcLevel('B29C')).toBe('subclass');
    expect(ipcLevel('B29')).toBe('class');
    expect(ipcLevel('B')).toBe('section');
    expect(ipcSubclassOf('B29C 70/06')).toBe('B29C');
    expect(ipcTitle('G06T 7/00')).toBe('IMAGE DATA PROCESSING OR GENERATION, IN GENERAL');
    expect(ipcTitle('A01B')).not.toContain('A01C 5/00');
    expect(ipcTitle('Z99')).toBeUndefined();
  });
});
