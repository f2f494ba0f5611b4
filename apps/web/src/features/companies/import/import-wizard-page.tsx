import { Alert, Button, Group, Modal, Stack, Stepper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import { companyKeys } from '../../../api/companies';
import { useSession } from '../../../api/session';
import { PageHeader } from '../../../components/page-header';
import { CheckStep, type ImportMode } from './check-step';
import {
  countLines,
  guessMapping,
  mappingQuery,
  previewFile,
  type TextEncoding,
} from './csv-preview';
import { FileStep, formatBytes, type LoadedFile, tooLarge } from './file-step';
import {
  dryRunImport,
  fetchImportRecord,
  type ImportSettings,
  type RunResult,
  runImportJob,
} from './import-api';
import { type ImportState, ImportStep } from './import-step';
import { type ColumnMappingState, MappingStep } from './mapping-step';

/** Roles that may import (the API's `companies:import`). */
const IMPORTERS = new Set(['admin', 'staff', 'coordinator']);

type StepKey = 'file' | 'mapping' | 'check' | 'import';

/**
 * /companies/import: choose a CSV file (its encoding, format and first rows are shown), map its
 * columns when it is neither 国税庁 data nor a Banso CSV, check it (dry run: counts and errors by
 * line), confirm, and import it with a progress bar fed by the API's NDJSON stream.
 */
export default function ImportWizardPage() {
  const { t } = useTranslation('companyImport');
  const role = useSession().data?.user.role;
  if (role !== undefined && !IMPORTERS.has(role)) {
    return (
      <>
        <PageHeader title={t('title')} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );
  }
  return <ImportWizard />;
}

function ImportWizard() {
  const { t } = useTranslation('companyImport');
  const queryClient = useQueryClient();
  const [step, setStep] = useState<StepKey>('file');
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingState>({});
  const [mode, setMode] = useState<ImportMode>('atomic');
  const [municipality, setMunicipality] = useState('');
  const [checking, setChecking] = useState(false);
  const [checkResult, setCheckResult] = useState<RunResult | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [importState, setImportState] = useState<ImportState | null>(null);
  const readToken = useRef(0);
  const running = useRef<AbortController | null>(null);

  // Leaving the page stops a running import at a batch boundary (the server keeps it resumable).
  useEffect(() => () => running.current?.abort(), []);
  const importing = importState?.kind === 'running';
  useEffect(() => {
    if (!importing) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [importing]);

  const blocker = useBlocker(importing);

  const format = loaded?.preview.format ?? 'other';
  const steps: StepKey[] =
    format === 'other' ? ['file', 'mapping', 'check', 'import'] : ['file', 'check', 'import'];

  const invalidateCheck = () => {
    setCheckResult(null);
    setCheckError(null);
  };

  async function readFile(next: File | null, encoding: TextEncoding | null = null) {
    const token = ++readToken.current;
    invalidateCheck();
    setFileError(null);
    if (!next) {
      setLoaded(null);
      return;
    }
    if (tooLarge(next)) {
      setLoaded(null);
      setFileError(t('file.tooLarge', { size: formatBytes(next.size) }));
      return;
    }
    setReading(true);
    try {
      const [preview, lines] = await Promise.all([
        previewFile(next, encoding),
        encoding && loaded ? Promise.resolve(loaded.lines) : countLines(next),
      ]);
      if (token !== readToken.current) return;
      setLoaded({ file: next, preview, lines, encoding: encoding ?? preview.detectedEncoding });
      setMapping(preview.format === 'other' ? guessMapping(preview.rows[0] ?? []) : {});
    } catch {
      if (token === readToken.current) {
        setLoaded(null);
        setFileError(t('file.readFailed'));
      }
    } finally {
      if (token === readToken.current) setReading(false);
    }
  }

  const settings = (): ImportSettings | null =>
    loaded && {
      format: format === 'nta' ? 'nta' : 'banso',
      encoding: loaded.encoding,
      mode,
      mapping: format === 'other' ? mappingQuery(mapping) : null,
      municipality: municipality.trim() || null,
      fileName: loaded.file.name,
    };

  async function check() {
    const s = settings();
    if (!loaded || !s) return;
    setChecking(true);
    invalidateCheck();
    try {
      setCheckResult(await dryRunImport(loaded.file, s));
    } catch (error) {
      setCheckError(error);
    } finally {
      setChecking(false);
    }
  }

  async function runImport(resume?: string) {
    const s = settings();
    if (!loaded || !s) return;
    setConfirming(false);
    setStep('import');
    setImportState({ kind: 'running', progress: null, jobId: null, cancelRequested: false });
    const controller = new AbortController();
    running.current = controller;
    const whileRunning = (change: (s: ImportState & { kind: 'running' }) => ImportState) =>
      setImportState((s) => (s?.kind === 'running' ? change(s) : s));
    try {
      const outcome = await runImportJob(
        loaded.file,
        s,
        (progress) => whileRunning((r) => ({ ...r, progress })),
        {
          resume,
          signal: controller.signal,
          onQueued: (jobId) => whileRunning((r) => ({ ...r, jobId })),
          onUpdate: (job) =>
            whileRunning((r) =>
              r.cancelRequested === job.cancelRequested
                ? r
                : { ...r, cancelRequested: job.cancelRequested },
            ),
        },
      );
      if (outcome.kind === 'cancelled') {
        setImportState({ kind: 'cancelled', progress: outcome.last });
        void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      } else if (outcome.kind === 'result') {
        setImportState({ kind: 'done', result: outcome.result });
        void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      } else if (outcome.kind === 'problem') {
        setImportState({ kind: 'failed', error: outcome.error, result: outcome.result });
      } else {
        const state: ImportState = {
          kind: 'disconnected',
          importId: outcome.importId,
          record: null,
          recordError: false,
          checking: outcome.importId !== null,
        };
        setImportState(state);
        if (outcome.importId) await refreshRecord(outcome.importId);
        void queryClient.invalidateQueries({ queryKey: companyKeys.all });
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError')
        setImportState({ kind: 'failed', error, result: null });
    } finally {
      if (running.current === controller) running.current = null;
    }
  }

  async function refreshRecord(importId: string) {
    setImportState((s) => (s?.kind === 'disconnected' ? { ...s, checking: true } : s));
    try {
      const record = await fetchImportRecord(importId);
      setImportState((s) =>
        s?.kind === 'disconnected' ? { ...s, record, recordError: false, checking: false } : s,
      );
    } catch {
      setImportState((s) =>
        s?.kind === 'disconnected' ? { ...s, recordError: true, checking: false } : s,
      );
    }
  }

  function reset() {
    readToken.current++;
    setStep('file');
    setFile(null);
    setLoaded(null);
    setFileError(null);
    setMapping({});
    setMode('atomic');
    setMunicipality('');
    invalidateCheck();
    setImportState(null);
  }

  const active = importState?.kind === 'done' ? steps.length : steps.indexOf(step);
  const goTo = (index: number) => {
    const target = steps[index];
    if (target && index < active && step !== 'import') setStep(target);
  };

  return (
    <Stack>
      <PageHeader title={t('title')} />
      <Text maw={760}>{t('intro')}</Text>
      <Stepper
        active={active}
        onStepClick={goTo}
        allowNextStepsSelect={false}
        size="sm"
        aria-label={t('steps.label')}
      >
        {steps.map((key) => (
          <Stepper.Step key={key} label={t(`steps.${key}`)} />
        ))}
      </Stepper>

      {step === 'file' ? (
        <FileStep
          file={file}
          loaded={loaded}
          reading={reading}
          error={fileError}
          onFile={(next) => {
            setFile(next);
            void readFile(next);
          }}
          onEncoding={(encoding) => void readFile(file, encoding)}
          onNext={() => setStep(format === 'other' ? 'mapping' : 'check')}
        />
      ) : null}

      {step === 'mapping' && loaded ? (
        <MappingStep
          header={loaded.preview.rows[0] ?? []}
          mapping={mapping}
          onChange={(next) => {
            setMapping(next);
            invalidateCheck();
          }}
          onBack={() => setStep('file')}
          onNext={() => setStep('check')}
        />
      ) : null}

      {step === 'check' && loaded ? (
        <CheckStep
          mode={mode}
          onMode={(next) => {
            setMode(next);
            invalidateCheck();
          }}
          municipality={municipality}
          onMunicipality={(next) => {
            setMunicipality(next);
            invalidateCheck();
          }}
          showMunicipality={format === 'nta'}
          checking={checking}
          result={checkResult}
          error={checkError}
          onCheck={() => void check()}
          onBack={() => setStep(format === 'other' ? 'mapping' : 'file')}
          onImport={() => setConfirming(true)}
        />
      ) : null}

      {step === 'import' && importState && loaded ? (
        <ImportStep
          state={importState}
          totalLines={loaded.lines}
          onResume={(id) => void runImport(id)}
          onRefresh={() =>
            importState.kind === 'disconnected' && importState.importId
              ? void refreshRecord(importState.importId)
              : undefined
          }
          onRetry={() => void runImport()}
          onReset={reset}
        />
      ) : null}

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('leave.title')}
      >
        <Stack>
          <Text>{t('leave.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('leave.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('leave.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('confirm.title')}>
        {checkResult ? (
          <Stack>
            <Text>
              {t('confirm.body', {
                inserted: checkResult.inserted,
                updated: checkResult.updated,
              })}
            </Text>
            {mode === 'batches' && checkResult.errorCount > 0 ? (
              <Text>{t('confirm.skipped', { count: checkResult.errorCount })}</Text>
            ) : null}
            <Text size="sm">{t('confirm.audit')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('common:actions.cancel')}
              </Button>
              <Button onClick={() => void runImport()}>{t('confirm.start')}</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
