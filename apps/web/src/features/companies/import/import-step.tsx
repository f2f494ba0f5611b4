import { Alert, Anchor, Button, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../components/error-state';
import { CancelJobButton } from '../../jobs/cancel-job-button';
import type { ImportRecordDto, ProgressEvent, RunResult } from './import-api';
import { ImportCounts, ImportErrorsTable } from './import-errors-table';
import { READABLE_ALERT } from './readable';

/** Share of the bar for the checking pass; writing takes the rest (it is the slow part). */
const VALIDATE_SHARE = 20;

/** Percent done: the checking pass, then the writing pass, each by line of the file. */
export function progressPercent(event: ProgressEvent | null, totalLines: number): number {
  if (!event || totalLines <= 0) return 0;
  const share = (line: number) => Math.min(1, Math.max(0, line / totalLines));
  const percent =
    event.phase === 'validate'
      ? VALIDATE_SHARE * share(event.linesRead)
      : VALIDATE_SHARE + (100 - VALIDATE_SHARE) * share(event.committedLine);
  return Math.floor(percent);
}

export type ImportState =
  | {
      kind: 'running';
      progress: ProgressEvent | null;
      /** The import's job once queued (null while the file is sent). */
      jobId: string | null;
      cancelRequested: boolean;
    }
  /** Cancelled by its user (or an admin); what was written up to `progress` stays. */
  | { kind: 'cancelled'; progress: ProgressEvent | null }
  | { kind: 'done'; result: RunResult }
  | { kind: 'failed'; error: unknown; result: RunResult | null }
  | {
      kind: 'disconnected';
      importId: string | null;
      record: ImportRecordDto | null;
      recordError: boolean;
      checking: boolean;
    };

/** Step 4: the progress bar while importing, then the outcome. */
export function ImportStep({
  state,
  totalLines,
  onResume,
  onRefresh,
  onRetry,
  onReset,
}: {
  state: ImportState;
  totalLines: number;
  onResume: (importId: string) => void;
  onRefresh: () => void;
  onRetry: () => void;
  onReset: () => void;
}) {
  const { t, i18n } = useTranslation('companyImport');
  const number = new Intl.NumberFormat(i18n.language);
  const errorMessage = useErrorMessage();
  const again = (
    <Button variant="default" onClick={onReset}>
      {t('result.another')}
    </Button>
  );
  const toList = (
    <Anchor component={Link} to="/companies">
      {t('result.toList')}
    </Anchor>
  );

  if (state.kind === 'running') {
    const p = state.progress;
    const percent = progressPercent(p, totalLines);
    return (
      <Stack>
        <Group justify="space-between">
          <Text fw={500} id="import-progress-label">
            {t('progress.label')}
          </Text>
          <Text fw={700}>{`${percent}%`}</Text>
        </Group>
        <Progress
          value={percent}
          size="xl"
          animated={!p}
          striped
          aria-label={t('progress.label')}
          transitionDuration={200}
        />
        <Text role="status" aria-live="polite">
          {!p
            ? t('progress.uploading')
            : p.phase === 'validate'
              ? t('progress.validate', {
                  line: number.format(p.linesRead),
                  total: number.format(totalLines),
                })
              : t('progress.write', {
                  line: number.format(p.committedLine),
                  total: number.format(totalLines),
                })}
        </Text>
        {p && p.phase === 'write' ? (
          <Text size="sm">
            {t('progress.counts', {
              inserted: number.format(p.inserted),
              updated: number.format(p.updated),
              unchanged: number.format(p.unchanged),
              skipped: number.format(p.skipped),
            })}
          </Text>
        ) : null}
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('progress.keepOpen')}</Text>
        </Group>
        <CancelJobButton jobId={state.jobId} requested={state.cancelRequested} />
      </Stack>
    );
  }

  if (state.kind === 'cancelled') {
    const p = state.progress;
    return (
      <Stack>
        <Alert
          color="orange"
          variant="light"
          role="status"
          title={t('cancelled.title')}
          styles={READABLE_ALERT}
        >
          {p && p.phase === 'write' && p.committedLine > 0
            ? t('cancelled.kept', {
                line: number.format(p.committedLine),
                inserted: number.format(p.inserted),
                updated: number.format(p.updated),
              })
            : t('cancelled.nothing')}
        </Alert>
        <Group>
          {toList}
          {again}
        </Group>
      </Stack>
    );
  }

  if (state.kind === 'done') {
    const r = state.result;
    return (
      <Stack>
        <Progress value={100} size="xl" color="teal" aria-label={t('progress.label')} />
        <Alert
          color="teal"
          variant="light"
          role="status"
          title={t('result.done')}
          styles={READABLE_ALERT}
        >
          {t('result.summary', {
            rowsRead: number.format(r.rowsRead),
            inserted: number.format(r.inserted),
            updated: number.format(r.updated),
            unchanged: number.format(r.unchanged),
            skipped: number.format(r.skipped),
          })}
          {r.errorCount > 0 ? ` ${t('result.skippedErrors', { count: r.errorCount })}` : null}
        </Alert>
        <ImportCounts result={r} />
        {r.errorCount > 0 ? <ImportErrorsTable result={r} /> : null}
        <Group>
          {toList}
          {again}
        </Group>
      </Stack>
    );
  }

  if (state.kind === 'failed') {
    return (
      <Stack>
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('errorTitle')}
          styles={READABLE_ALERT}
        >
          {errorMessage(state.error)}
          {state.result ? <Text size="sm">{t('result.rejected')}</Text> : null}
        </Alert>
        {state.result ? <ImportErrorsTable result={state.result} /> : null}
        <Group>
          <Button onClick={onRetry}>{t('failure.retry')}</Button>
          {again}
        </Group>
      </Stack>
    );
  }

  const { record, importId } = state;
  const resumable = record && (record.status === 'interrupted' || record.status === 'failed');
  return (
    <Stack>
      <Alert
        color="orange"
        variant="light"
        role="alert"
        title={t('failure.title')}
        styles={READABLE_ALERT}
      >
        <Stack gap="xs">
          {!importId ? <Text size="sm">{t('failure.notStarted')}</Text> : null}
          {record ? (
            <Text size="sm">
              {t('failure.record', {
                id: record.id,
                status: t(`failure.statuses.${record.status}`),
                line: number.format(record.committedLine),
                inserted: number.format(record.inserted),
                updated: number.format(record.updated),
              })}
            </Text>
          ) : null}
          {resumable ? (
            <Text size="sm">
              {t('failure.resumeHint', { line: number.format(record.committedLine) })}
            </Text>
          ) : null}
          {record?.status === 'running' ? <Text size="sm">{t('failure.runningHint')}</Text> : null}
          {state.recordError ? <Text size="sm">{t('failure.recordUnavailable')}</Text> : null}
        </Stack>
      </Alert>
      {record?.status === 'completed' ? <ImportCounts result={record} /> : null}
      <Group>
        {resumable ? (
          <Button onClick={() => onResume(record.id)}>{t('failure.resume')}</Button>
        ) : null}
        {importId && record?.status !== 'completed' ? (
          <Button variant="default" onClick={onRefresh} loading={state.checking}>
            {t('failure.refresh')}
          </Button>
        ) : null}
        {!importId ? <Button onClick={onRetry}>{t('failure.retry')}</Button> : null}
        {record?.status === 'completed' ? toList : null}
        {again}
      </Group>
    </Stack>
  );
}
