import { fieldErrorsFromZod, fiscalYearOf, VisitTargetUpdate } from '@banso/shared';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveVisitTarget, useVisitTarget, type VisitTargetDto } from '../../api/caravan';
import { ApiError } from '../../api/client';
import { useFormatters } from '../../app/preferences';
import { ErrorState, useErrorMessage } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { formatFiscalYear } from '../../lib/format';

/** The annual visit target per fiscal year (令和N年度 (YYYY)); 500 until one is set. */
export function VisitTargetForm({ now = () => new Date() }: { now?: () => Date }) {
  const { t } = useTranslation('caravan');
  const { language } = useFormatters();
  const current = fiscalYearOf(now());
  const [fiscalYear, setFiscalYear] = useState(current);
  const target = useVisitTarget(fiscalYear);
  const years = [current - 1, current, current + 1, current + 2];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-target-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="settings-target-title">
          {t('settings.target.title')}
        </Title>
        <Text size="sm">{t('settings.target.intro')}</Text>
        <Select
          label={t('settings.target.fiscalYear')}
          data={years.map((fy) => ({ value: String(fy), label: formatFiscalYear(fy, language) }))}
          value={String(fiscalYear)}
          onChange={(value) => value && setFiscalYear(Number(value))}
          allowDeselect={false}
          w={260}
        />
        {target.isPending ? <Loading /> : null}
        {target.isError ? (
          <ErrorState error={target.error} onRetry={() => void target.refetch()} />
        ) : null}
        {target.data ? (
          <TargetInput key={`${fiscalYear}:${target.data.target}`} saved={target.data} />
        ) : null}
      </Stack>
    </Paper>
  );
}

function TargetInput({ saved }: { saved: VisitTargetDto }) {
  const { t, i18n } = useTranslation('caravan');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const save = useSaveVisitTarget();
  const errorMessage = useErrorMessage();
  const [value, setValue] = useState<number | string>(saved.target);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fy = formatFiscalYear(saved.fiscalYear, language);

  async function submit() {
    setProblem(null);
    const checked = VisitTargetUpdate.safeParse({ target: value === '' ? undefined : value });
    if (!checked.success) {
      setError(fieldErrorsFromZod(checked.error)[0]?.message[language] ?? null);
      return;
    }
    setError(null);
    try {
      const result = await save.mutateAsync({
        fiscalYear: saved.fiscalYear,
        target: checked.data.target,
      });
      notifications.show({
        color: 'green',
        message: t('settings.target.saved', { fy, target: result.target }),
      });
    } catch (e) {
      if (e instanceof ApiError) setError(e.fieldErrors.target ?? null);
      setProblem(errorMessage(e));
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" data-testid="visit-target-current">
          {t('settings.target.current', { fy, target: saved.target })}
          {saved.isDefault ? ` ${t('settings.target.isDefault')}` : ''}
        </Text>
        {problem ? (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={problem}
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          />
        ) : null}
        <Group align="flex-start" gap="sm">
          <NumberInput
            label={t('settings.target.value')}
            value={value}
            onChange={setValue}
            min={0}
            max={1_000_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            error={error}
            w={260}
          />
          <Button type="submit" mt={25} loading={save.isPending}>
            {t('settings.target.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
