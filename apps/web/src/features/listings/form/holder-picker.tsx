import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyPage } from '../../../api/companies';

/**
 * The holder (権利者) chosen from the company registry by typing part of its name. Asks the API
 * only once the list is opened or something is typed.
 */
export function HolderPicker({
  id,
  value,
  name,
  onChange,
  error,
}: {
  id: string;
  value: string | null;
  /** The chosen company's name, as loaded. */
  name: string;
  onChange: (company: { id: string; name: string } | null) => void;
  error?: ReactNode;
}) {
  const { t } = useTranslation('listings');
  const [search, setSearch] = useState(name);
  const [opened, setOpened] = useState(false);
  const [debounced] = useDebouncedValue(search, 250);
  const typed = debounced && debounced !== name ? debounced : '';
  const page = useCompanyPage(
    typed ? { q: typed, limit: 20 } : { limit: 20 },
    opened || Boolean(typed),
  );
  const data = useMemo(() => {
    const options = (page.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: name });
    return options;
  }, [page.data, value, name]);

  return (
    <Select
      id={id}
      label={t('fields.holderCompanyId')}
      description={t('form.holderHint')}
      placeholder={t('form.holderPlaceholder')}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': t('form.holderClear') }}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onDropdownOpen={() => setOpened(true)}
      filter={({ options }) => options}
      nothingFoundMessage={page.isFetching ? '…' : t('form.holderNothing')}
      onChange={(next, option) =>
        onChange(next && option ? { id: next, name: option.label } : null)
      }
      error={error}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
    />
  );
}
