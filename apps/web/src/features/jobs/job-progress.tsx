import type { Job } from '@banso/shared';
import { Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The progress of a job whose work reports no measurable steps (all or nothing, e.g. a
 * listings import): a moving bar and what the job is doing, read from GET /api/v1/jobs/{id}.
 * `job` is null while the request that queues it is being sent.
 */
export function JobProgress({ job }: { job: Job | null }) {
  const { t } = useTranslation('jobs');
  const text = !job
    ? t('progress.sending')
    : job.status === 'queued'
      ? t('progress.queued')
      : t('progress.running');
  return (
    <Stack gap="xs">
      <Progress value={100} size="lg" animated striped aria-label={t('progress.label')} />
      <Text role="status" aria-live="polite">
        {text}
      </Text>
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('progress.keepOpen')}</Text>
      </Group>
    </Stack>
  );
}
