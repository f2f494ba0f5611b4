import { LICENSE_TYPES, MATCH_ORIGINS, ROYALTY_TYPES } from '@banso/shared';
import {
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupporters } from '../../../api/caravan';
import { ApiError } from '../../../api/client';
import { type MatchDto, matchKeys, useUpdateMatch } from '../../../api/matches';
import { usePrograms } from '../../../api/programs';
import { useErrorMessage } from '../../../components/error-state';
import { LocalizedMessage } from '../../../components/localized-message';
import { ProblemAlert } from '../../../components/problem-alert';
import { UnsavedChangesGuard } from '../../companies/form/unsaved-changes-guard';
import {
  MATCH_FORM_FIELDS,
  type MatchFormValues,
  matchToValues,
  reachedStages,
  validateMatch,
} from './match-form-values';

const WRAPPER_ORDER: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];

/** The id of a field's input ('license.type' → match-license-type), for labels and focus. */
const inputId = (path: string) => `match-${path.replace(/\./g, '-')}`;

/**
 * Details of a match a coordinator keeps up to date: origin (and partner region), coordinator,
 * program, licence terms, product and launch, notes, and corrections of the days of stages
 * already reached. Saved with the version read; problems are shown at their fields.
 */
export function MatchEditForm({ match }: { match: MatchDto }) {
  const { t } = useTranslation('matches');
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const update = useUpdateMatch();
  const supporters = useSupporters({});
  const programs = usePrograms();
  const [problem, setProblem] = useState<{ title: string; items: string[]; stale: boolean } | null>(
    null,
  );
  const alertRef = useRef<HTMLDivElement>(null);
  const initial = useMemo(() => matchToValues(match), [match]);

  const form = useForm<MatchFormValues>({
    initialValues: initial,
    validateInputOnBlur: true,
    validate: (values) => {
      const result = validateMatch(values, form.getInitialValues(), match.version);
      const errors: FormErrors = {};
      if (!result.ok)
        for (const [path, message] of Object.entries(result.errors))
          errors[path] = <LocalizedMessage message={message} />;
      return errors;
    },
  });

  const focusFirst = (paths: string[]) => {
    const ordered = [...paths].sort(
      (a, b) =>
        MATCH_FORM_FIELDS.indexOf(a.split('.')[0] as never) -
        MATCH_FORM_FIELDS.indexOf(b.split('.')[0] as never),
    );
    const first = ordered[0];
    if (first) document.getElementById(inputId(first))?.focus();
  };

  const submit = form.onSubmit(
    (values) => {
      setProblem(null);
      const checked = validateMatch(values, form.getInitialValues(), match.version);
      if (!checked.ok) return;
      if (checked.changed.length === 0) {
        notifications.show({ message: t('edit.noChanges') });
        return;
      }
      update.mutate(
        { id: match.id, body: checked.body },
        {
          onSuccess: (saved) => {
            form.setInitialValues(matchToValues(saved));
            form.reset();
            notifications.show({ color: 'green', message: t('edit.saved') });
          },
          onError: (error) => {
            const stale = error instanceof ApiError && error.code === 'stale_version';
            const fields = error instanceof ApiError ? error.fieldErrors : {};
            const errors: FormErrors = {};
            const items: string[] = [];
            for (const [path, message] of Object.entries(fields)) {
              const known =
                MATCH_FORM_FIELDS.includes(path.split('.')[0] as never) &&
                document.getElementById(inputId(path));
              if (known) errors[path] = message;
              else items.push(message);
            }
            form.setErrors(errors);
            setProblem({ title: stale ? t('edit.stale') : errorMessage(error), items, stale });
            if (Object.keys(errors).length > 0) focusFirst(Object.keys(errors));
            else requestAnimationFrame(() => alertRef.current?.focus());
          },
        },
      );
    },
    (errors) => {
      setProblem({ title: t('edit.invalid'), items: [], stale: false });
      focusFirst(Object.keys(errors));
    },
  );

  const field = (path: string, label: string) => ({
    id: inputId(path),
    label,
    inputWrapperOrder: WRAPPER_ORDER,
    ...form.getInputProps(path),
  });

  const supporterOptions = (supporters.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.name}（${t(`caravan:supporterKind.${s.kind}`)}）${s.active ? '' : ` ${t('edit.inactive')}`}`,
  }));
  if (match.coordinatorId && !supporterOptions.some((o) => o.value === match.coordinatorId))
    supporterOptions.unshift({
      value: match.coordinatorId,
      label: match.coordinatorName ?? match.coordinatorId,
    });
  const programOptions = (programs.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));

  return (
    <form onSubmit={submit} noValidate aria-label={t('edit.title')}>
      <UnsavedChangesGuard when={() => form.isDirty()} />
      <Stack gap="md">
        {problem ? (
          <ProblemAlert ref={alertRef} problem={problem}>
            {problem.stale ? (
              <Button
                mt="xs"
                variant="outline"
                color="dark"
                size="xs"
                onClick={() => {
                  void client.invalidateQueries({ queryKey: matchKeys.detail(match.id) });
                  setProblem(null);
                }}
              >
                {t('edit.reload')}
              </Button>
            ) : null}
          </ProblemAlert>
        ) : null}
        <Fieldset legend={t('edit.stageDates')}>
          <Text size="sm" mb="xs">
            {t('edit.stageDatesHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            {reachedStages(match).map((s) => (
              <TextInput key={s} type="date" {...field(`stageDates.${s}`, t(`stage.${s}`))} />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('edit.basics')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              {...field('origin', t('fields.origin'))}
              data={MATCH_ORIGINS.map((o) => ({ value: o, label: t(`origin.${o}`) }))}
              allowDeselect={false}
            />
            <TextInput
              {...field('partnerRegion', t('fields.partnerRegion'))}
              description={t('edit.partnerRegionHint')}
              autoComplete="off"
            />
            <Select
              {...field('coordinatorId', t('fields.coordinator'))}
              data={supporterOptions}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('edit.clearCoordinator') }}
              placeholder={supporters.isError ? t('edit.optionsFailed') : t('edit.choose')}
              nothingFoundMessage={t('edit.noSupporters')}
            />
            <Select
              {...field('programId', t('fields.program'))}
              data={programOptions}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('edit.clearProgram') }}
              placeholder={programs.isError ? t('edit.optionsFailed') : t('edit.choose')}
              description={t('edit.programHint')}
              nothingFoundMessage={t('edit.noPrograms')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('edit.license')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <Select
              {...field('license.type', t('fields.licenseType'))}
              data={LICENSE_TYPES.map((v) => ({ value: v, label: t(`licenseType.${v}`) }))}
              clearable
              clearButtonProps={{ 'aria-label': t('edit.clearLicenseType') }}
              placeholder={t('edit.choose')}
            />
            <Select
              {...field('license.royaltyType', t('fields.royaltyType'))}
              data={ROYALTY_TYPES.map((v) => ({ value: v, label: t(`royaltyType.${v}`) }))}
              clearable
              clearButtonProps={{ 'aria-label': t('edit.clearRoyaltyType') }}
              placeholder={t('edit.choose')}
            />
            <TextInput {...field('license.field', t('fields.licenseField'))} autoComplete="off" />
            <TextInput
              {...field('license.territory', t('fields.licenseTerritory'))}
              autoComplete="off"
            />
            <TextInput {...field('license.term', t('fields.licenseTerm'))} autoComplete="off" />
          </SimpleGrid>
          <Textarea
            mt="sm"
            {...field('license.notes', t('fields.licenseNotes'))}
            autosize
            minRows={2}
          />
        </Fieldset>
        <Fieldset legend={t('edit.product')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field('productName', t('fields.productName'))} autoComplete="off" />
            <TextInput type="date" {...field('launchedOn', t('fields.launchedOn'))} />
          </SimpleGrid>
        </Fieldset>
        <Textarea {...field('notes', t('fields.notes'))} autosize minRows={3} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => form.reset()} disabled={update.isPending}>
            {t('edit.reset')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
