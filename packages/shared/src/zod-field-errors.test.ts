import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CompanyCreate, CompanyUpdate } from './contracts/companies';
import { fieldErrorsFromZod } from './zod-field-errors';

const errorsOf = (schema: z.ZodType, input: unknown, prefix?: string[]) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a validation failure');
  return fieldErrorsFromZod(result.error, prefix).map(({ field, code, message }) => ({
    field,
    code,
    ja: message.ja,
  }));
};

describe('fieldErrorsFromZod', () => {
  it('gives the company contract’s own codes and Japanese messages', () => {
    expect(
      errorsOf(CompanyCreate, {
        corporateNumber: '1234567890123',
        postalCode: '210',
        jsicCode: 'Z9',
        municipalityCode: '141300',
        representativeBirthYear: 1800,
        kind: 'giant',
        extra: 1,
      }),
    ).toEqual([
      {
        field: 'corporateNumber',
        code: 'corporate_number_check_digit',
        ja: '法人番号のチェックディジットが正しくありません。',
      },
      { field: 'name', code: 'required', ja: '必須項目です。' },
      {
        field: 'kind',
        code: 'invalid_value',
        ja: expect.stringContaining('次のいずれかを指定してください: sme, large'),
      },
      { field: 'jsicCode', code: 'jsic_unknown', ja: '日本標準産業分類に存在しないコードです。' },
      { field: 'postalCode', code: 'postal_code_format', ja: expect.stringContaining('7桁') },
      { field: 'municipalityCode', code: 'municipality_unknown', ja: expect.any(String) },
      { field: 'representativeBirthYear', code: 'birth_year_range', ja: expect.any(String) },
      { field: '(body)', code: 'unknown_field', ja: '不明な項目です。' },
    ]);
  });

  it('maps lengths, numbers, formats and missing values, with a prefix', () => {
    expect(errorsOf(CompanyUpdate, { name: 'x'.repeat(201), employees: -1 }, ['body'])).toEqual([
      { field: 'body.name', code: 'too_long', ja: '200文字以内で入力してください。' },
      { field: 'body.employees', code: 'too_small', ja: '0以上の値を入力してください。' },
      { field: 'body.version', code: 'required', ja: '必須項目です。' },
    ]);
    expect(errorsOf(z.object({ s: z.string().min(3) }), { s: 'ab' })).toEqual([
      { field: 's', code: 'too_short', ja: '3文字以上で入力してください。' },
    ]);
    // An empty (or blank, after trim) required text is 'required', not 'at least 1 character'.
    expect(errorsOf(CompanyUpdate, { name: '   ', version: 1 })).toEqual([
      { field: 'name', code: 'required', ja: '必須項目です。' },
    ]);
    expect(errorsOf(z.object({ u: z.url() }), { u: 'nope' })).toEqual([
      { field: 'u', code: 'invalid_format', ja: '形式が正しくありません。' },
    ]);
  });
});
