import { DecisionCreate, fieldErrorsFromZod } from '@banso/shared';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { CandidateDto } from '../../../api/matching';
import { useErrorMessage } from '../../../components/error-state';

type Decide = UseMutationResult<
  { decisionId: string; matchId: string | null },
  Error,
  DecisionCreate
>;

/**
 * 見送り: the reason is required (the contract says so, and the engine shows it beside the pair
 * later). Checked with the contract before sending; the server's own field message is shown too.
 */
export function RejectModal({
  candidate,
  pair,
  decide,
  onClose,
}: {
  candidate: CandidateDto;
  pair: { listingId: string; companyId: string };
  decide: Decide;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('listings');
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    setProblem(null);
    const checked = DecisionCreate.safeParse({ ...pair, verdict: 'rejected', reason });
    if (!checked.success) {
      const first = fieldErrorsFromZod(checked.error).find((e) => e.field === 'reason');
      const message = first?.message ?? fieldErrorsFromZod(checked.error)[0]?.message;
      setFieldError(message ? (i18n.language === 'en' ? message.en : message.ja) : null);
      document.getElementById('reject-reason')?.focus();
      return;
    }
    decide.mutate(checked.data, {
      onSuccess: () => {
        notifications.show({
          color: 'green',
          message: t('candidates.rejected', { label: candidate.label }),
        });
        onClose();
      },
      onError: (error) => {
        const field = error instanceof ApiError ? error.fieldErrors.reason : undefined;
        if (field) {
          setFieldError(field);
          document.getElementById('reject-reason')?.focus();
        } else setProblem(errorMessage(error));
      },
    });
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('candidates.rejectTitle', { label: candidate.label })}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      centered
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Textarea
            id="reject-reason"
            label={t('candidates.rejectReason')}
            description={t('candidates.rejectHint')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setFieldError(null);
            }}
            error={fieldError}
            data-autofocus
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert" title={problem}>
              <Text size="sm">{t('candidates.rejectFailed')}</Text>
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={decide.isPending}>
              {t('candidates.rejectConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
