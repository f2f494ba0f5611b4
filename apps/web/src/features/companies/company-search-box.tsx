import { Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCompanyPage } from '../../api/companies';
import { useErrorMessage } from '../../components/error-state';

/** The header's search: companies by name, kana or 法人番号 (as the API matches them). */
export function CompanySearchBox() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [query] = useDebouncedValue(value.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useCompanyPage({ q: query, limit: 8 }, query.length > 0);
  const items = query ? (results.data?.items ?? []) : [];
  // A failed search says so (with a retry), rather than an empty list that reads as "no match".
  const failed = Boolean(query) && results.isError && !results.isFetching;

  const showAll = () => {
    combobox.closeDropdown();
    navigate(`/companies?q=${encodeURIComponent(value.trim())}`);
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        if (id === '__retry__') {
          void results.refetch();
          return;
        }
        combobox.closeDropdown();
        setValue('');
        if (id === '__all__') showAll();
        else navigate(`/companies/${id}`);
      }}
    >
      {/* withExpandedAttribute: role=combobox with aria-expanded, open or closed (ARIA 1.2). */}
      <Combobox.Target withExpandedAttribute>
        <TextInput
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching && query ? <Loader size="xs" /> : null}
          value={value}
          w={{ base: 200, sm: 320 }}
          data-testid="global-search"
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && combobox.getSelectedOptionIndex() < 0 && value.trim()) {
              event.preventDefault();
              showAll();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!query}>
        <Combobox.Options aria-label={t('search.label')}>
          {items.map((company) => (
            <Combobox.Option value={company.id} key={company.id}>
              <Text size="sm">{company.name}</Text>
              <Text size="xs" c="dimmed">
                {[company.nameKana, company.corporateNumber, company.municipalityName]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Combobox.Option>
          ))}
          {query && results.isSuccess && items.length === 0 ? (
            <Combobox.Empty>{t('search.noResults')}</Combobox.Empty>
          ) : null}
          {failed ? (
            <>
              <Combobox.Empty c="red.9" role="alert">
                {t('search.failed', { message: errorMessage(results.error) })}
              </Combobox.Empty>
              <Combobox.Option value="__retry__">
                <Text size="sm" c="blue.8">
                  {t('search.retry')}
                </Text>
              </Combobox.Option>
            </>
          ) : null}
          {query ? (
            <Combobox.Option value="__all__">
              <Text size="sm" c="blue.8">
                {t('search.showAll', { q: query })}
              </Text>
            </Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
