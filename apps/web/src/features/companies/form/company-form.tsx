import { COMPANY_KINDS, type Localized, SUCCESSOR_STATUSES } from '@banso/shared';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import type { CompanyDto } from '../../../api/companies';
import { useErrorMessage } from '../../../components/error-state';
import { LocalizedMessage } from '../../../components/localized-message';
import { ProblemAlert } from '../../../components/problem-alert';
import type { UiLanguage } from '../../../lib/format';
import { jsicOptions, municipalityOptions } from './code-list-options';
import { CodeListSelect } from './code-list-select';
import {
  COMPANY_FORM_FIELDS,
  type CompanyField,
  type CompanyFormValues,
  changedFields,
  companyToValues,
  emptyCompanyValues,
  type FieldMessages,
  formFieldOf,
  inputId,
  validateCreate,
  validateUpdate,
} from './company-form-values';
import { UnsavedChangesGuard } from './unsaved-changes-guard';
import { useSaveCompany } from './use-save-company';

type Message = Localized | string;

/** A problem the server found in a field, kept while the field still holds the value sent. */
interface ServerFieldError {
  message: Message;
  sentValue: string;
}

/** Alert titles in the text colour: yellow and red on their light tints are below AA contrast. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

const TAG_SPLIT = [',', '、', '，'];
const WRAPPER_ORDER: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];

export interface CompanyFormProps {
  /** The company to edit, as loaded; absent to register a new one. */
  company?: CompanyDto;
  /** Loads the company again (after 409 stale_version); resolves to the latest version. */
  onReload?: () => Promise<CompanyDto | undefined>;
}

/**
 * The company create/edit form. Fields are validated on blur and on submit with the API's own
 * contract; problems the API reports (422/409) are shown next to their field, the rest above
 * the form, and the first invalid field gets the focus.
 */
export function CompanyForm({ company, onReload }: CompanyFormProps) {
  const { t, i18n } = useTranslation('companyForm');
  const language: UiLanguage = i18n.language === 'en' ? 'en' : 'ja';
  const navigate = useNavigate();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const save = useSaveCompany();

  /** The version the edit is based on; replaced when the user reloads after a conflict. */
  const [base, setBase] = useState<CompanyDto | undefined>(company);
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const serverErrors = useRef<Partial<Record<CompanyField, ServerFieldError>>>({});
  const leaving = useRef(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const staleRef = useRef<HTMLDivElement>(null);

  const form = useForm<CompanyFormValues>({
    mode: 'uncontrolled',
    initialValues: company ? companyToValues(company) : emptyCompanyValues(),
    validateInputOnBlur: true,
    validate: (values) => {
      const result = base
        ? validateUpdate(values, form.getInitialValues(), base.version)
        : validateCreate(values);
      const errors: FormErrors = {};
      const client: FieldMessages = result.ok ? {} : result.errors;
      for (const field of COMPANY_FORM_FIELDS) {
        const message: Message | undefined = client[field] ?? stillValid(field, values);
        if (message) errors[field] = <LocalizedMessage message={message} />;
      }
      return errors;
    },
  });

  /** A server message for a field is shown until the user changes what was sent. */
  function stillValid(field: CompanyField, values: CompanyFormValues): Message | undefined {
    const kept = serverErrors.current[field];
    if (!kept) return undefined;
    if (kept.sentValue === JSON.stringify(values[field])) return kept.message;
    delete serverErrors.current[field];
    return undefined;
  }

  function focusFirstInvalid(fields: readonly string[]) {
    const first = COMPANY_FORM_FIELDS.find((f) => fields.includes(f));
    if (first) document.getElementById(inputId(first))?.focus();
  }

  function leave(to: string) {
    leaving.current = true;
    navigate(to);
    // The shell does not restore scroll positions: start the next page at its top.
    window.scrollTo({ top: 0 });
  }

  const cancel = () => {
    if (location.key !== 'default') navigate(-1);
    else navigate(base ? `/companies/${base.id}` : '/companies');
  };

  useWindowEvent('beforeunload', (event) => {
    if (!leaving.current && form.isDirty()) event.preventDefault();
  });

  function showServerProblem(error: unknown, sent: CompanyFormValues) {
    if (error instanceof ApiError && error.code === 'stale_version') {
      setStale(true);
      requestAnimationFrame(() => staleRef.current?.focus());
      return;
    }
    const known: Partial<Record<CompanyField, string>> = {};
    const others: string[] = [];
    const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
    for (const [path, message] of Object.entries(fieldErrors)) {
      const name = formFieldOf(path);
      if (name) known[name] ??= message;
      else others.push(path === '(body)' ? message : `${path}: ${message}`);
    }
    const fields = COMPANY_FORM_FIELDS.filter((f) => known[f] !== undefined);
    const errors: FormErrors = {};
    for (const name of fields) {
      const message = known[name] ?? '';
      serverErrors.current[name] = { message, sentValue: JSON.stringify(sent[name]) };
      errors[name] = <LocalizedMessage message={message} />;
    }
    form.setErrors(errors);
    setProblem({ title: errorMessage(error), items: others });
    if (fields.length > 0) focusFirstInvalid(fields);
    else requestAnimationFrame(() => alertRef.current?.focus());
  }

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      setStale(false);
      try {
        if (base) {
          const checked = validateUpdate(values, form.getInitialValues(), base.version);
          if (!checked.ok) return;
          if (changedFields(checked.body).length === 0) {
            notifications.show({ message: t('messages.noChanges') });
            leave(`/companies/${base.id}`);
            return;
          }
          const saved = await save.mutateAsync({ kind: 'update', id: base.id, body: checked.body });
          notifications.show({
            color: 'green',
            message: t('messages.updated', { name: saved.name }),
          });
          leave(`/companies/${saved.id}`);
        } else {
          const checked = validateCreate(values);
          if (!checked.ok) return;
          const saved = await save.mutateAsync({ kind: 'create', body: checked.body });
          notifications.show({
            color: 'green',
            message: t('messages.created', { name: saved.name }),
          });
          leave(`/companies/${saved.id}`);
        }
      } catch (error) {
        showServerProblem(error, values);
      }
    },
    (errors) => {
      setProblem({ title: t('messages.invalid'), items: [] });
      focusFirstInvalid(Object.keys(errors));
    },
  );

  async function reload() {
    if (!onReload) return;
    setReloading(true);
    try {
      const fresh = await onReload();
      if (fresh) {
        const values = companyToValues(fresh);
        serverErrors.current = {};
        setBase(fresh);
        form.setInitialValues(values);
        form.reset();
        setStale(false);
        setProblem(null);
        notifications.show({ message: t('messages.reloaded') });
      }
    } catch (error) {
      setProblem({ title: errorMessage(error), items: [] });
    } finally {
      setReloading(false);
    }
  }

  const jsic = useMemo(() => jsicOptions(language), [language]);
  const municipalities = useMemo(() => municipalityOptions(), []);
  const kinds = useMemo(
    () => COMPANY_KINDS.map((value) => ({ value, label: t(`kind.${value}`) })),
    [t],
  );
  const successors = useMemo(
    () =>
      SUCCESSOR_STATUSES.map((value) => ({
        value,
        label: t(`successor.${value}`),
      })),
    [t],
  );

  const field = (name: CompanyField) => ({
    id: inputId(name),
    label: t(`fields.${name}`),
    // Hints below the input keep the inputs of a row aligned whatever the hint's length.
    inputWrapperOrder: WRAPPER_ORDER,
    ...form.getInputProps(name),
  });
  const age = ageThisYear(form.useWatchValue('representativeBirthYear'));

  return (
    <>
      <UnsavedChangesGuard when={() => !leaving.current && form.isDirty()} />
      <Stack gap="md">
        {stale ? (
          <Alert
            ref={staleRef}
            tabIndex={-1}
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('messages.staleTitle')}
            styles={READABLE_TITLE}
            role="alert"
          >
            <Text size="sm">{t('messages.staleBody')}</Text>
            <Group mt="sm">
              <Button
                variant="outline"
                color="dark"
                leftSection={<IconRefresh size={16} aria-hidden />}
                onClick={() => void reload()}
                loading={reloading}
              >
                {t('actions.reload')}
              </Button>
            </Group>
          </Alert>
        ) : null}
        {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}
        <Text size="sm">{t('requiredNote')}</Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <Fieldset legend={t('sections.basic')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  key={form.key('corporateNumber')}
                  {...field('corporateNumber')}
                  description={t('hints.corporateNumber')}
                  inputMode="numeric"
                  autoComplete="off"
                />
                <TextInput
                  key={form.key('name')}
                  {...field('name')}
                  required
                  description={t('hints.name')}
                  autoComplete="off"
                />
                <TextInput
                  key={form.key('nameKana')}
                  {...field('nameKana')}
                  description={t('hints.nameKana')}
                  autoComplete="off"
                />
                <TextInput
                  key={form.key('nameEn')}
                  {...field('nameEn')}
                  autoComplete="off"
                  lang="en"
                />
                <Select
                  key={form.key('kind')}
                  {...field('kind')}
                  data={kinds}
                  allowDeselect={false}
                />
                <CodeListSelect
                  key={form.key('jsicCode')}
                  {...field('jsicCode')}
                  description={t('hints.jsicCode')}
                  options={jsic}
                  clearable
                  limit={100}
                  nothingFoundMessage={t('select.nothingFound')}
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('sections.location')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  key={form.key('postalCode')}
                  {...field('postalCode')}
                  description={t('hints.postalCode')}
                  inputMode="numeric"
                  autoComplete="off"
                />
                <CodeListSelect
                  key={form.key('municipalityCode')}
                  {...field('municipalityCode')}
                  description={t('hints.municipalityCode')}
                  options={municipalities}
                  clearable
                  limit={100}
                  nothingFoundMessage={t('select.nothingFound')}
                />
              </SimpleGrid>
              <TextInput
                key={form.key('address')}
                {...field('address')}
                description={t('hints.address')}
                autoComplete="off"
                mt="md"
              />
            </Fieldset>

            <Fieldset legend={t('sections.size')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  key={form.key('employees')}
                  {...field('employees')}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  hideControls
                />
                <NumberInput
                  key={form.key('capitalYen')}
                  {...field('capitalYen')}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  hideControls
                />
                <NumberInput
                  key={form.key('foundedYear')}
                  {...field('foundedYear')}
                  description={t('hints.foundedYear')}
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                />
                <TextInput
                  key={form.key('website')}
                  {...field('website')}
                  description={t('hints.website')}
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('sections.representative')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  key={form.key('representativeName')}
                  {...field('representativeName')}
                  autoComplete="off"
                />
                <NumberInput
                  key={form.key('representativeBirthYear')}
                  {...field('representativeBirthYear')}
                  description={
                    age === null
                      ? t('hints.representativeBirthYear')
                      : `${t('hints.representativeBirthYear')} ${t('hints.age', { age })}`
                  }
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                />
                <Select
                  key={form.key('successorStatus')}
                  {...field('successorStatus')}
                  data={successors}
                  allowDeselect={false}
                />
              </SimpleGrid>
            </Fieldset>

            <Fieldset legend={t('sections.business')}>
              <Stack>
                <Textarea
                  key={form.key('businessDescription')}
                  {...field('businessDescription')}
                  rows={5}
                  resize="vertical"
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {(['technologies', 'products', 'equipment', 'needs', 'tags'] as const).map(
                    (name) => (
                      <TagsInput
                        key={form.key(name)}
                        {...field(name)}
                        description={t('hints.list')}
                        splitChars={TAG_SPLIT}
                        clearable
                      />
                    ),
                  )}
                </SimpleGrid>
              </Stack>
            </Fieldset>

            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={cancel}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </>
  );
}

/** The representative's age this year, for a plausible birth year; null otherwise. */
function ageThisYear(birthYear: number | string): number | null {
  const year = typeof birthYear === 'number' ? birthYear : Number(birthYear);
  const now = new Date().getFullYear();
  return Number.isInteger(year) && year >= 1900 && year <= now ? now - year : null;
}
