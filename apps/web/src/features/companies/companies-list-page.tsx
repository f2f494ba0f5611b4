import { Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import {
  IconChevronLeft,
  IconChevronRight,
  IconChevronsLeft,
  IconFileImport,
  IconPlus,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCompanyPage, usePrefetchCompanyPage } from '../../api/companies';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { Loading, Spinner } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ExportButton } from './import/export-button';
import { ColumnMenu } from './list/column-menu';
import { useColumnChoice } from './list/columns';
import { CompanyFilters, type FilterChange } from './list/company-filters';
import { CompanyTable } from './list/company-table';
import {
  EMPTY_FILTERS,
  hasFilters,
  type ListState,
  readListParams,
  toCompanyQuery,
  writeListParams,
} from './list/list-params';
import { useCompanyPermissions } from './list/use-company-permissions';

/** Cursors of the pages before this one ('' = the first page), kept in the history entry. */
function previousCursors(state: unknown): string[] {
  const prev = (state as { prev?: unknown } | null)?.prev;
  return Array.isArray(prev) ? prev.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * 企業台帳: search, filters, sort and keyset pages of companies. Everything but the
 * column choice is in the URL; the cursors of earlier pages travel in the history
 * entry, so 「前へ」 and the browser's back button agree.
 */
export default function CompaniesListPage() {
  const { t } = useTranslation('companies');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const state = useMemo(() => readListParams(params), [params]);
  const prev = previousCursors(location.state);
  const page = useCompanyPage(toCompanyQuery(state));
  const [columns, setColumns] = useColumnChoice();
  const { canWrite } = useCompanyPermissions();

  // After 「次へ」/「前へ」 the new page starts at the top: focus moves to the page status (which
  // a screen reader then reads) and the list scrolls to it. Both wait for the next frame:
  // focus() and scrollIntoView need the new rows laid out, and in a requestAnimationFrame
  // callback that is the layout the frame does anyway, not one forced at once in this task
  // (a Chromium profile showed focus() alone forcing ~30–40 ms of layout per page change).
  const statusRef = useRef<HTMLParagraphElement>(null);
  const focusAfterPaging = useRef(false);
  useEffect(() => {
    if (!focusAfterPaging.current || !page.data || page.isPlaceholderData) return;
    focusAfterPaging.current = false;
    // Not cancelled when the data changes again meanwhile: the focus move is owed once.
    requestAnimationFrame(() => {
      const status = statusRef.current; // null once the page has gone
      if (!status) return;
      status.focus({ preventScroll: true });
      status.scrollIntoView({ block: 'start' });
    });
  }, [page.data, page.isPlaceholderData]);

  const go = (next: ListState, options: { replace?: boolean; prev?: string[] } = {}) =>
    setParams(writeListParams(next), {
      replace: options.replace,
      state: options.prev ? { prev: options.prev } : null,
    });
  // Stable across pages (the filters are memoised): reads the latest state through a ref.
  const latest = useRef({ state, go });
  latest.current = { state, go };
  const changeFilters: FilterChange = useCallback(
    (patch, options) =>
      latest.current.go(
        { ...latest.current.state, ...patch, cursor: null },
        { replace: options?.replace },
      ),
    [],
  );
  const { cursor: _cursor, ...filterState } = state;
  const filterKey = JSON.stringify(filterState);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for filterState's content
  const filters = useMemo(() => filterState, [filterKey]);
  const firstPage = () => {
    focusAfterPaging.current = true;
    go({ ...state, cursor: null });
  };
  const clearFilters = () => go({ ...state, ...EMPTY_FILTERS, cursor: null });
  const nextCursor = page.data?.nextCursor ?? null;
  // The next page is fetched while this one is read: 「次へ」 then shows it without waiting.
  usePrefetchCompanyPage(
    nextCursor && !page.isPlaceholderData ? toCompanyQuery({ ...state, cursor: nextCursor }) : null,
  );
  const nextPage = () => {
    if (!nextCursor) return;
    focusAfterPaging.current = true;
    go({ ...state, cursor: nextCursor }, { prev: [...prev, state.cursor ?? ''] });
  };
  const previousPage = () => {
    focusAfterPaging.current = true;
    const stack = [...prev];
    const cursor = stack.pop() || null;
    go({ ...state, cursor }, { prev: stack });
  };

  const createButton = (
    <Button component={Link} to="/companies/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('actions.create')}
    </Button>
  );
  const importButton = (
    <Button
      component={Link}
      to="/companies/import"
      variant="default"
      leftSection={<IconFileImport size={16} aria-hidden />}
    >
      {t('actions.import')}
    </Button>
  );

  const items = page.data?.items ?? [];
  const pageNumber = state.cursor ? (prev.length > 0 ? prev.length + 1 : null) : 1;

  let content: ReactNode;
  if (page.isError) {
    content = (
      <Stack gap="sm">
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
        {state.cursor ? (
          <Group>
            <Button variant="default" onClick={firstPage}>
              {t('list.pagination.first')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    );
  } else if (page.isPending) {
    content = <Loading />;
  } else if (items.length === 0 && state.cursor) {
    content = (
      <EmptyState
        title={t('list.empty.noMorePages')}
        action={
          <Button variant="default" onClick={firstPage}>
            {t('list.pagination.first')}
          </Button>
        }
      />
    );
  } else if (items.length === 0 && hasFilters(state)) {
    content = (
      <EmptyState
        title={t('list.empty.noHitsTitle')}
        description={t('list.empty.noHitsBody')}
        action={
          <Button variant="default" onClick={clearFilters}>
            {t('actions.clearFilters')}
          </Button>
        }
      />
    );
  } else if (items.length === 0) {
    content = (
      <EmptyState
        title={t('list.empty.noCompaniesTitle')}
        description={t('list.empty.noCompaniesBody')}
        action={
          canWrite ? (
            <Group gap="sm" justify="center">
              {createButton}
              {importButton}
            </Group>
          ) : undefined
        }
      />
    );
  } else {
    content = (
      <Box
        aria-busy={page.isPlaceholderData}
        style={{ opacity: page.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
      >
        <CompanyTable companies={items} columns={columns} />
      </Box>
    );
  }

  const showPager = !page.isError && !page.isPending && (items.length > 0 || state.cursor);

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          canWrite ? (
            <>
              {createButton}
              {importButton}
              <ExportButton />
            </>
          ) : undefined
        }
      />
      <Paper
        withBorder
        p="md"
        mb="md"
        component="form"
        role="search"
        aria-label={t('list.filters.title')}
        onSubmit={(event: FormEvent) => event.preventDefault()}
      >
        <CompanyFilters filters={filters} onChange={changeFilters} />
      </Paper>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="sm">
        <Group gap="xs" aria-live="polite" role="status">
          {page.data && items.length > 0 ? (
            <Text size="sm" ref={statusRef} tabIndex={-1} style={{ scrollMarginTop: 72 }}>
              {pageNumber === null
                ? t('list.pagination.shown', { count: items.length })
                : t('list.pagination.status', { page: pageNumber, count: items.length })}
            </Text>
          ) : null}
          {page.isFetching && !page.isPending ? (
            <Spinner size="xs" label={t('list.pagination.loading')} />
          ) : null}
        </Group>
        {items.length > 0 ? <ColumnMenu columns={columns} onChange={setColumns} /> : null}
      </Group>
      {content}
      {showPager ? (
        <Group component="nav" aria-label={t('list.pagination.label')} mt="md" gap="sm">
          <Button
            variant="default"
            leftSection={<IconChevronsLeft size={16} aria-hidden />}
            onClick={firstPage}
            disabled={!state.cursor}
          >
            {t('list.pagination.first')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={16} aria-hidden />}
            onClick={previousPage}
            disabled={!state.cursor}
          >
            {t('list.pagination.previous')}
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={16} aria-hidden />}
            onClick={nextPage}
            disabled={!nextCursor || page.isPlaceholderData}
          >
            {t('list.pagination.next')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
