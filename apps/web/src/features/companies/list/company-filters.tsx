import { COMPANY_KINDS } from '@banso/shared';
import { Grid, Select, Switch } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedTextInput } from './debounced-text-input';
import { type ListFilters, type ListSort, PAGE_SIZES, type PageSize } from './list-params';

export type FilterChange = (patch: Partial<ListFilters>, options?: { replace?: boolean }) => void;

/**
 * The places and JSIC lists, loaded (a lazy chunk) once a code-list filter is wanted: focused,
 * hovered, opened, or already set in the URL. Kept for the session once loaded.
 */
function useCodeLists(wanted: boolean) {
  return useQuery({
    queryKey: ['companies', 'filter-code-lists'],
    queryFn: () => import('./filter-code-lists'),
    enabled: wanted,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Search box and filters of the company list; every value lives in the URL.
 *
 * Memoised: paging changes only the cursor, and re-rendering these Selects (about 1,900
 * places) on every 「次へ」 cost more than the new page itself.
 */
export const CompanyFilters = memo(function CompanyFilters({
  filters,
  onChange,
}: {
  filters: ListFilters;
  onChange: FilterChange;
}) {
  const { t, i18n } = useTranslation('companies');
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const clearLabel = { 'aria-label': t('list.filters.clear') };

  const [wanted, setWanted] = useState(false);
  const lists = useCodeLists(wanted || Boolean(filters.jsic || filters.municipality));
  const codeLists = lists.data;
  const places = useMemo(
    () => codeLists?.placeOptions((name) => t('list.filters.prefectureAll', { name })),
    [codeLists, t],
  );
  const jsic = useMemo(
    () => codeLists?.jsicFilterOptions(language, (label) => t('list.filters.jsicAll', { label })),
    [codeLists, language, t],
  );
  // Until the lists are there, an open dropdown says they are loading (or could not be).
  const listMessage = lists.isError
    ? t('list.filters.listFailed')
    : codeLists
      ? t('list.filters.nothingFound')
      : t('list.filters.listLoading');
  const wantLists = {
    onFocus: () => setWanted(true),
    onMouseEnter: () => setWanted(true),
    onDropdownOpen: () => setWanted(true),
  };

  const kindOptions = COMPANY_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));

  return (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <DebouncedTextInput
          label={t('list.search.label')}
          placeholder={t('list.search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={filters.q}
          onCommit={(q) => onChange({ q }, { replace: true })}
          data-testid="company-list-search"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <Select
          label={t('list.filters.kind')}
          placeholder={t('list.filters.any')}
          data={kindOptions}
          value={filters.kind}
          onChange={(value) => onChange({ kind: (value as ListFilters['kind']) ?? null })}
          clearable
          clearButtonProps={clearLabel}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <Select
          label={t('list.filters.jsic')}
          placeholder={t('list.filters.any')}
          data={jsic?.groups ?? []}
          value={filters.jsic && jsic?.byValue.has(filters.jsic) ? filters.jsic : null}
          onChange={(value) => onChange({ jsic: value })}
          filter={jsic?.filter}
          limit={200}
          searchable
          clearable
          clearButtonProps={clearLabel}
          nothingFoundMessage={listMessage}
          maxDropdownHeight={320}
          comboboxProps={{ width: 360, position: 'bottom-end' }}
          {...wantLists}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Select
          label={t('list.filters.municipality')}
          placeholder={t('list.filters.municipalityPlaceholder')}
          data={places?.options ?? []}
          value={
            filters.municipality && places?.byValue.has(filters.municipality)
              ? filters.municipality
              : null
          }
          onChange={(value) => onChange({ municipality: value })}
          filter={places?.filter}
          limit={60}
          searchable
          clearable
          clearButtonProps={clearLabel}
          nothingFoundMessage={listMessage}
          maxDropdownHeight={320}
          {...wantLists}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <DebouncedTextInput
          label={t('list.filters.tag')}
          placeholder={t('list.filters.tagPlaceholder')}
          value={filters.tag}
          onCommit={(tag) => onChange({ tag }, { replace: true })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 7, xs: 6, md: 3 }}>
        <Select
          label={t('list.filters.sort')}
          data={(['kana', 'updated'] as const).map((s) => ({
            value: s,
            label: t(`list.sort.${s}`),
          }))}
          value={filters.sort}
          onChange={(value) => onChange({ sort: (value as ListSort | null) ?? 'kana' })}
          allowDeselect={false}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 5, xs: 6, md: 2 }}>
        <Select
          label={t('list.filters.pageSize')}
          data={PAGE_SIZES.map((n) => ({
            value: String(n),
            label: t('list.pageSizeOption', { count: n }),
          }))}
          value={String(filters.limit)}
          onChange={(value) => onChange({ limit: Number(value ?? 50) as PageSize })}
          allowDeselect={false}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Switch
          label={t('list.filters.includeArchived')}
          checked={filters.includeArchived}
          onChange={(event) => onChange({ includeArchived: event.currentTarget.checked })}
        />
      </Grid.Col>
    </Grid>
  );
});
