import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyPage } from '../../api/companies';

/** A company chosen by typing part of its name or kana (GET /companies?q=…). */
export function CompanyPicker({
  value,
  name,
  onChange,
  error,
  disabled,
}: {
  value: string;
  name: string;
  onChange: (company: { id: string; name: string } | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('caravan');
  const [search, setSearch] = useState(name);
  const [debounced] = useDebouncedValue(search, 250);
  const query = debounced && debounced !== name ? { q: debounced, limit: 20 } : { limit: 20 };
  const page = useCompanyPage(query, !disabled);
  const data = useMemo(() => {
    const options = (page.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && !options.some((o) => o.value === value)) {
      options.unshift({ value, label: name });
    }
    return options;
  }, [page.data, value, name]);

  return (
    <Select
      id="visit-companyId"
      label={t('form.company')}
      placeholder={t('form.companyPlaceholder')}
      required
      searchable
      clearable
      disabled={disabled}
      data={data}
      value={value || null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={page.isFetching ? '…' : t('form.companyNothing')}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
      error={error}
    />
  );
}
