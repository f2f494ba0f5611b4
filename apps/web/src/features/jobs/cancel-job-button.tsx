import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { cancelJob } from './job-api';

/**
 * 中止 / Cancel for a running job, after a confirmation. The page keeps following the job
 * (followJob) and sees it end `cancelled`; a job that ended meanwhile (409) simply ends as it did.
 */
export function CancelJobButton({
  jobId,
  requested = false,
}: {
  /** Null while the job is not queued yet (the upload): the button waits. */
  jobId: string | null;
  /** The job already shows `cancelRequested`. */
  requested?: boolean;
}) {
  const { t } = useTranslation('jobs');
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');

  async function confirm() {
    if (!jobId) return;
    setConfirming(false);
    setState('sending');
    try {
      await cancelJob(jobId);
      setState('sent');
    } catch (error) {
      setState(error instanceof ApiError && error.code === 'job_finished' ? 'sent' : 'failed');
    }
  }

  const pending = requested || state === 'sent';
  return (
    <>
      <Group gap="sm">
        <Button
          variant="default"
          color="red"
          onClick={() => setConfirming(true)}
          disabled={!jobId || pending}
          loading={state === 'sending'}
        >
          {t('cancel.button')}
        </Button>
        {pending ? (
          <Text size="sm" role="status">
            {t('cancel.requested')}
          </Text>
        ) : null}
        {state === 'failed' ? (
          <Text size="sm" c="red" role="alert">
            {t('cancel.failed')}
          </Text>
        ) : null}
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('cancel.title')}>
        <Stack>
          <Text size="sm">{t('cancel.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('cancel.keep')}
            </Button>
            <Button color="red" onClick={() => void confirm()}>
              {t('cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
