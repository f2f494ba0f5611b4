import type { TFunction } from 'i18next';
import type { CompanyDto } from '../../../api/companies';
import type { ListingDto } from '../../../api/listings';
import type { SourceText } from './candidate-panel';

/**
 * The texts the engine reads, as a person reads them: where the shared terms of a candidate are
 * marked. The same fields the index uses (title, abstract, products, purpose and effect, fields;
 * a company's description, technologies, products, equipment, needs).
 */

export function listingSource(listing: ListingDto, t: TFunction<'listings'>): SourceText[] {
  const sep = t('common.listSeparator');
  return [
    { label: t('fields.title'), text: listing.title },
    { label: t('fields.abstract'), text: listing.abstract ?? '' },
    { label: t('fields.applicableProducts'), text: listing.applicableProducts.join(sep) },
    { label: t('fields.purpose'), text: listing.purpose ?? '' },
    { label: t('fields.effect'), text: listing.effect ?? '' },
    { label: t('fields.technicalFields'), text: listing.technicalFields.join(sep) },
    { label: t('fields.functions'), text: listing.functions.join(sep) },
  ];
}

export function companySource(company: CompanyDto, t: TFunction<'listings'>): SourceText[] {
  const sep = t('common.listSeparator');
  return [
    { label: t('candidates.field.description'), text: company.businessDescription ?? '' },
    { label: t('candidates.field.technologies'), text: company.technologies.join(sep) },
    { label: t('candidates.field.products'), text: company.products.join(sep) },
    { label: t('candidates.field.equipment'), text: company.equipment.join(sep) },
    { label: t('candidates.field.needs'), text: company.needs.join(sep) },
  ];
}
