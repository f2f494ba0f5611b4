import {
  COMPANY_KINDS,
  type CountingBasis,
  fiscalYearLabel,
  LISTING_KINDS,
  type Localized,
  MATCH_ORIGINS,
  MATCH_STAGES,
  VISIT_KINDS,
} from '@banso/shared';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCalculator } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useErrorMessage } from '../../../components/error-state';
import { formatFigure } from '../program-format';
import { type KpiPreviewDto, useMetricPreview } from './kpi-api';
import {
  checkMetric,
  emptyMetricValues,
  type KpiFormField,
  type KpiFormValues,
  kpiFieldOf,
  type MetricEntity,
} from './kpi-form-values';

const ENTITIES: MetricEntity[] = ['visits', 'follow_ups', 'companies', 'matches'];

/** The DOM id of a form field (the first field with a problem gets the focus). */
export const kpiFieldId = (field: KpiFormField) => `kpi-${field.replace('.', '-')}`;

/**
 * The metric definition of a computed KPI, for every entity of `MetricDefinition`: what to count
 * (company registrations, visits, follow-ups), how (count or sum, 訪問件数 or 訪問企業数, by
 * creation or completion) and the entity's filters; and a preview of the value per year of the
 * program, computed by the API from the records before anything is saved.
 */
export function MetricEditor({
  form,
  programId,
  renderError,
}: {
  form: UseFormReturnType<KpiFormValues>;
  programId: string;
  renderError: (message: Localized | string) => ReactNode;
}) {
  const { t } = useTranslation('programs');
  const m = form.values.metric;
  const preview = useMetricPreview(programId);
  const errorMessage = useErrorMessage();
  const [shown, setShown] = useState<{ key: string; data: KpiPreviewDto } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const key = JSON.stringify([form.values.basis, m]);

  const field = (name: KpiFormField, label: string) => ({
    id: kpiFieldId(name),
    label,
    ...form.getInputProps(name),
  });
  const companyKinds = COMPANY_KINDS.map((k) => ({
    value: k,
    label: t(`metricEditor.companyKind.${k}`),
  }));
  const visitKinds = VISIT_KINDS.map((k) => ({
    value: k,
    label: t(`metricEditor.visitKind.${k}`),
  }));

  async function runPreview() {
    setPreviewError(null);
    const checked = checkMetric(form.getValues().metric);
    if (!checked.ok) {
      const errors: Record<string, ReactNode> = {};
      for (const [f, message] of Object.entries(checked.errors))
        if (message) errors[f] = renderError(message);
      form.setErrors({ ...form.errors, ...errors });
      return;
    }
    const basis: CountingBasis = form.getValues().basis;
    try {
      const data = await preview.mutateAsync({ basis, metric: checked.metric });
      setShown({ key, data });
    } catch (error) {
      setShown(null);
      if (error instanceof ApiError) {
        const errors: Record<string, ReactNode> = {};
        for (const [path, message] of Object.entries(error.fieldErrors)) {
          const f = kpiFieldOf(path);
          if (f) errors[f] = renderError(message);
        }
        if (Object.keys(errors).length > 0) form.setErrors({ ...form.errors, ...errors });
      }
      setPreviewError(errorMessage(error));
    }
  }

  return (
    <Fieldset legend={t('metricEditor.legend')}>
      <Stack gap="sm">
        <Select
          {...field('metric.entity', t('metricEditor.entity'))}
          data={ENTITIES.map((e) => ({ value: e, label: t(`metricEditor.entities.${e}`) }))}
          allowDeselect={false}
          onChange={(value) => {
            if (!value || value === m.entity) return;
            // The filters of one entity mean nothing for another.
            form.setFieldValue('metric', emptyMetricValues(value as MetricEntity));
          }}
        />
        {m.entity === 'companies' ? (
          <>
            <Radio.Group {...field('metric.aggregate', t('metricEditor.aggregate'))}>
              <Group gap="lg" mt={4}>
                <Radio value="count" label={t('metricEditor.aggregateCount')} />
                <Radio value="sum" label={t('metricEditor.aggregateSum')} />
              </Group>
            </Radio.Group>
            {m.aggregate === 'sum' ? (
              <Select
                {...field('metric.field', t('metricEditor.field'))}
                required
                data={(['employees', 'capitalYen'] as const).map((f) => ({
                  value: f,
                  label: t(`metric.field.${f}`),
                }))}
                allowDeselect={false}
              />
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                {...field('metric.kinds', t('metricEditor.companyKinds'))}
                description={t('metricEditor.anyHint')}
                data={companyKinds}
                searchable
                clearable
              />
              <TagsInput
                {...field('metric.tagsAll', t('metricEditor.tagsAll'))}
                description={t('metricEditor.tagsHint')}
              />
              <TextInput
                {...field('metric.jsicPrefix', t('metricEditor.jsicPrefix'))}
                description={t('metricEditor.jsicHint')}
                autoComplete="off"
              />
              <TextInput
                {...field('metric.municipalityPrefix', t('metricEditor.municipalityPrefix'))}
                description={t('metricEditor.municipalityHint')}
                inputMode="numeric"
                autoComplete="off"
              />
            </SimpleGrid>
          </>
        ) : null}
        {m.entity === 'visits' ? (
          <>
            <Radio.Group {...field('metric.count', t('metricEditor.countMode'))}>
              <Group gap="lg" mt={4}>
                <Radio value="visits" label={t('metricEditor.countVisits')} />
                <Radio value="companies" label={t('metricEditor.countCompanies')} />
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                {...field('metric.kinds', t('metricEditor.visitKinds'))}
                description={t('metricEditor.anyHint')}
                data={visitKinds}
                searchable
                clearable
              />
              <TagsInput
                {...field('metric.categories', t('metricEditor.categories'))}
                description={t('metricEditor.categoriesHint')}
              />
              <MultiSelect
                {...field('metric.companyKinds', t('metricEditor.companyKinds'))}
                description={t('metricEditor.anyHint')}
                data={companyKinds}
                searchable
                clearable
              />
              <TextInput
                {...field('metric.municipalityPrefix', t('metricEditor.municipalityPrefix'))}
                description={t('metricEditor.municipalityHint')}
                inputMode="numeric"
                autoComplete="off"
              />
            </SimpleGrid>
          </>
        ) : null}
        {m.entity === 'follow_ups' ? (
          <>
            <Radio.Group {...field('metric.event', t('metricEditor.event'))}>
              <Group gap="lg" mt={4}>
                <Radio value="created" label={t('metricEditor.eventCreated')} />
                <Radio value="completed" label={t('metricEditor.eventCompleted')} />
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                {...field('metric.status', t('metricEditor.status'))}
                data={[
                  { value: 'any', label: t('metricEditor.statusAny') },
                  { value: 'open', label: t('metricEditor.statusOpen') },
                  { value: 'done', label: t('metricEditor.statusDone') },
                ]}
                allowDeselect={false}
              />
              <MultiSelect
                {...field('metric.visitKinds', t('metricEditor.visitKinds'))}
                description={t('metricEditor.anyHint')}
                data={visitKinds}
                searchable
                clearable
              />
              <MultiSelect
                {...field('metric.companyKinds', t('metricEditor.companyKinds'))}
                description={t('metricEditor.anyHint')}
                data={companyKinds}
                searchable
                clearable
              />
              <TextInput
                {...field('metric.municipalityPrefix', t('metricEditor.municipalityPrefix'))}
                description={t('metricEditor.municipalityHint')}
                inputMode="numeric"
                autoComplete="off"
              />
            </SimpleGrid>
          </>
        ) : null}
        {m.entity === 'matches' ? (
          <>
            <Select
              {...field('metric.stage', t('metricEditor.stage'))}
              description={t('metricEditor.stageHint')}
              data={MATCH_STAGES.map((s) => ({ value: s, label: t(`metricEditor.stages.${s}`) }))}
              allowDeselect={false}
            />
            <Checkbox
              id={kpiFieldId('metric.programId')}
              label={t('metricEditor.programOnly')}
              checked={m.programId !== ''}
              error={form.errors['metric.programId']}
              onChange={(e) =>
                form.setFieldValue('metric.programId', e.currentTarget.checked ? programId : '')
              }
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                {...field('metric.origins', t('metricEditor.origins'))}
                description={t('metricEditor.anyHint')}
                data={MATCH_ORIGINS.map((o) => ({
                  value: o,
                  label: t(`metricEditor.origin.${o}`),
                }))}
                clearable
              />
              <MultiSelect
                {...field('metric.listingKinds', t('metricEditor.listingKinds'))}
                description={t('metricEditor.anyHint')}
                data={LISTING_KINDS.map((k) => ({
                  value: k,
                  label: t(`metricEditor.listingKind.${k}`),
                }))}
                clearable
              />
            </SimpleGrid>
          </>
        ) : null}
        <Text size="sm">{t('metricEditor.programNote')}</Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconCalculator size={16} aria-hidden />}
            loading={preview.isPending}
            onClick={() => void runPreview()}
          >
            {t('metricEditor.preview')}
          </Button>
        </Group>
        {previewError ? (
          <Alert color="red" variant="light" role="alert" title={previewError} />
        ) : null}
        {shown ? (
          <Stack gap={4} aria-live="polite">
            {shown.key !== key ? <Text size="sm">{t('metricEditor.previewStale')}</Text> : null}
            <Table withTableBorder maw={520} verticalSpacing={4}>
              <Table.Caption>{t('metricEditor.previewCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('metricEditor.previewYear')}</Table.Th>
                  <Table.Th scope="col">{t('metricEditor.previewPeriod')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('metricEditor.previewValue')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.data.years.map((y) => (
                  <Table.Tr key={y.fy}>
                    <Table.Th scope="row" fw={500}>
                      {shown.data.basis === 'calendar' ? `${y.fy}年` : fiscalYearLabel(y.fy)}
                    </Table.Th>
                    <Table.Td>
                      {y.from.replaceAll('-', '/')}～{y.to.replaceAll('-', '/')}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatFigure(y.value)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : null}
      </Stack>
    </Fieldset>
  );
}
