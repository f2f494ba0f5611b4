import { describe, expect, it } from 'vitest';
import {
  emptyCompanyValues,
  groupFieldProblems,
  validateCreate,
  validateUpdate,
  valuesToInput,
} from './company-form-values';

const msg = (ja: string) => ({ ja, en: ja });

describe('company form values', () => {
  it('validates a new company with the contract and returns its normalised body', () => {
    const result = validateCreate({
      ...emptyCompanyValues(),
      corporateNumber: '１１８０-３０１０-１８７７１',
      name: ' 株式会社かわさき精工 ',
      capitalYen: '1,000,000',
      tags: ['承継', '承継'],
    });
    expect(result).toMatchObject({
      ok: true,
      body: {
        corporateNumber: '1180301018771',
        name: '株式会社かわさき精工',
        capitalYen: 1_000_000,
        employees: null,
        nameKana: null,
        tags: ['承継'],
      },
    });
  });

  it('gives the API’s field codes as ja/en messages, per form field', () => {
    const result = validateCreate({ ...emptyCompanyValues(), name: 'x', corporateNumber: '12345' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.corporateNumber).toEqual({
      ja: '法人番号は13桁で入力してください。',
      en: 'The corporate number must have 13 digits.',
    });
  });

  it('keeps an unreadable number for the contract to reject rather than dropping it', () => {
    expect(valuesToInput({ ...emptyCompanyValues(), employees: '12a' }).employees).toBe('12a');
    expect(valuesToInput({ ...emptyCompanyValues(), foundedYear: '１９６５' }).foundedYear).toBe(
      1965,
    );
    expect(validateCreate({ ...emptyCompanyValues(), name: 'x', employees: '12a' }).ok).toBe(false);
  });

  it('patches only the fields whose normalised value changed, with the version read', () => {
    const initial = { ...emptyCompanyValues(), name: '株式会社A', employees: 10, tags: ['a'] };
    const edited = { ...initial, name: '株式会社A ', employees: '11', tags: ['a', 'b'] };
    expect(validateUpdate(edited, initial, 7)).toEqual({
      ok: true,
      body: { version: 7, employees: 11, tags: ['a', 'b'] },
    });
    expect(validateUpdate(initial, initial, 7)).toEqual({ ok: true, body: { version: 7 } });
  });

  it('sends every field when the company was loaded with a value the contract now rejects', () => {
    const initial = { ...emptyCompanyValues(), name: 'A', postalCode: '12' };
    const fixed = { ...initial, postalCode: '210-0007' };
    const result = validateUpdate(fixed, initial, 2);
    expect(result.ok && Object.keys(result.body)).toContain('name');
    expect(result.ok && result.body.postalCode).toBe('2100007');
  });

  it('groups problems by form field; those without a field go to `other`', () => {
    expect(
      groupFieldProblems([
        { field: 'tags.0', message: msg('長すぎます') },
        { field: 'tags.1', message: msg('二つ目') },
        { field: '(body)', message: msg('不明な項目です。') },
      ]),
    ).toEqual({
      tags: msg('長すぎます'),
      other: [{ field: '(body)', message: msg('不明な項目です。') }],
    });
  });
});
