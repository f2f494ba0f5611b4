import { type Job, LIMITS, ListingImportResult } from '@banso/shared';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconFileImport } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import {
  type ListingImportResultDto,
  queueListingsImport,
  useImportListings,
  useListingsChanged,
} from '../../api/listings';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { followJob, jobApiError } from '../jobs/job-api';
import { JobProgress } from '../jobs/job-progress';
import { useMatchingPermissions } from './use-matching-permissions';

/** Errors shown on the page; the rest are counted (a file with thousands of bad rows). */
const ERRORS_SHOWN = 200;

/**
 * Queues the import as a background job and follows it (GET /api/v1/jobs/{id}) to its result;
 * `onJob` gets every read of the job. A failed job throws the error the request would have.
 */
async function importAsJob(
  file: File,
  onJob: (job: Job) => void,
  signal: AbortSignal,
): Promise<ListingImportResultDto> {
  const accepted = await queueListingsImport(file, signal);
  const outcome = await followJob(accepted.jobId, { onUpdate: onJob, signal });
  if (outcome.kind === 'lost') throw new ApiError(0, 'network', '', null);
  const { job } = outcome;
  if (job.status === 'succeeded') {
    const result = ListingImportResult.safeParse(job.result);
    if (result.success) return result.data;
  }
  throw jobApiError(job);
}

/**
 * /listings/import — a file of open patents (CSV in UTF-8 or Shift_JIS, JSON Lines or a JSON
 * array) is first checked (dry run: counts and every error by line, nothing written), then
 * imported as a background job whose state the page follows (it goes on if the page is left).
 * All or nothing: with any error, nothing is written.
 */
export default function ListingImportPage() {
  const { t, i18n } = useTranslation('listings');
  const number = new Intl.NumberFormat(i18n.language);
  const { canWriteListings } = useMatchingPermissions();
  const run = useImportListings();
  const changed = useListingsChanged();
  const [job, setJob] = useState<Job | null>(null);
  const following = useRef<AbortController | null>(null);
  useEffect(() => () => following.current?.abort(), []);
  const queued = useMutation({
    mutationFn: (f: File) => {
      following.current?.abort();
      const controller = new AbortController();
      following.current = controller;
      setJob(null);
      return importAsJob(f, setJob, controller.signal);
    },
    onSettled: changed,
  });
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ListingImportResultDto | null>(null);
  const [done, setDone] = useState<ListingImportResultDto | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  if (!canWriteListings)
    return (
      <>
        <PageHeader title={t('import.title')} />
        <Alert color="red" variant="light" role="alert" title={t('common:states.forbidden')} />
      </>
    );

  const choose = (next: File | null) => {
    setFile(next);
    setChecked(null);
    setDone(null);
    run.reset();
    queued.reset();
    setFileError(next && next.size > LIMITS.uploadBytes ? t('import.tooLarge') : null);
  };

  const focusResult = () => requestAnimationFrame(() => resultRef.current?.focus());

  const check = () => {
    if (!file) {
      setFileError(t('import.noFile'));
      return;
    }
    run.mutate(
      { file, dryRun: true },
      {
        onSuccess: (result) => {
          setChecked(result);
          focusResult();
        },
      },
    );
  };
  const importNow = () => {
    if (!file) return;
    queued.mutate(file, {
      onSuccess: (result) => {
        if (result.errors.length > 0) setChecked(result);
        else setDone(result);
        focusResult();
      },
    });
  };
  const again = () => choose(null);

  const count = checked ? checked.created + checked.updated : 0;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/listings" size="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconArrowLeft size={14} aria-hidden />
          {t('detail.backToList')}
        </Group>
      </Anchor>
      <PageHeader title={t('import.title')} />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text size="sm">{t('import.intro')}</Text>
          <Text size="sm">{t('import.columnsHint')}</Text>
          <FileInput
            label={t('import.file')}
            placeholder={t('import.filePlaceholder')}
            accept=".csv,.json,.jsonl,.ndjson,.txt,text/csv,application/json"
            value={file}
            onChange={choose}
            leftSection={<IconFileImport size={18} aria-hidden />}
            clearable
            clearButtonProps={{ 'aria-label': t('import.clear') }}
            error={fileError}
            disabled={run.isPending || queued.isPending}
            maw={520}
          />
          <Group>
            <Button
              onClick={check}
              loading={run.isPending && run.variables?.dryRun === true}
              disabled={Boolean(fileError) || done !== null || queued.isPending}
            >
              {t('import.check')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {run.isError ? <ErrorState error={run.error} onRetry={check} /> : null}
      {queued.isError ? <ErrorState error={queued.error} onRetry={importNow} /> : null}
      {done ? (
        <Alert
          ref={resultRef}
          tabIndex={-1}
          color="teal"
          variant="light"
          role="status"
          title={t('import.done', {
            created: number.format(done.created),
            updated: number.format(done.updated),
          })}
        >
          <Group gap="sm" mt="xs">
            <Button component={Link} to="/listings" variant="outline" size="xs">
              {t('import.toList')}
            </Button>
            <Button variant="subtle" size="xs" onClick={again}>
              {t('import.another')}
            </Button>
          </Group>
        </Alert>
      ) : checked ? (
        <Paper
          withBorder
          p="md"
          component="section"
          aria-labelledby="listing-import-result"
          ref={resultRef}
          tabIndex={-1}
        >
          <Stack gap="sm">
            <Title order={2} size="h4" id="listing-import-result">
              {t('import.checkTitle')}
            </Title>
            <Table withTableBorder w="auto" maw={360} fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t('import.counts.created')}</Table.Th>
                  <Table.Td ta="right" data-testid="import-created">
                    {number.format(checked.created)}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('import.counts.updated')}</Table.Th>
                  <Table.Td ta="right" data-testid="import-updated">
                    {number.format(checked.updated)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {checked.errors.length === 0 ? (
              <>
                <Alert color="teal" variant="light" role="status">
                  {t('import.noErrors')}
                </Alert>
                {queued.isPending ? (
                  <JobProgress job={job} />
                ) : (
                  <Group>
                    <Button onClick={importNow} disabled={count === 0 || queued.isError}>
                      {t('import.import', { count })}
                    </Button>
                  </Group>
                )}
              </>
            ) : (
              <ImportErrors result={checked} />
            )}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

function ImportErrors({ result }: { result: ListingImportResultDto }) {
  const { t, i18n } = useTranslation('listings');
  const number = new Intl.NumberFormat(i18n.language);
  const shown = result.errors.slice(0, ERRORS_SHOWN);
  const fieldName = (field: string) =>
    field === '(file)' || field === '(row)' || field === '(body)'
      ? t('import.wholeFile')
      : t(`fields.${field.split('.')[0]}`, { defaultValue: field });
  return (
    <Stack gap="xs">
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t('import.errorsTitle', { count: result.errors.length })}
      >
        <List size="sm">
          <List.Item>{t('import.errorsBody')}</List.Item>
          {shown.length < result.errors.length ? (
            <List.Item>
              {t('import.errorsShown', {
                shown: number.format(shown.length),
                count: number.format(result.errors.length),
              })}
            </List.Item>
          ) : null}
        </List>
      </Alert>
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder fz="sm">
          <Table.Caption>{t('import.errorsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.line')}</Table.Th>
              <Table.Th scope="col">{t('import.field')}</Table.Th>
              <Table.Th scope="col">{t('import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line may have several errors
              <Table.Tr key={i}>
                <Table.Td>{number.format(e.line)}</Table.Td>
                <Table.Td>{fieldName(e.field)}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
