import { z } from 'zod';
import {
  findMunicipality,
  isValidJsicCode,
  isValidLgCode,
  normalizeCorporateNumber,
  validateCorporateNumber,
} from '../ja/index';
import { LIMITS } from '../limits';
import { emptyToNull } from './common';
import { COMPANY_KINDS, SUCCESSOR_STATUSES } from './company-dto';

/** 法人番号: 13 digits with a valid check digit; full-width digits and hyphens are normalised. */
export const CorporateNumber = z
  .string()
  .transform((v) => normalizeCorporateNumber(v))
  .superRefine((v, ctx) => {
    const result = validateCorporateNumber(v);
    if (result !== 'ok') {
      ctx.addIssue({
        code: 'custom',
        params: {
          code:
            result === 'not_digits'
              ? 'corporate_number_digits'
              : result === 'length'
                ? 'corporate_number_length'
                : 'corporate_number_check_digit',
        },
      });
    }
  })
  .meta({ description: '法人番号 (13 digits, check digit validated).', example: '1180301018771' });

export const JsicCode = z
  .string()
  .trim()
  .refine((v) => isValidJsicCode(v), { params: { code: 'jsic_unknown' } })
  .meta({ description: 'JSIC (日本標準産業分類, rev. 14) code at any level: A, 09, 091, 0911.' });

export const MunicipalityCode = z
  .string()
  .trim()
  .refine((v) => isValidLgCode(v) && findMunicipality(v) !== undefined, {
    params: { code: 'municipality_unknown' },
  })
  .meta({ description: '全国地方公共団体コード, 6 digits with check digit (川崎市 = 141305).' });

export const PostalCode = z
  .string()
  .transform((v) => v.normalize('NFKC').replace(/[-\s]/g, ''))
  .refine((v) => /^\d{7}$/.test(v), { params: { code: 'postal_code_format' } });

const text = (max: number) => z.preprocess(emptyToNull, z.string().trim().max(max).nullable());
const list = z
  .array(z.string().trim().min(1).max(LIMITS.textShort))
  .max(LIMITS.listItems)
  .transform((items) => [...new Set(items)]);
const nullable = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToNull, schema.nullable());
const currentYear = () => new Date().getFullYear();

const companyFields = {
  corporateNumber: nullable(CorporateNumber),
  name: z.string().trim().min(1).max(LIMITS.textShort),
  nameKana: text(LIMITS.textShort),
  nameEn: text(LIMITS.textShort),
  kind: z.enum(COMPANY_KINDS),
  jsicCode: nullable(JsicCode),
  postalCode: nullable(PostalCode),
  municipalityCode: nullable(MunicipalityCode),
  address: text(LIMITS.textShort),
  employees: nullable(z.number().int().min(0).max(10_000_000)),
  capitalYen: nullable(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
  foundedYear: nullable(z.number().int().min(1600).max(9999)),
  representativeName: text(LIMITS.textShort),
  representativeBirthYear: nullable(
    z
      .number()
      .int()
      .refine((y) => y >= 1900 && y <= currentYear(), { params: { code: 'birth_year_range' } }),
  ),
  successorStatus: z.enum(SUCCESSOR_STATUSES),
  website: nullable(z.url({ protocol: /^https?$/ }).max(500)),
  businessDescription: text(LIMITS.textLong),
  technologies: list,
  products: list,
  equipment: list,
  needs: list,
  tags: list,
};

export const CompanyCreate = z
  .object({
    ...companyFields,
    kind: companyFields.kind.default('sme'),
    successorStatus: companyFields.successorStatus.default('unknown'),
    technologies: list.default([]),
    products: list.default([]),
    equipment: list.default([]),
    needs: list.default([]),
    tags: list.default([]),
    corporateNumber: companyFields.corporateNumber.optional(),
    nameKana: companyFields.nameKana.optional(),
    nameEn: companyFields.nameEn.optional(),
    jsicCode: companyFields.jsicCode.optional(),
    postalCode: companyFields.postalCode.optional(),
    municipalityCode: companyFields.municipalityCode.optional(),
    address: companyFields.address.optional(),
    employees: companyFields.employees.optional(),
    capitalYen: companyFields.capitalYen.optional(),
    foundedYear: companyFields.foundedYear.optional(),
    representativeName: companyFields.representativeName.optional(),
    representativeBirthYear: companyFields.representativeBirthYear.optional(),
    website: companyFields.website.optional(),
    businessDescription: companyFields.businessDescription.optional(),
  })
  .strict()
  .meta({ id: 'CompanyCreate' });
export type CompanyCreate = z.infer<typeof CompanyCreate>;

export const CompanyUpdate = z
  .object(companyFields)
  .partial()
  .extend({
    version: z.number().int().positive().max(LIMITS.rowVersionMax).meta({
      description: 'The version you read; a stale version answers 409 stale_version.',
    }),
  })
  .strict()
  .meta({ id: 'CompanyUpdate' });
export type CompanyUpdate = z.infer<typeof CompanyUpdate>;
