import {
  Alert,
  Anchor,
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
import { IconAlertTriangle, IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type ProgramDetailDto, useProgram, useSaveProgram } from '../../api/programs';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { LocalizedMessage } from '../../components/localized-message';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { UnsavedChangesGuard } from '../companies/form/unsaved-changes-guard';
import {
  emptyProgramValues,
  type FieldMessages,
  formFieldOf,
  PROGRAM_FORM_FIELDS,
  type ProgramField,
  type ProgramFormValues,
  programToValues,
  validateCreate,
  validateUpdate,
  valuesToBody,
} from './form/program-form-values';
import { YearActivitiesFields } from './form/year-activities-fields';
import { currentFiscalYear, fyText } from './program-format';
import { useCanEditPrograms } from './use-can-edit-programs';

const WRAPPER_ORDER: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];

/** /programs/new and /programs/:id/edit: the program's own fields (budgets and KPIs: the grid). */
export default function ProgramFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('programs');
  const canEdit = useCanEditPrograms();
  const title = id ? t('form.editTitle') : t('form.createTitle');
  if (!canEdit)
    return (
      <>
        <PageHeader title={title} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );
  return id ? <EditProgram id={id} title={title} /> : <ProgramForm title={title} />;
}

function EditProgram({ id, title }: { id: string; title: string }) {
  const program = useProgram(id);
  if (program.isPending)
    return (
      <>
        <PageHeader title={title} />
        <Loading />
      </>
    );
  if (program.isError)
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={program.error} onRetry={() => void program.refetch()} />
      </>
    );
  return (
    <ProgramForm
      title={title}
      program={program.data}
      onReload={async () => (await program.refetch({ throwOnError: true })).data}
    />
  );
}

function ProgramForm({
  title,
  program,
  onReload,
}: {
  title: string;
  program?: ProgramDetailDto;
  onReload?: () => Promise<ProgramDetailDto | undefined>;
}) {
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const save = useSaveProgram();
  const [base, setBase] = useState(program);
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const leaving = useRef(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const thisYear = currentFiscalYear();

  const form = useForm<ProgramFormValues>({
    initialValues: program ? programToValues(program) : emptyProgramValues(thisYear),
    validateInputOnBlur: true,
    validate: (values) => {
      const result = base
        ? validateUpdate(values, form.getInitialValues(), base)
        : validateCreate(values);
      const errors: FormErrors = {};
      if (!result.ok)
        for (const [field, message] of Object.entries(result.errors))
          if (message) errors[field] = <LocalizedMessage message={message} />;
      return errors;
    },
  });

  const yearOptions = useMemo(() => {
    const years: { value: string; label: string }[] = [];
    const low = Math.min(2000, program?.fromFy ?? 2000);
    const high = Math.max(thisYear + 10, program?.toFy ?? 0);
    for (let fy = high; fy >= low; fy--)
      years.push({ value: String(fy), label: fyText(fy, language) });
    return years;
  }, [program, thisYear, language]);

  const focusField = (field: ProgramField) => document.getElementById(`program-${field}`)?.focus();

  function showServerProblem(error: unknown, sent: ProgramFormValues) {
    if (error instanceof ApiError && error.code === 'stale_version') {
      setStale(true);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    const known: FieldMessages = {};
    const others: string[] = [];
    if (error instanceof ApiError)
      for (const [path, message] of Object.entries(error.fieldErrors)) {
        const field = formFieldOf(path, valuesToBody(sent, base?.years ?? []).years);
        if (field) known[field] ??= message;
        else others.push(path === '(body)' ? message : `${path}: ${message}`);
      }
    const errors: FormErrors = {};
    for (const [field, message] of Object.entries(known))
      if (message) errors[field] = <LocalizedMessage message={message} />;
    form.setErrors(errors);
    setProblem({ title: errorMessage(error), items: others });
    const first = PROGRAM_FORM_FIELDS.find((f) => known[f]);
    if (first) focusField(first);
    else requestAnimationFrame(() => alertRef.current?.focus());
  }

  const yearErrors = Object.fromEntries(
    Object.entries(form.errors).filter(([k]) => /^years\.\d+$/.test(k)),
  );

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      setStale(false);
      try {
        if (base) {
          const checked = validateUpdate(values, form.getInitialValues(), base);
          if (!checked.ok) return;
          if (Object.keys(checked.body).length <= 1) {
            notifications.show({ message: t('form.noChanges') });
            leaving.current = true;
            navigate(`/programs/${base.id}`);
            return;
          }
          const saved = await save.mutateAsync({ kind: 'update', id: base.id, body: checked.body });
          notifications.show({ color: 'green', message: t('form.updated', { name: saved.name }) });
          leaving.current = true;
          navigate(`/programs/${saved.id}`);
        } else {
          const checked = validateCreate(values);
          if (!checked.ok) return;
          const saved = await save.mutateAsync({ kind: 'create', body: checked.body });
          notifications.show({ color: 'green', message: t('form.created', { name: saved.name }) });
          leaving.current = true;
          navigate(`/programs/${saved.id}`);
        }
      } catch (error) {
        showServerProblem(error, values);
      }
    },
    (errors) => {
      setProblem({ title: t('form.invalid'), items: [] });
      const first = PROGRAM_FORM_FIELDS.find((f) => errors[f]);
      if (first) focusField(first);
      else requestAnimationFrame(() => alertRef.current?.focus());
    },
  );

  async function reload() {
    if (!onReload) return;
    try {
      const fresh = await onReload();
      if (!fresh) return;
      setBase(fresh);
      form.setInitialValues(programToValues(fresh));
      form.reset();
      setStale(false);
      setProblem(null);
      notifications.show({ message: t('values.reloaded') });
    } catch (error) {
      setProblem({ title: errorMessage(error), items: [] });
    }
  }

  const field = (name: ProgramField) => ({
    id: `program-${name}`,
    label: t(`fields.${name}`),
    // Hints below the inputs keep the inputs of a row aligned.
    inputWrapperOrder: WRAPPER_ORDER,
    ...form.getInputProps(name),
  });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={base ? `/programs/${base.id}` : '/programs'} size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {base ? t('actions.backToProgram') : t('actions.backToList')}
        </Group>
      </Anchor>
      <PageHeader title={title} />
      {base ? (
        <Text fw={700} mt={-16}>
          {base.name}
        </Text>
      ) : null}
      <UnsavedChangesGuard when={() => !leaving.current && form.isDirty()} />
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
          <Text size="sm">{t('form.staleBody')}</Text>
          <Button
            mt="sm"
            variant="outline"
            color="dark"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void reload()}
          >
            {t('actions.reload')}
          </Button>
        </Alert>
      ) : null}
      {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('form.basics')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...field('name')} required autoComplete="off" />
              <TextInput
                {...field('scheme')}
                description={t('form.schemeHint')}
                autoComplete="off"
              />
              <Select
                {...field('fromFy')}
                required
                data={yearOptions}
                searchable
                allowDeselect={false}
              />
              <Select
                {...field('toFy')}
                required
                data={yearOptions}
                searchable
                allowDeselect={false}
              />
              <TextInput
                {...field('code')}
                description={t('form.codeHint')}
                autoComplete="off"
                spellCheck={false}
              />
              <TextInput
                {...field('sortOrder')}
                description={t('form.sortOrderHint')}
                inputMode="numeric"
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('form.texts')}>
            <Stack>
              <Textarea
                {...field('description')}
                description={t('form.linesHint')}
                autosize
                minRows={3}
              />
              <Textarea
                {...field('summary')}
                description={t('form.linesHint')}
                autosize
                minRows={3}
              />
            </Stack>
          </Fieldset>
          <YearActivitiesFields form={form} yearErrors={yearErrors} />
          <Text size="sm">{t('form.valuesNote')}</Text>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => navigate(base ? `/programs/${base.id}` : '/programs')}
            >
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
