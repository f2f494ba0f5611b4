import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../api/companies';
import { Loading } from '../../components/loading';
import { useMatchingPermissions } from './use-matching-permissions';

const CompanyCandidates = lazy(() => import('./candidates/company-candidates'));

/**
 * 「候補特許」 on the company page (mounted there with one line). The ranking and its code load
 * when asked for: the company page stays light, and opening a company does not rank the whole
 * registry. Hidden from partners, who may not see candidates.
 */
export function CompanyCandidatesSection({ company }: { company: CompanyDto }) {
  const { t } = useTranslation('listings');
  const { canReadCandidates } = useMatchingPermissions();
  const [open, setOpen] = useState(false);
  const titleId = useId();
  if (!canReadCandidates) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} className="no-print">
      <Group justify="space-between" wrap="wrap" gap="sm" mb="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('candidates.titleForCompany')}
        </Title>
        {open ? null : (
          <Button
            variant="default"
            leftSection={<IconSearch size={16} aria-hidden />}
            onClick={() => setOpen(true)}
          >
            {t('candidates.show')}
          </Button>
        )}
      </Group>
      {open ? (
        <Suspense fallback={<Loading />}>
          <CompanyCandidates company={company} />
        </Suspense>
      ) : (
        <Text size="sm">{t('candidates.showHint')}</Text>
      )}
    </Paper>
  );
}
