import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type SupporterDto, type TeamProposalDto, useTeamProposal } from '../../api/caravan';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import type { TeamRow } from './visit-form-values';

export function proposalToTeam(
  proposal: TeamProposalDto,
  supporters: readonly SupporterDto[],
): TeamRow[] {
  return proposal.members.map((m) => ({
    supporterId: m.supporterId,
    name: m.name,
    kind: m.kind,
    organization: m.organization,
    expertise: supporters.find((s) => s.id === m.supporterId)?.expertise ?? m.covers,
    role: m.role,
  }));
}

/** What the recommender proposes: each member with what they cover, and what nobody covers. */
export function TeamProposalView({ proposal }: { proposal: TeamProposalDto }) {
  const { t } = useTranslation('caravan');
  const sep = t('common.listSeparator');
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('proposal.categories')}:{' '}
        {proposal.categories.length > 0 ? proposal.categories.join(sep) : t('common.none')}
      </Text>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {proposal.members.map((m) => (
          <Paper key={m.supporterId} withBorder p="xs" component="li">
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>{m.name}</Text>
              <Badge variant="light" color="blue" c="blue.9" tt="none">
                {t(`supporterKind.${m.kind}`)}
              </Badge>
              {m.role === 'lead' ? (
                <Badge variant="filled" color="blue.8" tt="none">
                  {t('role.lead')}
                </Badge>
              ) : null}
              {m.organization ? <Text size="sm">{m.organization}</Text> : null}
            </Group>
            <Text size="sm" mt={4}>
              {m.covers.length > 0
                ? t('proposal.covers', { list: m.covers.join(sep) })
                : t('proposal.coversNone')}
            </Text>
            <Text size="sm">
              {[
                t('proposal.load', { load: m.loadAfter, capacity: m.monthlyCapacity }),
                m.visitsToCompany > 0 ? t('proposal.known', { count: m.visitsToCompany }) : null,
                m.reasons.map((r) => t(`proposal.reasons.${r}`)).join(sep),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Paper>
        ))}
      </Stack>
      {proposal.uncovered.length > 0 ? (
        <Alert
          color="yellow"
          variant="light"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <Text size="sm">{t('proposal.uncovered', { list: proposal.uncovered.join(sep) })}</Text>
        </Alert>
      ) : (
        <Text size="sm">{t('proposal.allCovered')}</Text>
      )}
      {proposal.financialMemberMissing ? (
        <Alert color="yellow" variant="light">
          <Text size="sm">{t('proposal.financialMissing')}</Text>
        </Alert>
      ) : null}
    </Stack>
  );
}

/** A button that asks for a team proposal for a company and offers to use it. */
export function TeamProposalButton({
  companyId,
  companyName,
  purposeCategories = [],
  supporters,
  onUse,
  label,
}: {
  companyId: string;
  companyName: string;
  purposeCategories?: readonly string[];
  supporters: readonly SupporterDto[];
  onUse: (team: TeamRow[], proposal: TeamProposalDto) => void;
  label?: string;
}) {
  const { t } = useTranslation('caravan');
  const [opened, { open, close }] = useDisclosure(false);
  const proposal = useTeamProposal(companyId);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconUsersGroup size={16} aria-hidden />}
        onClick={() => {
          open();
          proposal.mutate({ purposeCategories: [...purposeCategories] });
        }}
      >
        {label ?? t('form.team.propose')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('planner.teamTitle', { name: companyName })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        {proposal.isPending ? <Loading /> : null}
        {proposal.isError ? <ErrorState error={proposal.error} /> : null}
        {proposal.data ? (
          <Stack>
            <TeamProposalView proposal={proposal.data} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={() => {
                  if (proposal.data)
                    onUse(proposalToTeam(proposal.data, supporters), proposal.data);
                  close();
                }}
              >
                {t('proposal.use')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
