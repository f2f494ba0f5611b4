import { Select, type SelectProps } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { SearchableOptions } from './code-list-options';

type Props = Omit<SelectProps, 'data' | 'filter' | 'value' | 'searchable'> & {
  options: SearchableOptions;
};

/**
 * A searchable Select over a long code list (JSIC: 2,128 codes; municipalities: 1,916). While
 * closed it holds only the selected option, so re-rendering the form does not re-render a
 * hundred hidden options per list; opening it brings the whole list and the search filter.
 */
export function CodeListSelect({ options, defaultValue, onChange, ...props }: Props) {
  const [value, setValue] = useState<string | null>(defaultValue ?? null);
  const [opened, setOpened] = useState(false);
  const data = useMemo(
    () => (opened ? options.data : options.data.filter((o) => o.value === value)),
    [opened, value, options],
  );
  return (
    <Select
      {...props}
      value={value}
      onChange={(next, option) => {
        setValue(next);
        onChange?.(next, option);
      }}
      data={data}
      filter={options.filter}
      searchable
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
    />
  );
}
