import { MATCH_STAGES, type MatchStage } from '@banso/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDateCorrection, checkStageDates, checkStageMove } from './match-stages';

describe('licence pipeline stages', () => {
  it('moves forward only, skipping early stages is allowed', () => {
    expect(
      checkStageMove('candidate', { candidate: '2024-04-01' }, 'meeting', '2024-05-01'),
    ).toBeNull();
    expect(checkStageMove('meeting', {}, 'introduced', '2024-05-02')).toEqual({
      field: 'stage',
      code: 'stage_order',
    });
    expect(checkStageMove('meeting', {}, 'meeting', '2024-05-02')?.code).toBe('stage_order');
  });

  it('refuses 試作・評価 and 製品化 before 契約', () => {
    const dates = { candidate: '2024-04-01', negotiating: '2024-06-01' };
    expect(checkStageMove('negotiating', dates, 'commercialized', '2025-01-10')).toEqual({
      field: 'stage',
      code: 'stage_needs_contract',
    });
    expect(checkStageMove('negotiating', dates, 'prototyping', '2025-01-10')?.code).toBe(
      'stage_needs_contract',
    );
    expect(checkStageMove('negotiating', dates, 'contracted', '2024-09-30')).toBeNull();
    expect(
      checkStageMove(
        'contracted',
        { ...dates, contracted: '2024-09-30' },
        'commercialized',
        '2025-01-10',
      ),
    ).toBeNull();
  });

  it('refuses a day before an earlier stage’s day', () => {
    expect(
      checkStageMove(
        'meeting',
        { candidate: '2024-04-01', meeting: '2024-05-01' },
        'negotiating',
        '2024-04-30',
      ),
    ).toEqual({ field: 'stageDates.negotiating', code: 'date_order' });
  });

  it('accepts any forward path through the contract with days in order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: MATCH_STAGES.length - 1 }), { minLength: 1 }),
        (picked) => {
          const path = [...picked].sort((a, b) => a - b).map((i) => MATCH_STAGES[i] as MatchStage);
          let current: MatchStage = 'candidate';
          const dates: Partial<Record<MatchStage, string>> = { candidate: '2024-04-01' };
          let day = 1;
          for (const next of path) {
            const on = `2024-05-${String(day++).padStart(2, '0')}`;
            const problem = checkStageMove(current, dates, next, on);
            const needsContract = next === 'prototyping' || next === 'commercialized';
            if (needsContract && !dates.contracted) {
              expect(problem?.code).toBe('stage_needs_contract');
              return;
            }
            expect(problem).toBeNull();
            dates[next] = on;
            current = next;
          }
          expect(checkStageDates(dates)).toBeNull();
        },
      ),
    );
  });

  it('lets a correction change only days of stages reached, keeping the contract’s day', () => {
    expect(
      checkDateCorrection('meeting', { candidate: '2024-04-01', meeting: '2024-05-01' }),
    ).toBeNull();
    expect(checkDateCorrection('meeting', { contracted: '2024-05-01' })?.field).toBe(
      'stageDates.contracted',
    );
    expect(checkDateCorrection('commercialized', { commercialized: '2025-01-01' })?.code).toBe(
      'stage_needs_contract',
    );
  });
});
