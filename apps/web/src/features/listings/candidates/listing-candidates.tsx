import { useTranslation } from 'react-i18next';
import type { ListingDto } from '../../../api/listings';
import { useListingCandidates } from '../../../api/matching';
import { CandidatePanel } from './candidate-panel';
import { listingSource } from './sources';

/** 「候補企業」 of a listing: companies ranked for it, the listing's own text beside them. */
export function ListingCandidates({ listing }: { listing: ListingDto }) {
  const { t } = useTranslation('listings');
  const candidates = useListingCandidates(listing.id);
  const inactive =
    listing.archived || listing.status === 'withdrawn' || listing.status === 'expired';
  return (
    <CandidatePanel
      direction="companies"
      subjectId={listing.id}
      source={listingSource(listing, t)}
      candidates={candidates}
      emptyBody={inactive ? t('candidates.inactive') : t('candidates.emptyBodyListing')}
    />
  );
}
