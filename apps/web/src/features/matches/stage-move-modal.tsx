import {
  AFTER_CONTRACT_STAGES,
  fieldErrorsFromZod,
  type MatchStage,
  StageChange,
} from '@banso/shared';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type MatchDto, matchKeys, useMoveStage } from '../../api/matches';
import { useErrorMessage } from '../../components/error-state';
import { laterStages, todayYmd } from './match-format';

/**
 * 次のステージへ: which stage (the next by default; early ones may be skipped) and the day it
 * was reached (today by default). The API decides: stage_order, stage_needs_contract (no
 * 試作・評価 or 製品化 before 契約) and date_order come back as field errors and are shown at
 * the stage and the day.
 */
export function StageMoveModal({
  match,
  initialStage,
  onClose,
}: {
  match: MatchDto;
  initialStage?: MatchStage;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('matches');
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const move = useMoveStage();
  const options = laterStages(match.stage);
  const [stage, setStage] = useState<MatchStage | null>(initialStage ?? options[0] ?? null);
  const [on, setOn] = useState(todayYmd());
  const [errors, setErrors] = useState<{ stage?: string; on?: string }>({});
  const [problem, setProblem] = useState<{ message: string; stale: boolean } | null>(null);
  const local = (m: { ja: string; en: string }) => (i18n.language === 'en' ? m.en : m.ja);

  function submit() {
    setProblem(null);
    const checked = StageChange.safeParse({ version: match.version, stage, on });
    if (!checked.success) {
      const next: { stage?: string; on?: string } = {};
      for (const e of fieldErrorsFromZod(checked.error)) {
        if (e.field === 'stage') next.stage ??= local(e.message);
        else if (e.field === 'on') next.on ??= local(e.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    move.mutate(
      { id: match.id, body: checked.data },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('move.done', {
              company: saved.companyName,
              stage: t(`stage.${saved.stage}`),
            }),
          });
          onClose();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors : {};
          const next: { stage?: string; on?: string } = {};
          const rest: string[] = [];
          for (const [path, message] of Object.entries(fields)) {
            if (path === 'stage') next.stage ??= message;
            else if (path === 'on' || path.startsWith('stageDates.')) next.on ??= message;
            else rest.push(message);
          }
          setErrors(next);
          if (next.stage) document.getElementById('stage-move-stage')?.focus();
          else if (next.on) document.getElementById('stage-move-on')?.focus();
          const stale = error instanceof ApiError && error.code === 'stale_version';
          if (stale || rest.length > 0 || (!next.stage && !next.on))
            setProblem({ message: rest[0] ?? errorMessage(error), stale });
        },
      },
    );
  }

  const reload = () => {
    setProblem(null);
    void client.invalidateQueries({ queryKey: matchKeys.all });
    onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('move.title')}
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
          <Text size="sm">{t('move.current', { stage: t(`stage.${match.stage}`) })}</Text>
          <Select
            id="stage-move-stage"
            label={t('move.stage')}
            data={options.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
            value={stage}
            onChange={(value) => {
              setStage(value as MatchStage | null);
              setErrors((e) => ({ ...e, stage: undefined }));
            }}
            allowDeselect={false}
            required
            error={errors.stage}
            description={
              stage && AFTER_CONTRACT_STAGES.includes(stage) && !match.stageDates.contracted
                ? t('move.needsContractHint')
                : undefined
            }
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <TextInput
            id="stage-move-on"
            type="date"
            label={t('move.on')}
            required
            value={on}
            onChange={(event) => {
              setOn(event.currentTarget.value);
              setErrors((e) => ({ ...e, on: undefined }));
            }}
            error={errors.on}
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert" title={problem.message}>
              {problem.stale ? (
                <Button variant="outline" color="red" size="xs" onClick={reload}>
                  {t('move.reload')}
                </Button>
              ) : null}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={move.isPending}>
              {t('move.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
