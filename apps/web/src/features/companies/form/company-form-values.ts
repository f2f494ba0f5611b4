import {
  type COMPANY_KINDS,
  CompanyCreate,
  CompanyUpdate,
  fieldErrorsFromZod,
  type Localized,
  type SUCCESSOR_STATUSES,
} from '@banso/shared';
import type { CompanyDto } from '../../../api/companies';

/**
 * What the company form holds, and how it becomes a request body. Validation is
 * the API contract itself (CompanyCreate / CompanyUpdate from packages/shared)
 * with the API's own issue → field-code mapping, so the browser shows exactly
 * the message the server would answer with.
 */

export interface CompanyFormValues {
  corporateNumber: string;
  name: string;
  nameKana: string;
  nameEn: string;
  kind: (typeof COMPANY_KINDS)[number];
  jsicCode: string | null;
  postalCode: string;
  municipalityCode: string | null;
  address: string;
  /** NumberInput values: a number, or '' when empty. */
  employees: number | string;
  capitalYen: number | string;
  foundedYear: number | string;
  representativeName: string;
  representativeBirthYear: number | string;
  successorStatus: (typeof SUCCESSOR_STATUSES)[number];
  website: string;
  businessDescription: string;
  technologies: string[];
  products: string[];
  equipment: string[];
  needs: string[];
  tags: string[];
}

export type CompanyField = keyof CompanyFormValues;

/** Every field, in the order the form shows them (the first invalid one gets the focus). */
export const COMPANY_FORM_FIELDS = [
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
  'website',
  'representativeName',
  'representativeBirthYear',
  'successorStatus',
  'businessDescription',
  'technologies',
  'products',
  'equipment',
  'needs',
  'tags',
] as const satisfies readonly CompanyField[];

const NUMBER_FIELDS = [
  'employees',
  'capitalYen',
  'foundedYear',
  'representativeBirthYear',
] as const satisfies readonly CompanyField[];

export const isCompanyField = (field: string): field is CompanyField =>
  (COMPANY_FORM_FIELDS as readonly string[]).includes(field);

/** The id of a field's input element, for labels, focus and tests. */
export const inputId = (field: CompanyField) => `company-${field}`;

export const emptyCompanyValues = (): CompanyFormValues => ({
  corporateNumber: '',
  name: '',
  nameKana: '',
  nameEn: '',
  kind: 'sme',
  jsicCode: null,
  postalCode: '',
  municipalityCode: null,
  address: '',
  employees: '',
  capitalYen: '',
  foundedYear: '',
  representativeName: '',
  representativeBirthYear: '',
  successorStatus: 'unknown',
  website: '',
  businessDescription: '',
  technologies: [],
  products: [],
  equipment: [],
  needs: [],
  tags: [],
});

export function companyToValues(c: CompanyDto): CompanyFormValues {
  return {
    corporateNumber: c.corporateNumber ?? '',
    name: c.name,
    nameKana: c.nameKana ?? '',
    nameEn: c.nameEn ?? '',
    kind: c.kind,
    jsicCode: c.jsicCode,
    postalCode: c.postalCode ?? '',
    municipalityCode: c.municipalityCode,
    address: c.address ?? '',
    employees: c.employees ?? '',
    capitalYen: c.capitalYen ?? '',
    foundedYear: c.foundedYear ?? '',
    representativeName: c.representativeName ?? '',
    representativeBirthYear: c.representativeBirthYear ?? '',
    successorStatus: c.successorStatus,
    website: c.website ?? '',
    businessDescription: c.businessDescription ?? '',
    technologies: [...c.technologies],
    products: [...c.products],
    equipment: [...c.equipment],
    needs: [...c.needs],
    tags: [...c.tags],
  };
}

/** A number field's value for the contract: '' is "not given"; anything unreadable is left for zod to reject. */
function numberInput(value: number | string): number | string | null {
  if (typeof value === 'number') return value;
  const s = value.normalize('NFKC').replace(/,/g, '').trim();
  if (s === '') return null;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** The raw request body, before the contract trims and normalises it. */
export function valuesToInput(values: CompanyFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = { ...values };
  for (const field of NUMBER_FIELDS) input[field] = numberInput(values[field]);
  return input;
}

export type FieldMessages = Partial<Record<CompanyField, Localized>> & {
  /** Problems the form has no field for (shown at the top). */
  other?: { field: string; message: Localized }[];
};

/** The form field a problem path belongs to ('technologies.2' → 'technologies'), if any. */
export function formFieldOf(path: string): CompanyField | null {
  const head = path.split('.')[0] ?? '';
  return isCompanyField(head) ? head : null;
}

/** Groups problems by form field (first per field); the rest go to `other`. */
export function groupFieldProblems<T extends { field: string; message: Localized }>(
  problems: readonly T[],
): FieldMessages {
  const out: FieldMessages = {};
  for (const p of problems) {
    const field = formFieldOf(p.field);
    if (field) {
      out[field] ??= p.message;
    } else {
      out.other ??= [];
      out.other.push({ field: p.field, message: p.message });
    }
  }
  return out;
}

export type Validation<Body> = { ok: true; body: Body } | { ok: false; errors: FieldMessages };

/** Validates for POST /companies with the API's own contract; `body` is what to send. */
export function validateCreate(values: CompanyFormValues): Validation<CompanyCreate> {
  const result = CompanyCreate.safeParse(valuesToInput(values));
  return result.success
    ? { ok: true, body: result.data }
    : { ok: false, errors: groupFieldProblems(fieldErrorsFromZod(result.error)) };
}

/**
 * Validates for PATCH /companies/{id}: the whole form is checked, and the body holds only the
 * fields whose normalised value differs from the company as loaded, plus the version read.
 */
export function validateUpdate(
  values: CompanyFormValues,
  initial: CompanyFormValues,
  version: number,
): Validation<CompanyUpdate> {
  const result = CompanyUpdate.safeParse({ ...valuesToInput(values), version });
  if (!result.success)
    return { ok: false, errors: groupFieldProblems(fieldErrorsFromZod(result.error)) };
  const before = CompanyUpdate.safeParse({ ...valuesToInput(initial), version });
  const body: Record<string, unknown> = { version };
  for (const field of COMPANY_FORM_FIELDS) {
    const now = result.data[field];
    // A company loaded with a value the contract now rejects: send every field, it was fixed.
    const then = before.success ? before.data[field] : Symbol('unknown');
    if (JSON.stringify(now) !== JSON.stringify(then)) body[field] = now;
  }
  return { ok: true, body: body as CompanyUpdate };
}

/** The fields a PATCH body changes (everything but `version`). */
export const changedFields = (body: CompanyUpdate) =>
  Object.keys(body).filter((k) => k !== 'version');
