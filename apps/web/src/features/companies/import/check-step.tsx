import { Alert, Button, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useErrorMessage } from '../../../components/error-state';
import type { RunResult } from './import-api';
import { ImportCounts, ImportErrorsTable } from './import-errors-table';
import { READABLE_ALERT } from './readable';

export type ImportMode = 'atomic' | 'batches';

/** Whether a checked file may be imported in the chosen mode. */
export function importable(result: RunResult, mode: ImportMode): boolean {
  if (result.errors.some((e) => e.field === '(file)')) return false;
  return mode === 'batches' || result.errorCount === 0;
}

/** Step 3: choose how to import, check the file (dry run), see what it would do. */
export function CheckStep({
  mode,
  onMode,
  municipality,
  onMunicipality,
  showMunicipality,
  checking,
  result,
  error,
  onCheck,
  onBack,
  onImport,
}: {
  mode: ImportMode;
  onMode: (mode: ImportMode) => void;
  municipality: string;
  onMunicipality: (value: string) => void;
  showMunicipality: boolean;
  checking: boolean;
  result: RunResult | null;
  error: unknown;
  onCheck: () => void;
  onBack: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation('companyImport');
  const errorMessage = useErrorMessage();
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const fileError = result?.errors.some((e) => e.field === '(file)') ?? false;

  return (
    <Stack>
      <Text>{t('check.intro')}</Text>
      <Radio.Group label={t('check.mode')} value={mode} onChange={(v) => onMode(v as ImportMode)}>
        <Stack gap="xs" mt="xs">
          <Radio value="atomic" label={t('check.modes.atomic')} />
          <Radio value="batches" label={t('check.modes.batches')} />
        </Stack>
      </Radio.Group>
      {showMunicipality ? (
        <TextInput
          label={t('check.municipality')}
          description={t('check.municipalityDescription')}
          value={municipality}
          onChange={(e) => onMunicipality(e.currentTarget.value)}
          error={fieldErrors.municipality}
          inputMode="numeric"
          maxLength={6}
          maw={320}
        />
      ) : null}
      <Group>
        <Button variant="default" onClick={onBack} disabled={checking}>
          {t('common:actions.back')}
        </Button>
        <Button onClick={onCheck} loading={checking} variant={result ? 'default' : 'filled'}>
          {t('check.run')}
        </Button>
      </Group>
      {checking ? (
        <Text size="sm" role="status">
          {t('check.running')}
        </Text>
      ) : null}
      {error && !fieldErrors.municipality ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('errorTitle')}
          styles={READABLE_ALERT}
        >
          {errorMessage(error)}
          {Object.entries(fieldErrors).map(([field, message]) => (
            <Text key={field} size="sm">
              {message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {result && !checking ? (
        <Stack>
          <Title order={2} size="h4">
            {t('check.summary')}
          </Title>
          <ImportCounts result={result} />
          <ImportErrorsTable result={result} />
          {fileError ? (
            <Alert color="red" variant="light" role="alert">
              {t('check.fileBlocked')}
            </Alert>
          ) : mode === 'atomic' && result.errorCount > 0 ? (
            <Alert color="orange" variant="light" role="alert">
              {t('check.atomicBlocked')}
            </Alert>
          ) : mode === 'batches' && result.errorCount > 0 ? (
            <Alert color="yellow" variant="light" role="status">
              {t('check.batchesNote', { count: result.errorCount })}
            </Alert>
          ) : null}
          <Group>
            <Button onClick={onImport} disabled={!importable(result, mode)}>
              {t('check.next')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
