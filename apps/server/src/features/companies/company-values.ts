import type { CompanyCreate, CompanyUpdate } from '@banso/shared';
import type { NewCompanyRow } from './companies.repository';
import { companySearchColumns } from './company-search';

type Editable = Omit<CompanyUpdate, 'version'>;

/** The columns a create request sets, with defaults and derived search columns. */
export function valuesFromCreate(input: CompanyCreate): Omit<NewCompanyRow, 'tenantId' | 'id'> {
  const v = {
    corporateNumber: input.corporateNumber ?? null,
    name: input.name,
    nameKana: input.nameKana ?? null,
    nameEn: input.nameEn ?? null,
    kind: input.kind,
    jsicCode: input.jsicCode ?? null,
    postalCode: input.postalCode ?? null,
    municipalityCode: input.municipalityCode ?? null,
    address: input.address ?? null,
    employees: input.employees ?? null,
    capitalYen: input.capitalYen ?? null,
    foundedYear: input.foundedYear ?? null,
    representativeName: input.representativeName ?? null,
    representativeBirthYear: input.representativeBirthYear ?? null,
    successorStatus: input.successorStatus,
    website: input.website ?? null,
    businessDescription: input.businessDescription ?? null,
    technologies: input.technologies,
    products: input.products,
    equipment: input.equipment,
    needs: input.needs,
    tags: input.tags,
  };
  return { ...v, ...companySearchColumns(v) };
}

/** The columns an update request changes; search columns follow name/kana changes. */
export function valuesFromUpdate(
  current: { name: string; nameKana: string | null; nameEn: string | null },
  input: Editable,
): Partial<NewCompanyRow> {
  const patch: Partial<NewCompanyRow> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  }
  if ('name' in patch || 'nameKana' in patch || 'nameEn' in patch) {
    Object.assign(
      patch,
      companySearchColumns({
        name: patch.name ?? current.name,
        nameKana: patch.nameKana !== undefined ? patch.nameKana : current.nameKana,
        nameEn: patch.nameEn !== undefined ? patch.nameEn : current.nameEn,
      }),
    );
  }
  return patch;
}
