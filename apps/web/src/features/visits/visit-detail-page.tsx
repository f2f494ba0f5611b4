import { Anchor, Badge, Button, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconEdit, IconFileTypePdf } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSaveVisit, useVisit } from '../../api/caravan';
import { useFormatters } from '../../app/preferences';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { FollowUpLine } from './follow-up-line';
import { useCaravanPermissions } from './use-caravan-permissions';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `visit-section-${title}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** /visits/:id — one visit as recorded: team, the owner's words, issues, follow-ups. */
export default function VisitDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('caravan');
  const format = useFormatters();
  const visit = useVisit(id);
  const save = useSaveVisit();
  const errorMessage = useErrorMessage();
  const { canWrite } = useCaravanPermissions();

  if (visit.isPending) return <Loading />;
  if (visit.isError) {
    return (
      <>
        <PageHeader title={t('detail.title')} />
        <ErrorState error={visit.error} onRetry={() => void visit.refetch()} />
      </>
    );
  }
  const v = visit.data;
  const sep = t('common.listSeparator');

  async function complete() {
    try {
      await save.mutateAsync({ kind: 'complete', id: v.id, version: v.version });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/companies/${v.company.id}`} size="sm" className="no-print">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {t('detail.backToCompany', { name: v.company.name })}
        </Group>
      </Anchor>
      <div>
        <PageHeader
          title={`${v.company.name}（${format.date(v.localDate)}）`}
          actions={
            <Group gap="sm" className="no-print">
              <Button
                component="a"
                variant="default"
                href={`/api/v1/companies/${v.company.id}/briefing.pdf`}
                download
                leftSection={<IconFileTypePdf size={16} aria-hidden />}
              >
                {t('detail.briefing')}
              </Button>
              {canWrite ? (
                <Button
                  component={Link}
                  to={`/visits/${v.id}/edit`}
                  variant={v.status === 'draft' ? 'default' : 'filled'}
                  leftSection={<IconEdit size={16} aria-hidden />}
                >
                  {t('detail.edit')}
                </Button>
              ) : null}
              {canWrite && v.status === 'draft' ? (
                <Button
                  leftSection={<IconCheck size={16} aria-hidden />}
                  onClick={() => void complete()}
                  loading={save.isPending}
                >
                  {t('detail.complete')}
                </Button>
              ) : null}
            </Group>
          }
        />
        <Group gap="xs" mt={-8}>
          <Text size="sm">{format.dateTime(v.startsAt)}</Text>
          <Badge variant="light" color="blue" c="blue.9" tt="none">
            {t(`visitKind.${v.kind}`)}
          </Badge>
          <Badge
            variant={v.status === 'completed' ? 'light' : 'outline'}
            color={v.status === 'completed' ? 'green' : 'gray.8'}
            c={v.status === 'completed' ? '#1e5b2c' : undefined}
            style={{ flexShrink: 0, overflow: 'visible' }}
            tt="none"
          >
            {t(`visitStatus.${v.status}`)}
          </Badge>
          {v.completedAt ? (
            <Text size="sm">
              {t('detail.completedAt', { date: format.dateTime(v.completedAt) })}
            </Text>
          ) : null}
        </Group>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Section title={t('detail.purpose')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.purpose ?? t('common.none')}
              </Text>
              {v.purposeCategories.length > 0 ? (
                <Group gap={4} mt="xs">
                  {v.purposeCategories.map((c) => (
                    <Badge key={c} variant="outline" color="gray.8" tt="none">
                      {c}
                    </Badge>
                  ))}
                </Group>
              ) : null}
              {v.location ? (
                <Text size="sm" mt="xs">
                  {t('detail.location')}: {v.location}
                </Text>
              ) : null}
            </Section>
            <Section title={t('form.listeningNotes')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.listeningNotes ?? t('common.none')}
              </Text>
            </Section>
            <Section title={t('form.ownerAwareness')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.ownerAwareness ?? t('common.none')}
              </Text>
            </Section>
            <Section title={t('detail.issues')}>
              {v.issues.length === 0 ? (
                <Text size="sm">{t('detail.noIssues')}</Text>
              ) : (
                <List spacing="xs">
                  {v.issues.map((issue) => (
                    <List.Item key={issue.id}>
                      <Group gap="xs" wrap="wrap">
                        <Badge variant="light" color="blue" c="blue.9" tt="none">
                          {issue.category}
                        </Badge>
                        <Text size="sm">
                          {t('form.issues.raisedBy')}: {t(`raisedBy.${issue.raisedBy}`)}
                        </Text>
                      </Group>
                      {issue.description ? (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {issue.description}
                        </Text>
                      ) : null}
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Section title={t('detail.team')}>
              {v.team.length === 0 ? (
                <Text size="sm">{t('detail.noTeam')}</Text>
              ) : (
                <List spacing={4}>
                  {v.team.map((m) => (
                    <List.Item key={m.supporterId}>
                      <Text size="sm">
                        {m.name}（
                        {[t(`supporterKind.${m.kind}`), m.organization].filter(Boolean).join(sep)}）
                        {m.role === 'lead' ? ` · ${t('role.lead')}` : ''}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Section>
            <Section title={t('detail.followUps')}>
              {v.followUps.length === 0 ? (
                <Text size="sm">{t('detail.noFollowUps')}</Text>
              ) : (
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {v.followUps.map((f) => (
                    <li key={f.id}>
                      <FollowUpLine followUp={f} />
                    </li>
                  ))}
                </Stack>
              )}
              <Text size="sm" mt="sm">
                {t('detail.nextContactOn')}: {format.date(v.nextContactOn)}
              </Text>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
