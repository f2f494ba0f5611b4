import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { reasonText } from './planner-reasons';

const ja = i18n.getFixedT('ja', 'caravan');
const en = i18n.getFixedT('en', 'caravan');
const succession = (age: number | null, successorStatus: string) =>
  ({ code: 'succession_risk', points: 10, detail: { age, successorStatus } }) as const;

describe('reasonText', () => {
  it('says which succession risk it is: the age, 後継者不在 or 後継者未定・不明', () => {
    expect(reasonText(succession(null, 'unknown'), ja)).toBe('後継者未定・不明');
    expect(reasonText(succession(null, 'none'), ja)).toBe('後継者不在');
    expect(reasonText(succession(76, 'none'), ja)).toBe('代表者 76歳・後継者不在');
    expect(reasonText(succession(68, 'unknown'), ja)).toBe('代表者 68歳・後継者未定・不明');
    expect(reasonText(succession(68, 'decided'), ja)).toBe('代表者 68歳・後継者決定');
    expect(reasonText(succession(null, 'unknown'), en)).toBe(
      'Succession: successor undecided or unknown',
    );
    expect(reasonText(succession(null, 'none'), en)).toBe('Succession: no successor');
  });
});
