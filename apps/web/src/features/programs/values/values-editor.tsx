import type { KpiUpdate, ProgramUpdate } from '@banso/shared';
import { fiscalYearLabel } from '@banso/shared';
import { Alert, Badge, Box, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import {
  type KpiDto,
  type ProgramDetailDto,
  patchKpi,
  patchProgram,
  programKeys,
} from '../../../api/programs';
import { useErrorMessage } from '../../../components/error-state';
import { ProblemAlert } from '../../../components/problem-alert';
import { fieldMessage } from '../../../lib/field-errors';
import { UnsavedChangesGuard } from '../../companies/form/unsaved-changes-guard';
import { parseFigure } from '../grid/clipboard';
import { type GridColumn, type GridRow, SpreadsheetGrid } from '../grid/spreadsheet-grid';
import { currentFiscalYear, formatFigure, fyText, periodYears, unitOf } from '../program-format';
import {
  actualColumn,
  allCells,
  budgetKey,
  budgetUpdate,
  type CellKey,
  type CellProblem,
  type Cells,
  cellsOfBudgetError,
  cellsOfKpiError,
  changedKeys,
  kpiGridYears,
  kpiKey,
  kpiUpdate,
  normalise,
  planColumn,
  validateCells,
} from './values-model';

const display = (value: string) => {
  const parsed = parseFigure(value);
  return parsed.ok && parsed.value !== null ? formatFigure(parsed.value) : value;
};

/**
 * The budget and KPI figures of a program in two spreadsheet-like grids. Nothing is sent until
 * every cell is valid; then the budget and each changed KPI are saved with the version read,
 * one after the other, stopping at the first refusal (409: reload; 422: the messages go next to
 * their cells). What was saved before a refusal stays saved and is said so.
 */
export function ValuesEditor({
  program: loaded,
  onReload,
}: {
  program: ProgramDetailDto;
  onReload: () => Promise<ProgramDetailDto | undefined>;
}) {
  const { t, i18n } = useTranslation('programs');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [program, setProgram] = useState(loaded);
  const base = useMemo(() => allCells(program), [program]);
  const [cells, setCells] = useState<Cells>(base);
  const [serverErrors, setServerErrors] = useState<Record<CellKey, string>>({});
  const [showProblems, setShowProblems] = useState(false);
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const years = useMemo(() => kpiGridYears(program), [program]);
  const period = periodYears(program.fromFy, program.toFy);

  const dirty = changedKeys(base, cells);
  const problems = validateCells(program, cells);

  useWindowEvent('beforeunload', (event) => {
    if (dirty.length > 0) event.preventDefault();
  });

  const messageOf = (p: CellProblem): string => {
    switch (p.code) {
      case 'not_a_number':
        return t('values.notANumber');
      case 'whole_number':
        return t('values.wholeNumber');
      case 'too_small':
        return fieldMessage('too_small', { min: p.min });
      case 'grant_above_cost':
        return fieldMessage('grant_above_cost');
    }
  };
  const errorOf = (key: CellKey): string | null => {
    if (serverErrors[key]) return serverErrors[key];
    const p = problems[key];
    // A problem shows once the cell was changed, or after a save was tried.
    if (p && (showProblems || (cells[key] ?? '') !== (base[key] ?? ''))) return messageOf(p);
    return null;
  };

  function apply(changes: { key: CellKey; value: string }[]) {
    setCells((old) => {
      const next = { ...old };
      for (const c of changes) next[c.key] = normalise(c.value);
      return next;
    });
    setServerErrors((old) => {
      const next = { ...old };
      for (const c of changes) delete next[c.key];
      return next;
    });
  }

  const budgetColumns: GridColumn[] = [
    { id: 'cost', label: t('values.costColumn') },
    { id: 'grant', label: t('values.grantColumn') },
  ];
  const budgetRows: GridRow[] = period.map((fy) => ({
    id: String(fy),
    label: fyText(fy, language),
    cells: {
      cost: { value: cells[budgetKey(fy, 'cost')] ?? '', error: errorOf(budgetKey(fy, 'cost')) },
      grant: {
        value: cells[budgetKey(fy, 'grant')] ?? '',
        error: errorOf(budgetKey(fy, 'grant')),
      },
    },
  }));

  const kpiColumns: GridColumn[] = [
    { id: 'baseline', label: t('kpi.baselineShort'), group: t('kpi.baselineGroup') },
    ...years.flatMap((fy) => {
      const group = `${fiscalYearLabel(fy)} (${fy})`;
      return [
        { id: planColumn(fy), label: t('kpi.plan'), group },
        { id: actualColumn(fy), label: t('kpi.actual'), group },
      ];
    }),
  ];
  const kpiRows: GridRow[] = program.kpis.map((k) => kpiRow(k));
  function kpiRow(k: KpiDto): GridRow {
    const unit = unitOf(k);
    const row: GridRow = {
      id: k.id,
      label: unit ? `${k.name}（${unit}）` : k.name,
      cells: {},
    };
    for (const column of kpiColumns) {
      const key = kpiKey(k.id, column.id);
      const value = cells[key] ?? '';
      const fy = Number(column.id.split('-')[1]);
      const y = column.id.startsWith('actual-') ? k.years.find((v) => v.fy === fy) : undefined;
      const computed = k.metric !== null && column.id.startsWith('actual-');
      row.cells[column.id] = {
        value,
        error: errorOf(key),
        placeholder:
          computed && y && y.computedActual !== null
            ? t('values.computedPlaceholder', { value: formatFigure(y.computedActual) })
            : undefined,
        mark:
          computed && value !== '' ? (
            <Badge size="xs" variant="light" color="orange" c="orange.9" tt="none">
              {t('values.overrideMark')}
            </Badge>
          ) : undefined,
      };
    }
    return row;
  }

  function focusAlert() {
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  async function save() {
    setProblem(null);
    setStale(false);
    if (Object.keys(problems).length > 0) {
      setShowProblems(true);
      setProblem({ title: t('values.invalid'), items: [] });
      focusAlert();
      return;
    }
    if (dirty.length === 0) {
      notifications.show({ message: t('values.noChanges') });
      return;
    }
    setSaving(true);
    let current = program;
    let currentCells = cells;
    const saved: string[] = [];
    try {
      const budget = budgetUpdate(current, base, cells, currentFiscalYear());
      if (budget) {
        try {
          current = await patchProgram(current.id, budget);
          saved.push(t('values.budgetName'));
        } catch (error) {
          throw { error, budget };
        }
      }
      for (const kpi of program.kpis) {
        const body = kpiUpdate(kpi, years, base, cells);
        if (!body) continue;
        try {
          const fresh = await patchKpi(kpi.id, body);
          current = { ...current, kpis: current.kpis.map((k) => (k.id === fresh.id ? fresh : k)) };
          saved.push(kpi.name);
        } catch (error) {
          throw { error, kpi, body };
        }
      }
      notifications.show({ color: 'green', message: t('values.saved', { count: saved.length }) });
    } catch (failure) {
      const f = failure as {
        error: unknown;
        budget?: ProgramUpdate;
        kpi?: KpiDto;
        body?: KpiUpdate;
      };
      showFailure(f.error, f, saved);
    } finally {
      // What was saved becomes the new base; unsaved edits stay in their cells.
      if (current !== program) {
        const fresh = allCells(current);
        const oldBase = base;
        currentCells = Object.fromEntries(
          Object.entries(currentCells).map(([k, v]) => [
            k,
            (oldBase[k] ?? '') !== v && (fresh[k] ?? '') === (oldBase[k] ?? '')
              ? v
              : (fresh[k] ?? ''),
          ]),
        );
        setProgram(current);
        setCells(currentCells);
        client.setQueryData(programKeys.detail(current.id), current);
        void client.invalidateQueries({ queryKey: programKeys.detail(current.id) });
        void client.invalidateQueries({ queryKey: ['programs', 'list'] });
        void client.invalidateQueries({ queryKey: ['programs', 'achievement'] });
      }
      setSaving(false);
    }
  }

  function showFailure(
    error: unknown,
    f: { budget?: ProgramUpdate; kpi?: KpiDto; body?: KpiUpdate },
    saved: string[],
  ) {
    const savedNote =
      saved.length > 0 ? [t('values.partlySaved', { names: saved.join('、') })] : [];
    if (error instanceof ApiError && error.code === 'stale_version') {
      setStale(true);
      setProblem(
        savedNote.length > 0 ? { title: t('values.partlyTitle'), items: savedNote } : null,
      );
      focusAlert();
      return;
    }
    const found: Record<CellKey, string> = {};
    const others: string[] = [];
    const owner = f.kpi ? f.kpi.name : t('values.budgetName');
    if (error instanceof ApiError) {
      for (const [field, message] of Object.entries(error.fieldErrors)) {
        const keys =
          f.kpi && f.body
            ? cellsOfKpiError(field, f.kpi.id, f.body)
            : f.budget
              ? cellsOfBudgetError(field, f.budget)
              : [];
        if (keys.length === 0) others.push(`${owner}: ${message}`);
        for (const key of keys) found[key] = message;
      }
    }
    setServerErrors(found);
    setProblem({
      title: t('values.notSaved', { name: owner, message: errorMessage(error) }),
      items: [...savedNote, ...others],
    });
    focusAlert();
  }

  async function reload() {
    try {
      const fresh = await onReload();
      if (!fresh) return;
      setProgram(fresh);
      setCells(allCells(fresh));
      setServerErrors({});
      setShowProblems(false);
      setStale(false);
      setProblem(null);
      notifications.show({ message: t('values.reloaded') });
    } catch (error) {
      setProblem({ title: errorMessage(error), items: [] });
    }
  }

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={() => !saving && changedKeys(base, cells).length > 0} />
      {stale ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('values.staleTitle')}
          role="alert"
          ref={problem ? undefined : alertRef}
          tabIndex={-1}
        >
          <Text size="sm">{t('values.staleBody')}</Text>
          <Button
            mt="sm"
            variant="outline"
            color="dark"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => void reload()}
          >
            {t('actions.reload')}
          </Button>
        </Alert>
      ) : null}
      {problem ? <ProblemAlert ref={alertRef} problem={problem} /> : null}
      <Text size="sm">{t('values.intro')}</Text>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="budget-grid-title">
        <Title order={2} size="h4" mb="sm" id="budget-grid-title">
          {t('values.budgetTitle')}
        </Title>
        <Box maw={640}>
          <SpreadsheetGrid
            label={t('values.budgetGrid')}
            rowHeader={t('budget.year')}
            columns={budgetColumns}
            rows={budgetRows}
            format={display}
            hint={t('values.hint')}
            onChange={(changes) =>
              apply(
                changes.map((c) => ({
                  key: budgetKey(Number(c.rowId), c.columnId as 'cost' | 'grant'),
                  value: c.value,
                })),
              )
            }
          />
        </Box>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="kpi-grid-title">
        <Title order={2} size="h4" mb="sm" id="kpi-grid-title">
          {t('values.kpiTitle')}
        </Title>
        {program.kpis.length === 0 ? (
          <Text>{t('detail.noKpis')}</Text>
        ) : (
          <SpreadsheetGrid
            label={t('values.kpiGrid')}
            rowHeader={t('kpi.indicator')}
            columns={kpiColumns}
            rows={kpiRows}
            format={display}
            hint={t('values.kpiHint')}
            onChange={(changes) =>
              apply(changes.map((c) => ({ key: kpiKey(c.rowId, c.columnId), value: c.value })))
            }
          />
        )}
      </Paper>
      <Group gap="sm" justify="flex-end" className="no-print">
        <Text size="sm" aria-live="polite">
          {dirty.length > 0 ? t('values.dirty', { count: dirty.length }) : t('values.clean')}
        </Text>
        <Button
          variant="default"
          disabled={dirty.length === 0 || saving}
          onClick={() => {
            setCells(base);
            setServerErrors({});
            setShowProblems(false);
            setProblem(null);
          }}
        >
          {t('values.discard')}
        </Button>
        <Button
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          onClick={() => void save()}
          loading={saving}
        >
          {t('common:actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}
