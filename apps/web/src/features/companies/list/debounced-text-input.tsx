import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * A text box whose value is committed (to the URL) shortly after typing stops, or at once
 * on Enter. When the committed value changes from outside (the header's search, back and
 * forward), the box follows it.
 */
export function DebouncedTextInput({
  value,
  onCommit,
  delay = 300,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  onCommit: (value: string) => void;
  delay?: number;
}) {
  const [draft, setDraft] = useState(value);
  const [debounced] = useDebouncedValue(draft, delay);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  // Outside change (not the echo of our own commit, which may be older than the draft): show it.
  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setDraft(value);
  }, [value]);

  // Typing stopped: commit.
  useEffect(() => {
    const next = debounced.trim();
    if (next !== committed.current) {
      committed.current = next;
      commit.current(next);
    }
  }, [debounced]);

  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => setDraft(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          const next = draft.trim();
          if (next !== committed.current) {
            committed.current = next;
            commit.current(next);
          }
        }
        props.onKeyDown?.(event);
      }}
    />
  );
}
