import { LICENSING_OFFERS, LISTING_KINDS, LISTING_STATUSES } from '@banso/shared';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormErrors, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type ListingDto, useListing, useSaveListing } from '../../api/listings';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { LocalizedMessage } from '../../components/localized-message';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { UnsavedChangesGuard } from '../companies/form/unsaved-changes-guard';
import { HolderPicker } from './form/holder-picker';
import {
  emptyListingValues,
  type FieldMessages,
  formFieldOf,
  inputId,
  LISTING_FORM_FIELDS,
  type ListingField,
  type ListingFormValues,
  listingToValues,
  validateCreate,
  validateUpdate,
} from './form/listing-form-values';
import { useMatchingPermissions } from './use-matching-permissions';

const WRAPPER_ORDER: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];
const TAG_SPLIT = [',', '、', '，'];

/** /listings/new and /listings/:id/edit. */
export default function ListingFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('listings');
  const { canWriteListings } = useMatchingPermissions();
  const title = id ? t('form.editTitle') : t('form.createTitle');
  if (!canWriteListings)
    return (
      <>
        <PageHeader title={title} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );
  return id ? <EditListing id={id} title={title} /> : <ListingForm title={title} />;
}

function EditListing({ id, title }: { id: string; title: string }) {
  const listing = useListing(id);
  if (listing.isPending)
    return (
      <>
        <PageHeader title={title} />
        <Loading />
      </>
    );
  if (listing.isError)
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={listing.error} onRetry={() => void listing.refetch()} />
      </>
    );
  return (
    <ListingForm
      title={title}
      listing={listing.data}
      onReload={async () => (await listing.refetch({ throwOnError: true })).data}
    />
  );
}

/**
 * The listing form: checked on blur and on submit with the API's contract; problems the API
 * reports (422 with field errors, 409 stale version) are shown at their fields or above the
 * form, and the first invalid field gets the focus.
 */
export function ListingForm({
  title,
  listing,
  onReload,
}: {
  title: string;
  listing?: ListingDto;
  onReload?: () => Promise<ListingDto | undefined>;
}) {
  const { t } = useTranslation('listings');
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const save = useSaveListing();
  const [base, setBase] = useState(listing);
  const [holderLabel, setHolderLabel] = useState(
    listing?.holderCompanyId ? (listing.holderName ?? '') : '',
  );
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const leaving = useRef(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const form = useForm<ListingFormValues>({
    initialValues: listing ? listingToValues(listing) : emptyListingValues(),
    validateInputOnBlur: true,
    validate: (values) => {
      const result = base
        ? validateUpdate(values, form.getInitialValues(), base.version)
        : validateCreate(values);
      const errors: FormErrors = {};
      if (!result.ok)
        for (const field of LISTING_FORM_FIELDS) {
          const message = result.errors[field];
          if (message) errors[field] = <LocalizedMessage message={message} />;
        }
      return errors;
    },
  });

  const focusField = (field: ListingField) => document.getElementById(inputId(field))?.focus();

  function showServerProblem(error: unknown) {
    if (error instanceof ApiError && error.code === 'stale_version') {
      setStale(true);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    const known: FieldMessages = {};
    const others: string[] = [];
    if (error instanceof ApiError)
      for (const [path, message] of Object.entries(error.fieldErrors)) {
        const field = formFieldOf(path);
        if (field) known[field] ??= { ja: message, en: message };
        else others.push(path === '(body)' ? message : `${path}: ${message}`);
      }
    const errors: FormErrors = {};
    for (const field of LISTING_FORM_FIELDS) {
      const message = known[field];
      if (message) errors[field] = <LocalizedMessage message={message} />;
    }
    form.setErrors(errors);
    setProblem({ title: errorMessage(error), items: others });
    const first = LISTING_FORM_FIELDS.find((f) => known[f]);
    if (first) focusField(first);
    else requestAnimationFrame(() => alertRef.current?.focus());
  }

  const leave = (to: string) => {
    leaving.current = true;
    navigate(to);
    window.scrollTo({ top: 0 });
  };

  const submit = form.onSubmit(
    async (values) => {
      setProblem(null);
      setStale(false);
      try {
        if (base) {
          const checked = validateUpdate(values, form.getInitialValues(), base.version);
          if (!checked.ok) return;
          if (Object.keys(checked.body).length <= 1) {
            notifications.show({ message: t('form.noChanges') });
            leave(`/listings/${base.id}`);
            return;
          }
          const saved = await save.mutateAsync({ kind: 'update', id: base.id, body: checked.body });
          notifications.show({
            color: 'green',
            message: t('form.updated', { title: saved.title }),
          });
          leave(`/listings/${saved.id}`);
        } else {
          const checked = validateCreate(values);
          if (!checked.ok) return;
          const saved = await save.mutateAsync({ kind: 'create', body: checked.body });
          notifications.show({
            color: 'green',
            message: t('form.created', { title: saved.title }),
          });
          leave(`/listings/${saved.id}`);
        }
      } catch (error) {
        showServerProblem(error);
      }
    },
    (errors) => {
      setProblem({ title: t('form.invalid'), items: [] });
      const first = LISTING_FORM_FIELDS.find((f) => errors[f]);
      if (first) focusField(first);
    },
  );

  async function reload() {
    if (!onReload) return;
    try {
      const fresh = await onReload();
      if (!fresh) return;
      setBase(fresh);
      setHolderLabel(fresh.holderCompanyId ? (fresh.holderName ?? '') : '');
      form.setInitialValues(listingToValues(fresh));
      form.reset();
      setStale(false);
      setProblem(null);
      notifications.show({ message: t('form.reloaded') });
    } catch (error) {
      setProblem({ title: errorMessage(error), items: [] });
    }
  }

  const field = (name: ListingField) => ({
    id: inputId(name),
    label: t(`fields.${name}`),
    inputWrapperOrder: WRAPPER_ORDER,
    ...form.getInputProps(name),
  });
  const listField = (name: ListingField) => ({
    ...field(name),
    description: t('form.listHint'),
    splitChars: TAG_SPLIT,
    clearable: true,
    clearButtonProps: { 'aria-label': t('form.clearList', { field: t(`fields.${name}`) }) },
  });
  const cancelTo = base ? `/listings/${base.id}` : '/listings';

  return (
    <Stack gap="md">
      <Anchor component={Link} to={cancelTo} size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {base ? t('form.backToListing') : t('detail.backToList')}
        </Group>
      </Anchor>
      <PageHeader title={title} />
      {base ? (
        <Text fw={700} mt={-16}>
          {base.title}
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
          title={t('form.staleTitle')}
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
            {t('form.reload')}
          </Button>
        </Alert>
      ) : null}
      {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('form.basics')}>
            <Stack>
              <TextInput {...field('title')} required autoComplete="off" />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  {...field('kind')}
                  data={LISTING_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                  allowDeselect={false}
                />
                <Select
                  {...field('status')}
                  data={LISTING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  allowDeselect={false}
                />
                <TextInput {...field('verifiedOn')} type="date" />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.numbers')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                {...field('patentNumber')}
                description={t('form.patentNumberHint')}
                autoComplete="off"
              />
              <TextInput
                {...field('applicationNumber')}
                description={t('form.applicationNumberHint')}
                autoComplete="off"
              />
              <TextInput
                {...field('publicationNumber')}
                description={t('form.publicationNumberHint')}
                autoComplete="off"
              />
              <TextInput {...field('filedOn')} type="date" />
              <TextInput {...field('registeredOn')} type="date" />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('form.technology')}>
            <Stack>
              <Textarea {...field('abstract')} autosize minRows={4} />
              <TagsInput {...listField('applicableProducts')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TagsInput {...listField('technicalFields')} />
                <TagsInput {...listField('functions')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Textarea {...field('purpose')} autosize minRows={2} />
                <Textarea {...field('effect')} autosize minRows={2} />
              </SimpleGrid>
              <Textarea {...field('claims')} autosize minRows={2} />
              <TagsInput {...listField('ipc')} description={t('form.ipcHint')} spellCheck={false} />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.holder')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <HolderPicker
                  id={inputId('holderCompanyId')}
                  value={form.values.holderCompanyId}
                  name={holderLabel}
                  onChange={(company) => {
                    setHolderLabel(company?.name ?? '');
                    form.setFieldValue('holderCompanyId', company?.id ?? null);
                  }}
                  error={form.errors.holderCompanyId}
                />
                <TextInput
                  {...field('holderName')}
                  description={t('form.holderNameHint')}
                  autoComplete="off"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  {...field('licensing')}
                  data={LICENSING_OFFERS.map((o) => ({ value: o, label: t(`licensing.${o}`) }))}
                  allowDeselect={false}
                />
                <Checkbox
                  id={inputId('assignmentOffered')}
                  label={t('form.assignmentOffered')}
                  mt={{ sm: 30 }}
                  {...form.getInputProps('assignmentOffered', { type: 'checkbox' })}
                />
              </SimpleGrid>
              <Textarea {...field('licenseConditions')} autosize minRows={2} />
              <Textarea {...field('licensingRecord')} autosize minRows={2} />
              <TextInput {...field('contact')} autoComplete="off" />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('form.management')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput {...field('source')} autoComplete="off" />
              <TextInput
                {...field('externalId')}
                description={t('form.externalIdHint')}
                autoComplete="off"
              />
              <TextInput
                {...field('municipalityCode')}
                description={t('form.municipalityCodeHint')}
                inputMode="numeric"
                autoComplete="off"
              />
            </SimpleGrid>
          </Fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(cancelTo)}>
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
