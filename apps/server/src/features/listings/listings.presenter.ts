import {
  type LICENSING_OFFERS,
  LISTING_SIDE,
  type Listing,
  type ListingKind,
  type ListingStatus,
} from '@banso/shared';
import type { ListingWithHolder } from './listings.repository';

export function presentListing(row: ListingWithHolder): Listing {
  const kind = row.kind as ListingKind;
  return {
    id: row.id,
    kind,
    side: LISTING_SIDE[kind],
    title: row.title,
    patentNumber: row.patentNumber,
    applicationNumber: row.applicationNumber,
    publicationNumber: row.publicationNumber,
    filedOn: row.filedOn,
    registeredOn: row.registeredOn,
    abstract: row.abstract,
    claims: row.claims,
    technicalFields: row.technicalFields,
    functions: row.functions,
    applicableProducts: row.applicableProducts,
    purpose: row.purpose,
    effect: row.effect,
    ipc: row.ipc,
    holderCompanyId: row.holderCompanyId,
    holderName: row.holderCompanyName ?? row.holderName,
    assignmentOffered: row.assignmentOffered,
    licensing: row.licensing as (typeof LICENSING_OFFERS)[number],
    licensingRecord: row.licensingRecord,
    status: row.status as ListingStatus,
    verifiedOn: row.verifiedOn,
    licenseConditions: row.licenseConditions,
    contact: row.contact,
    source: row.source,
    externalId: row.externalId,
    municipalityCode: row.municipalityCode,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
