import { fiscalYearLabel } from '@banso/shared';
import {
  Button,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentFiscalYear } from '../program-format';
import { emptyYear, type ProgramFormValues } from './program-form-values';

/**
 * The main activities (主な取組) of each fiscal year of the period: whether the year's cost is
 * spent (事業費) or a budget (予算), an optional intro and numbered groups (heading, prose, items
 * one per line, written with their ①②③). The cost and grant themselves are edited in the grid.
 */
export function YearActivitiesFields({
  form,
  yearErrors,
}: {
  form: UseFormReturnType<ProgramFormValues>;
  yearErrors: Record<string, ReactNode>;
}) {
  const { t, i18n } = useTranslation('programs');
  const values = form.getValues();
  const from = Number(values.fromFy);
  const to = Number(values.toFy);
  const years: number[] = [];
  if (Number.isInteger(from) && Number.isInteger(to) && to >= from && to - from <= 20)
    for (let fy = from; fy <= to; fy++) years.push(fy);
  const figures = [
    { value: 'actual', label: t('form.figureActual') },
    { value: 'budget', label: t('form.figureBudget') },
  ];
  const en = i18n.language === 'en';

  return (
    <Fieldset legend={t('form.activities')}>
      <Stack gap="md">
        <Text size="sm">{t('form.activitiesHint')}</Text>
        {years.map((fy) => {
          const key = `years.${fy}`;
          const year = values.years[String(fy)];
          const label = en ? `FY${fy} (${fiscalYearLabel(fy)})` : `${fiscalYearLabel(fy)} (${fy})`;
          return (
            <Paper key={fy} withBorder p="sm" radius="sm" component="section" aria-label={label}>
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5">
                  {label}
                </Title>
                {year ? null : (
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() =>
                      form.setFieldValue(key, {
                        ...emptyYear(fy, currentFiscalYear()),
                        activities: [{ title: '', body: '', items: '' }],
                      })
                    }
                    aria-label={t('form.addYear', { year: label })}
                  >
                    {t('form.addYearShort')}
                  </Button>
                )}
              </Group>
              {yearErrors[key] ? (
                <Text size="sm" c="var(--mantine-color-error)" role="alert" mb="xs">
                  {yearErrors[key]}
                </Text>
              ) : null}
              {year ? (
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label={t('form.figure')}
                      data={figures}
                      allowDeselect={false}
                      {...form.getInputProps(`${key}.figure`)}
                    />
                    <TextInput
                      label={t('form.costLabel')}
                      description={t('form.costLabelHint')}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      {...form.getInputProps(`${key}.costLabel`)}
                    />
                  </SimpleGrid>
                  <Textarea
                    label={t('form.intro')}
                    autosize
                    minRows={1}
                    {...form.getInputProps(`${key}.intro`)}
                  />
                  {year.activities.map((_, i) => {
                    const g = `${key}.activities.${i}`;
                    const n = i + 1;
                    return (
                      <Paper
                        // biome-ignore lint/suspicious/noArrayIndexKey: groups are positional
                        key={i}
                        withBorder
                        p="sm"
                        radius="sm"
                        bg="var(--mantine-color-gray-0)"
                      >
                        <Stack gap="xs">
                          <TextInput
                            label={t('form.groupTitle', { n })}
                            placeholder={t('form.groupTitlePlaceholder')}
                            {...form.getInputProps(`${g}.title`)}
                          />
                          <Textarea
                            label={t('form.groupBody', { n })}
                            autosize
                            minRows={1}
                            {...form.getInputProps(`${g}.body`)}
                          />
                          <Textarea
                            label={t('form.groupItems', { n })}
                            description={t('form.groupItemsHint')}
                            inputWrapperOrder={['label', 'input', 'description', 'error']}
                            autosize
                            minRows={2}
                            {...form.getInputProps(`${g}.items`)}
                          />
                          <Group justify="flex-end">
                            <Button
                              variant="subtle"
                              color="red.9"
                              size="xs"
                              leftSection={<IconTrash size={14} aria-hidden />}
                              onClick={() => form.removeListItem(`${key}.activities`, i)}
                              aria-label={t('form.removeGroup', { year: label, n })}
                            >
                              {t('form.removeGroupShort')}
                            </Button>
                          </Group>
                        </Stack>
                      </Paper>
                    );
                  })}
                  <Group>
                    <Button
                      variant="default"
                      size="xs"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() =>
                        form.insertListItem(`${key}.activities`, { title: '', body: '', items: '' })
                      }
                      aria-label={t('form.addGroup', { year: label })}
                    >
                      {t('form.addGroupShort')}
                    </Button>
                  </Group>
                </Stack>
              ) : null}
            </Paper>
          );
        })}
      </Stack>
    </Fieldset>
  );
}
