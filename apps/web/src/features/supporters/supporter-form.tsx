import {
  fieldErrorsFromZod,
  SUPPORTER_KINDS,
  SupporterCreate,
  SupporterUpdate,
} from '@banso/shared';
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SupporterDto, useCategories, useSaveSupporter } from '../../api/caravan';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/error-state';

interface Values {
  name: string;
  nameKana: string;
  organization: string;
  kind: SupporterDto['kind'];
  expertise: string[];
  monthlyCapacity: number | string;
  email: string;
  phone: string;
  notes: string;
  active: boolean;
}

const fromSupporter = (s?: SupporterDto): Values => ({
  name: s?.name ?? '',
  nameKana: s?.nameKana ?? '',
  organization: s?.organization ?? '',
  kind: s?.kind ?? 'staff',
  expertise: [...(s?.expertise ?? [])],
  monthlyCapacity: s?.monthlyCapacity ?? 8,
  email: s?.email ?? '',
  phone: s?.phone ?? '',
  notes: s?.notes ?? '',
  active: s?.active ?? true,
});

/** Create or edit a supporter; checked with the API's contract, API field errors beside fields. */
export function SupporterForm({
  supporter,
  onDone,
}: {
  supporter?: SupporterDto;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('caravan');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const [values, setValues] = useState<Values>(() => fromSupporter(supporter));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const categories = useCategories();
  const save = useSaveSupporter();
  const errorMessage = useErrorMessage();
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const options = [
    ...new Set([
      ...(categories.data?.items ?? []).filter((c) => c.active).map((c) => c.name),
      ...values.expertise,
    ]),
  ];

  async function submit() {
    setProblem(null);
    const body = {
      ...values,
      monthlyCapacity: values.monthlyCapacity === '' ? Number.NaN : Number(values.monthlyCapacity),
    };
    const result = supporter
      ? SupporterUpdate.safeParse({ ...body, version: supporter.version })
      : SupporterCreate.safeParse(body);
    if (!result.success) {
      const next: Record<string, string> = {};
      for (const e of fieldErrorsFromZod(result.error)) {
        next[e.field.split('.')[0] ?? e.field] ??= e.message[language];
      }
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      const saved = supporter
        ? await save.mutateAsync({
            kind: 'update',
            id: supporter.id,
            body: result.data as SupporterUpdate,
          })
        : await save.mutateAsync({ kind: 'create', body: result.data as SupporterCreate });
      notifications.show({ color: 'green', message: t('supporters.saved', { name: saved.name }) });
      onDone();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      if (Object.keys(fields).length > 0) setErrors(fields);
      setProblem(errorMessage(error));
    }
  }

  const field = (key: keyof Values) => ({
    label: t(`supporters.fields.${key}`),
    error: errors[key],
  });

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {problem ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={problem}
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            {...field('name')}
            required
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            {...field('nameKana')}
            value={values.nameKana}
            onChange={(e) => set('nameKana', e.currentTarget.value)}
          />
          <Select
            {...field('kind')}
            data={SUPPORTER_KINDS.map((k) => ({ value: k, label: t(`supporterKind.${k}`) }))}
            value={values.kind}
            allowDeselect={false}
            onChange={(v) => v && set('kind', v as Values['kind'])}
          />
          <TextInput
            {...field('organization')}
            value={values.organization}
            onChange={(e) => set('organization', e.currentTarget.value)}
          />
        </SimpleGrid>
        <MultiSelect
          {...field('expertise')}
          data={options}
          searchable
          value={values.expertise}
          onChange={(v) => set('expertise', v)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            {...field('monthlyCapacity')}
            min={0}
            max={200}
            value={values.monthlyCapacity}
            onChange={(v) => set('monthlyCapacity', v)}
          />
          <TextInput
            {...field('email')}
            type="email"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
          />
          <TextInput
            {...field('phone')}
            type="tel"
            value={values.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          {...field('notes')}
          autosize
          minRows={2}
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
        />
        <Switch
          label={t('supporters.fields.active')}
          checked={values.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
