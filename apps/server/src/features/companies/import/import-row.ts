import {
  COMPANY_STATUSES,
  CompanyCreate,
  CompanyId,
  CorporateNumber,
  emptyToNull,
  isValidYmd,
  LIMITS,
} from '@banso/shared';
import { z } from 'zod';
import { fieldErrorsFromZod } from '../../../http/zod-issues';
import type { CompanyRow } from '../companies.repository';
import type { RowError } from './row-error';

const isoDate = z.string().refine(isValidYmd, { params: { code: 'invalid_format' } });
const nullable = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToNull, schema.nullable());

/**
 * One imported row, validated with the API's own contract (CompanyCreate's fields) plus the
 * columns an import may also carry: Banso's company id, and the registry status that only
 * imports set (状態, 閉鎖日, 閉鎖事由, 承継先法人番号; 国税庁 update date).
 */
export const ImportRowSchema = z
  .object({
    ...CompanyCreate.shape,
    id: z.uuid().optional(),
    status: z.enum(COMPANY_STATUSES).default('active'),
    closedOn: nullable(isoDate).optional(),
    closeReason: z
      .preprocess(emptyToNull, z.string().trim().max(LIMITS.textShort).nullable())
      .optional(),
    successorCorporateNumber: nullable(CorporateNumber).optional(),
    ntaUpdatedOn: nullable(isoDate).optional(),
  })
  .strict();
type ParsedRow = z.infer<typeof ImportRowSchema>;

/** The company columns an import writes. */
export const DATA_FIELDS = [
  'corporateNumber',
  'name',
  'nameKana',
  'nameEn',
  'kind',
  'jsicCode',
  'postalCode',
  'municipalityCode',
  'address',
  'employees',
  'capitalYen',
  'foundedYear',
  'representativeName',
  'representativeBirthYear',
  'successorStatus',
  'website',
  'businessDescription',
  'technologies',
  'products',
  'equipment',
  'needs',
  'tags',
  'status',
  'closedOn',
  'closeReason',
  'successorCorporateNumber',
  'ntaUpdatedOn',
] as const satisfies readonly (keyof CompanyRow)[];
export type DataField = (typeof DATA_FIELDS)[number];
export type CompanyData = Pick<CompanyRow, DataField>;

export interface ImportRow {
  line: number;
  /** The file's `ID` column, if any. */
  id: CompanyId | null;
  /** Every column of a new company, defaults applied. */
  insert: CompanyData;
  /** What the row changes on an existing company: only the fields its source owns. */
  patch: Partial<CompanyData>;
  /** 国税庁 rows never move a company back to an older publication. */
  ntaUpdatedOn: string | null;
}

function toData(parsed: ParsedRow): CompanyData {
  return {
    corporateNumber: parsed.corporateNumber ?? null,
    name: parsed.name,
    nameKana: parsed.nameKana ?? null,
    nameEn: parsed.nameEn ?? null,
    kind: parsed.kind,
    jsicCode: parsed.jsicCode ?? null,
    postalCode: parsed.postalCode ?? null,
    municipalityCode: parsed.municipalityCode ?? null,
    address: parsed.address ?? null,
    employees: parsed.employees ?? null,
    capitalYen: parsed.capitalYen ?? null,
    foundedYear: parsed.foundedYear ?? null,
    representativeName: parsed.representativeName ?? null,
    representativeBirthYear: parsed.representativeBirthYear ?? null,
    successorStatus: parsed.successorStatus,
    website: parsed.website ?? null,
    businessDescription: parsed.businessDescription ?? null,
    technologies: parsed.technologies,
    products: parsed.products,
    equipment: parsed.equipment,
    needs: parsed.needs,
    tags: parsed.tags,
    status: parsed.status,
    closedOn: parsed.closedOn ?? null,
    closeReason: parsed.closeReason ?? null,
    successorCorporateNumber: parsed.successorCorporateNumber ?? null,
    ntaUpdatedOn: parsed.ntaUpdatedOn ?? null,
  };
}

/**
 * Validates one row's values; `owned` are the fields the row may overwrite on an existing
 * company (the columns its file has, minus empty enumeration cells, or the 国税庁-owned fields).
 */
export function validateImportRow(
  line: number,
  input: Record<string, unknown>,
  owned: Iterable<DataField>,
): { row: ImportRow; errors?: never } | { row?: never; errors: RowError[] } {
  const parsed = ImportRowSchema.safeParse(input);
  if (!parsed.success) {
    return {
      errors: fieldErrorsFromZod(parsed.error).map((f) => ({
        line,
        field: f.field,
        code: f.code,
        message: f.message,
      })),
    };
  }
  const insert = toData(parsed.data);
  const patch: Partial<CompanyData> = {};
  for (const field of owned) (patch as Record<string, unknown>)[field] = insert[field];
  return {
    row: {
      line,
      id: parsed.data.id ? CompanyId.parse(parsed.data.id.toLowerCase()) : null,
      insert,
      patch,
      ntaUpdatedOn: insert.ntaUpdatedOn,
    },
  };
}
