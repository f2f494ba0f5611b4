import { fieldErrorsFromZod, MatchDrop } from '@banso/shared';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type MatchDto, useDropMatch } from '../../api/matches';
import { useErrorMessage } from '../../components/error-state';
import { todayYmd } from './match-format';

/** 不成立: the day and the reason (required), checked with the contract before sending. */
export function DropModal({ match, onClose }: { match: MatchDto; onClose: () => void }) {
  const { t, i18n } = useTranslation('matches');
  const errorMessage = useErrorMessage();
  const drop = useDropMatch();
  const [on, setOn] = useState(todayYmd());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ on?: string; reason?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const local = (m: { ja: string; en: string }) => (i18n.language === 'en' ? m.en : m.ja);

  function submit() {
    setProblem(null);
    const checked = MatchDrop.safeParse({ version: match.version, on, reason });
    if (!checked.success) {
      const next: { on?: string; reason?: string } = {};
      for (const e of fieldErrorsFromZod(checked.error)) {
        if (e.field === 'on') next.on ??= local(e.message);
        else if (e.field === 'reason') next.reason ??= local(e.message);
      }
      setErrors(next);
      document.getElementById(next.on ? 'drop-on' : 'drop-reason')?.focus();
      return;
    }
    setErrors({});
    drop.mutate(
      { id: match.id, body: checked.data },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('drop.done', { company: saved.companyName }),
          });
          onClose();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors : {};
          const next = { on: fields.on, reason: fields.reason };
          setErrors(next);
          if (!next.on && !next.reason) setProblem(Object.values(fields)[0] ?? errorMessage(error));
        },
      },
    );
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('drop.title')}
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
          <Text size="sm" fw={600}>
            {t('move.pair', { listing: match.listingTitle, company: match.companyName })}
          </Text>
          <Text size="sm">{t('drop.body')}</Text>
          <TextInput
            id="drop-on"
            type="date"
            label={t('drop.on')}
            required
            value={on}
            onChange={(event) => setOn(event.currentTarget.value)}
            error={errors.on}
          />
          <Textarea
            id="drop-reason"
            label={t('drop.reason')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setErrors((e) => ({ ...e, reason: undefined }));
            }}
            error={errors.reason}
            data-autofocus
          />
          {problem ? <Alert color="red" variant="light" role="alert" title={problem} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={drop.isPending}>
              {t('drop.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
