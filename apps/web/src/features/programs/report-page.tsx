import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ProgramDto, type ReportFormat, reportUrl, usePrograms } from '../../api/programs';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useReportModel } from './kpis/kpi-api';
import { currentFiscalYear, fyText, periodYears } from './program-format';
import { defaultListYear } from './programs-list-page';
import { ReportPreview } from './report/report-preview';

const FORMATS: ReportFormat[] = ['pdf', 'xlsx', 'csv'];

const activeIn = (p: ProgramDto, fy: number) => fy >= p.fromFy && fy <= p.toFy;

/**
 * The grant report (効果検証): choose the fiscal year and the programs (by default every
 * program active in that year), see it laid out as printed, and download it as PDF, Excel or
 * CSV. The downloads are plain links to the API; the session cookie authenticates them.
 */
export default function ReportPage() {
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const [params, setParams] = useSearchParams();
  const programs = usePrograms();
  const list = programs.data?.items ?? [];
  const fyParam = Number(params.get('fy'));
  const fy = Number.isInteger(fyParam) && fyParam > 1988 ? fyParam : defaultListYear(list);
  const chosenParam = params.get('programs');
  const selected = useMemo(() => {
    if (chosenParam !== null)
      return chosenParam.split(',').filter((id) => list.some((p) => p.id === id));
    return list.filter((p) => activeIn(p, fy)).map((p) => p.id);
  }, [chosenParam, list, fy]);
  const order = new Map(list.map((p, i) => [p.id, i]));
  const ordered = [...selected].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  // What the PDF and Excel files print, from the same model.
  const report = useReportModel(fy, ordered, programs.isSuccess);

  const yearOptions = useMemo(() => {
    const years = new Set<number>([currentFiscalYear(), fy]);
    for (const p of list) for (const y of periodYears(p.fromFy, p.toFy)) years.add(y);
    return [...years]
      .sort((a, b) => b - a)
      .map((y) => ({ value: String(y), label: fyText(y, language) }));
  }, [list, fy, language]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const title = t('report.title');
  const back = (
    <Anchor component={Link} to="/programs" size="sm" className="no-print">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        {t('actions.backToList')}
      </Group>
    </Anchor>
  );
  if (programs.isPending)
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={title} />
        <Loading />
      </Stack>
    );
  if (programs.isError)
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={title} />
        <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />
      </Stack>
    );
  if (list.length === 0)
    return (
      <Stack gap="md">
        {back}
        <PageHeader title={title} />
        <EmptyState title={t('list.emptyTitle')} description={t('list.emptyEditor')} />
      </Stack>
    );

  return (
    <Stack gap="md">
      {back}
      <PageHeader title={title} />
      <Paper withBorder p="md" radius="md" className="no-print">
        <Stack gap="md">
          <Select
            label={t('report.year')}
            description={t('report.yearHint')}
            data={yearOptions}
            value={String(fy)}
            allowDeselect={false}
            w={280}
            onChange={(value) => value && update({ fy: value, programs: null })}
          />
          <Checkbox.Group
            label={t('report.programs')}
            description={t('report.programsHint', { year: fyText(fy, language) })}
            value={selected}
            onChange={(ids) => update({ programs: ids.join(',') })}
          >
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing={6} mt="xs">
              {list.map((p) => (
                <Checkbox
                  key={p.id}
                  value={p.id}
                  label={p.name}
                  description={
                    activeIn(p, fy)
                      ? undefined
                      : t('report.outside', { year: fyText(fy, language) })
                  }
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group gap="sm">
            {chosenParam !== null ? (
              <Button variant="subtle" onClick={() => update({ programs: null })}>
                {t('report.resetPrograms')}
              </Button>
            ) : null}
          </Group>
          <Group gap="sm" aria-label={t('report.downloads')} role="group">
            {(selected.length > 0 ? FORMATS : []).map((format) => (
              <Button
                key={format}
                component="a"
                href={reportUrl(fy, ordered, format)}
                download
                variant={format === 'pdf' ? 'filled' : 'default'}
                leftSection={<IconDownload size={16} aria-hidden />}
                aria-label={t(`report.download.${format}Label`, { year: fyText(fy, language) })}
              >
                {t(`report.download.${format}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      </Paper>
      {selected.length === 0 ? (
        <Alert color="blue" variant="light" title={t('report.noneSelected')} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" className="no-print">
            {t('report.previewNote')}
          </Text>
          <ReportPreview report={report.data} />
        </>
      )}
    </Stack>
  );
}
