import { KPI_UNITS, type Localized } from '@banso/shared';
import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { KpiDto, ProgramDetailDto } from '../../../api/programs';
import { useErrorMessage } from '../../../components/error-state';
import { LocalizedMessage } from '../../../components/localized-message';
import { ProblemAlert } from '../../../components/problem-alert';
import { useSaveKpi } from './kpi-api';
import {
  emptyKpiValues,
  KPI_FORM_FIELDS,
  type KpiFieldMessages,
  type KpiFormField,
  type KpiFormValues,
  kpiFieldOf,
  kpiToValues,
  validateKpiCreate,
  validateKpiUpdate,
} from './kpi-form-values';
import { kpiFieldId, MetricEditor } from './metric-editor';

const renderMessage = (message: Localized | string): ReactNode => (
  <LocalizedMessage message={message} />
);

/** `kpi` to edit, or null to add a KPI to `program`. */
export interface KpiEditorTarget {
  kpi: KpiDto | null;
}

/**
 * Add or edit a KPI: name, unit (件/人/千円/万人/歳 or free text), counting basis (fiscal or
 * calendar year), how achievement is judged, baseline, notes, and optionally the metric
 * definition its actual is computed from. Checked with the API's contract before sending; the
 * API's field errors are shown at their fields; a stale version says so.
 */
export function KpiEditorModal({
  program,
  target,
  onClose,
}: {
  program: ProgramDetailDto;
  target: KpiEditorTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('programs');
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={target?.kpi ? t('kpiEditor.editTitle') : t('kpiEditor.addTitle')}
      closeButtonProps={{ 'aria-label': t('common:actions.close') }}
    >
      {target ? (
        <KpiForm
          key={target.kpi?.id ?? 'new'}
          program={program}
          kpi={target.kpi}
          onDone={onClose}
        />
      ) : null}
    </Modal>
  );
}

function KpiForm({
  program,
  kpi,
  onDone,
}: {
  program: ProgramDetailDto;
  kpi: KpiDto | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('programs');
  const errorMessage = useErrorMessage();
  const save = useSaveKpi();
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const initial = kpi ? kpiToValues(kpi) : emptyKpiValues();
  const nextSortOrder = Math.max(-1, ...program.kpis.map((k) => k.sortOrder)) + 1;

  const toFormErrors = (messages: KpiFieldMessages): FormErrors => {
    const errors: FormErrors = {};
    for (const [field, message] of Object.entries(messages))
      if (message) errors[field] = renderMessage(message);
    return errors;
  };
  const errorsOf = (values: KpiFormValues, initialValues: KpiFormValues): KpiFieldMessages => {
    const result = kpi
      ? validateKpiUpdate(values, initialValues, kpi.version)
      : validateKpiCreate(values, nextSortOrder);
    return result.ok ? {} : result.errors;
  };

  const form = useForm<KpiFormValues>({
    initialValues: initial,
    validateInputOnBlur: true,
    validate: (values): FormErrors => toFormErrors(errorsOf(values, initial)),
  });

  const focusFirst = (fields: Partial<Record<KpiFormField, unknown>>) => {
    const first = KPI_FORM_FIELDS.find((f) => fields[f]);
    if (first) requestAnimationFrame(() => document.getElementById(kpiFieldId(first))?.focus());
    else requestAnimationFrame(() => alertRef.current?.focus());
  };

  function showServerProblem(error: unknown) {
    if (error instanceof ApiError && error.code === 'stale_version') {
      setStale(true);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    const known: KpiFieldMessages = {};
    const others: string[] = [];
    if (error instanceof ApiError)
      for (const [path, message] of Object.entries(error.fieldErrors)) {
        const field = kpiFieldOf(path);
        if (field) known[field] ??= message;
        else others.push(path === '(body)' ? message : `${path}: ${message}`);
      }
    form.setErrors(toFormErrors(known));
    setProblem({ title: errorMessage(error), items: others });
    focusFirst(known);
  }

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      setStale(false);
      try {
        if (kpi) {
          const checked = validateKpiUpdate(values, form.getInitialValues(), kpi.version);
          if (!checked.ok) return;
          if (Object.keys(checked.body).length <= 1) {
            notifications.show({ message: t('kpiEditor.noChanges') });
            onDone();
            return;
          }
          const saved = await save.mutateAsync({ kind: 'update', id: kpi.id, body: checked.body });
          notifications.show({
            color: 'green',
            message: t('kpiEditor.updated', { name: saved.name }),
          });
        } else {
          const checked = validateKpiCreate(values, nextSortOrder);
          if (!checked.ok) return;
          const saved = await save.mutateAsync({
            kind: 'create',
            programId: program.id,
            body: checked.body,
          });
          notifications.show({
            color: 'green',
            message: t('kpiEditor.created', { name: saved.name }),
          });
        }
        onDone();
      } catch (error) {
        showServerProblem(error);
      }
    },
    (errors) => {
      setProblem({ title: t('kpiEditor.invalid'), items: [] });
      focusFirst(errors as Partial<Record<KpiFormField, unknown>>);
    },
  );

  const field = (name: KpiFormField, label: string) => ({
    id: kpiFieldId(name),
    label,
    ...form.getInputProps(name),
  });
  const v = form.values;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {stale ? (
          <Alert
            ref={alertRef}
            tabIndex={-1}
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('values.staleTitle')}
            role="alert"
          >
            <Text size="sm">{t('kpiEditor.staleBody')}</Text>
          </Alert>
        ) : null}
        {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}
        <TextInput
          {...field('name', t('kpiEditor.name'))}
          required
          autoComplete="off"
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            {...field('unit', t('kpiEditor.unit'))}
            data={KPI_UNITS.map((u) => ({
              value: u,
              label: u === 'free' ? t('kpiEditor.unitFree') : u,
            }))}
            allowDeselect={false}
          />
          {v.unit === 'free' ? (
            <TextInput
              {...field('unitLabel', t('kpiEditor.unitLabel'))}
              description={t('kpiEditor.unitLabelHint')}
              autoComplete="off"
            />
          ) : (
            <div />
          )}
          <Radio.Group {...field('basis', t('kpiEditor.basis'))}>
            <Stack gap={6} mt={4}>
              <Radio value="fiscal" label={t('kpiEditor.basisFiscal')} />
              <Radio value="calendar" label={t('kpiEditor.basisCalendar')} />
            </Stack>
          </Radio.Group>
          <Radio.Group {...field('direction', t('kpiEditor.direction'))}>
            <Stack gap={6} mt={4}>
              <Radio value="increase" label={t('kpiEditor.increase')} />
              <Radio value="decrease" label={t('kpiEditor.decrease')} />
            </Stack>
          </Radio.Group>
          <TextInput
            {...field('baseline', t('kpiEditor.baseline'))}
            description={t('kpiEditor.baselineHint')}
            inputMode="decimal"
            autoComplete="off"
          />
        </SimpleGrid>
        <Textarea
          {...field('notes', t('kpiEditor.notes'))}
          description={t('kpiEditor.notesHint')}
          autosize
          minRows={2}
        />
        <Stack gap={4}>
          <Switch
            {...form.getInputProps('computed', { type: 'checkbox' })}
            id="kpi-computed"
            label={t('kpiEditor.computed')}
            aria-describedby="kpi-computed-hint"
          />
          <Text id="kpi-computed-hint" size="sm">
            {t('kpiEditor.computedHint')}
          </Text>
        </Stack>
        {v.computed ? (
          <MetricEditor form={form} programId={program.id} renderError={renderMessage} />
        ) : null}
        <Text size="sm">{t('kpiEditor.figuresNote')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
