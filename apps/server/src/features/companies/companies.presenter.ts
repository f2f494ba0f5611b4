import {
  type Company,
  type CompanyKind,
  findJsic,
  findMunicipality,
  type SUCCESSOR_STATUSES,
} from '@banso/shared';
import type { CompanyRow } from './companies.repository';

/** Row → response DTO: derived search columns and the tenant never leave the server. */
export function presentCompany(row: CompanyRow): Company {
  const jsic = row.jsicCode ? findJsic(row.jsicCode) : undefined;
  const municipality = row.municipalityCode ? findMunicipality(row.municipalityCode) : undefined;
  return {
    id: row.id,
    corporateNumber: row.corporateNumber,
    name: row.name,
    nameKana: row.nameKana,
    nameEn: row.nameEn,
    kind: row.kind as CompanyKind,
    jsicCode: row.jsicCode,
    jsicName: jsic ? { ja: jsic.name, en: jsic.nameEn } : null,
    postalCode: row.postalCode,
    municipalityCode: row.municipalityCode,
    prefecture: municipality?.prefecture ?? null,
    municipalityName: municipality?.name ?? null,
    address: row.address,
    employees: row.employees,
    capitalYen: row.capitalYen,
    foundedYear: row.foundedYear,
    representativeName: row.representativeName,
    representativeBirthYear: row.representativeBirthYear,
    successorStatus: row.successorStatus as (typeof SUCCESSOR_STATUSES)[number],
    website: row.website,
    businessDescription: row.businessDescription,
    technologies: row.technologies,
    products: row.products,
    equipment: row.equipment,
    needs: row.needs,
    tags: row.tags,
    status: row.status === 'closed' ? 'closed' : 'active',
    closedOn: row.closedOn,
    closeReason: row.closeReason,
    successorCorporateNumber: row.successorCorporateNumber,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
