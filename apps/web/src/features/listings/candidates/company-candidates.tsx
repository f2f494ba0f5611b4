import { LISTING_KINDS, type ListingKind } from '@banso/shared';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../api/companies';
import { useCompanyCandidates } from '../../../api/matching';
import { CandidatePanel } from './candidate-panel';
import { companySource } from './sources';

/**
 * 「候補特許」 of a company: listings ranked for it (open patents by default, or any kind), the
 * company's own text beside them. Its own chunk, loaded when the user asks for the candidates.
 */
export default function CompanyCandidates({ company }: { company: CompanyDto }) {
  const { t } = useTranslation('listings');
  const [kind, setKind] = useState<ListingKind | null>('open_patent');
  const candidates = useCompanyCandidates(company.id, kind);
  return (
    <CandidatePanel
      direction="listings"
      subjectId={company.id}
      source={companySource(company, t)}
      candidates={candidates}
      emptyBody={t('candidates.emptyBodyCompany')}
      filters={
        <Select
          label={t('candidates.kindFilter')}
          data={[
            { value: '', label: t('candidates.anyKind') },
            ...LISTING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
          ]}
          value={kind ?? ''}
          onChange={(value) => setKind(value ? (value as ListingKind) : null)}
          allowDeselect={false}
          maw={280}
        />
      }
    />
  );
}
