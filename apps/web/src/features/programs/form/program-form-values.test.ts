import { describe, expect, it } from 'vitest';
import { buildProgram } from '../testing';
import {
  formFieldOf,
  programToValues,
  validateCreate,
  validateUpdate,
  yearsToBody,
} from './program-form-values';

describe('program form values', () => {
  it('round-trips a program: nothing changed sends only the version', () => {
    const p = buildProgram();
    const values = programToValues(p);
    expect(validateUpdate(values, values, p)).toEqual({ ok: true, body: { version: 3 } });
  });

  it('sends the years with edited activities, keeping the grid’s cost and grant', () => {
    const p = buildProgram();
    const initial = programToValues(p);
    const values = structuredClone(initial);
    values.years['2022'] = {
      figure: 'actual',
      costLabel: '',
      intro: '',
      activities: [
        { title: '1 啓発', body: '', items: '① セミナー 4回\n\n② 出張セミナー 7回\n' },
        { title: '', body: '', items: '' },
      ],
    };
    values.years['2021'] = {
      figure: 'actual',
      costLabel: '',
      intro: '前年度の取組',
      activities: [],
    };
    const result = validateUpdate(values, initial, p);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.body).sort()).toEqual(['version', 'years']);
    expect(result.body.years).toEqual([
      {
        fy: 2021,
        figure: 'actual',
        costLabel: null,
        costThousandYen: null,
        grantThousandYen: null,
        intro: '前年度の取組',
        activities: [],
      },
      {
        fy: 2022,
        figure: 'actual',
        costLabel: null,
        costThousandYen: 26718,
        grantThousandYen: 13359,
        intro: null,
        // The empty group is dropped; blank lines are not items.
        activities: [
          { title: '1 啓発', body: null, items: ['① セミナー 4回', '② 出張セミナー 7回'] },
        ],
      },
    ]);
  });

  it('a narrower period that leaves a budget year outside is a problem of the period', () => {
    const p = buildProgram();
    const initial = programToValues(p);
    const result = validateUpdate({ ...initial, toFy: '2021' }, initial, p);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.toFy).toMatchObject({ ja: '事業期間外の年度です。' });
  });

  it('checks a new program with the contract (required name, period order)', () => {
    const result = validateCreate({
      name: '',
      code: 'Bad Code',
      scheme: '',
      fromFy: '2023',
      toFy: '2021',
      description: '',
      summary: '',
      sortOrder: '0',
      years: {},
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toMatchObject({ ja: '必須項目です。' });
    expect(result.errors.code).toBeDefined();
    expect(result.errors.toFy).toMatchObject({
      ja: '事業期間の終了年度は開始年度以降にしてください。',
    });
  });

  it('maps API paths to fields, a year’s paths to that year', () => {
    const sent = yearsToBody(programToValues(buildProgram()), buildProgram().years);
    expect(formFieldOf('description.2')).toBe('description');
    expect(formFieldOf('years.0.activities.0.items.1', sent)).toBe('years.2022');
    expect(formFieldOf('years.5.fy', sent)).toBeNull();
    expect(formFieldOf('metric')).toBeNull();
  });
});
