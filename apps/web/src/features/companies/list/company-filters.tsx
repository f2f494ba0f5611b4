import {
  COMPANY_KINDS,
  JSIC_DIVISIONS,
  MUNICIPALITIES,
  normalizeForSearch,
  PREFECTURES,
} from '@banso/shared';
import { type ComboboxItem, type ComboboxParsedItem, Grid, Select, Switch } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedTextInput } from './debounced-text-input';
import { type ListFilters, type ListSort, PAGE_SIZES, type PageSize } from './list-params';

export type FilterChange = (patch: Partial<ListFilters>, options?: { replace?: boolean }) => void;

interface PlaceOption extends ComboboxItem {
  /** Normalised name and reading, for kana- and width-insensitive search. */
  key: string;
}

/** Prefectures (whole area) and every municipality, in code order; the API takes either code. */
function usePlaceOptions(): { options: PlaceOption[]; byValue: Map<string, PlaceOption> } {
  const { t } = useTranslation('companies');
  return useMemo(() => {
    const options: PlaceOption[] = [];
    const byPrefecture = new Map<string, typeof MUNICIPALITIES>();
    for (const m of MUNICIPALITIES) {
      const list = byPrefecture.get(m.prefecture) ?? [];
      byPrefecture.set(m.prefecture, [...list, m]);
    }
    for (const p of PREFECTURES) {
      options.push({
        value: p.code,
        label: t('list.filters.prefectureAll', { name: p.name }),
        key: normalizeForSearch(`${p.name}${p.nameKana}${p.nameEn}`),
      });
      for (const m of byPrefecture.get(p.name) ?? []) {
        options.push({
          value: m.code,
          label: `${p.name} ${m.name}`,
          key: normalizeForSearch(`${p.name}${m.name}${m.nameKana}`),
        });
      }
    }
    return { options, byValue: new Map(options.map((o) => [o.value, o])) };
  }, [t]);
}

/** Search box and filters of the company list; every value lives in the URL. */
/**
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
  const places = usePlaceOptions();
  const english = i18n.language === 'en';
  const clearLabel = { 'aria-label': t('list.filters.clear') };

  const kindOptions = COMPANY_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const jsicOptions = JSIC_DIVISIONS.map((d) => ({
    value: d.code,
    label: `${d.code} ${english ? d.nameEn : d.name}`,
  }));

  const filterPlaces = ({ search, limit }: { search: string; limit: number }) => {
    const needle = normalizeForSearch(search);
    const out: ComboboxParsedItem[] = [];
    for (const option of places.options) {
      if (!needle || option.key.includes(needle)) out.push(option);
      if (out.length >= limit) break;
    }
    return out;
  };

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
          data={jsicOptions}
          value={filters.jsic}
          onChange={(value) => onChange({ jsic: value })}
          searchable
          clearable
          clearButtonProps={clearLabel}
          nothingFoundMessage={t('list.filters.nothingFound')}
          maxDropdownHeight={320}
          comboboxProps={{ width: 320, position: 'bottom-end' }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Select
          label={t('list.filters.municipality')}
          placeholder={t('list.filters.municipalityPlaceholder')}
          data={places.options}
          value={
            filters.municipality && places.byValue.has(filters.municipality)
              ? filters.municipality
              : null
          }
          onChange={(value) => onChange({ municipality: value })}
          filter={filterPlaces}
          limit={60}
          searchable
          clearable
          clearButtonProps={clearLabel}
          nothingFoundMessage={t('list.filters.nothingFound')}
          maxDropdownHeight={320}
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
