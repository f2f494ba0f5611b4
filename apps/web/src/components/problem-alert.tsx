import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode, Ref } from 'react';

/** What a form could not save: a title and the fields' messages. */
export interface FormProblem {
  title: string;
  items: string[];
}

/** Titles in the text colour: the red of a light Alert's title is below AA on its background. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

/**
 * A form's save problem, focusable (the form moves focus to it) and announced as an alert,
 * with the field messages listed; `children` adds actions (e.g. reload after a stale version).
 */
export function ProblemAlert({
  problem,
  ref,
  children,
}: {
  problem: FormProblem;
  ref?: Ref<HTMLDivElement>;
  children?: ReactNode;
}) {
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={problem.title}
      styles={READABLE_TITLE}
      role="alert"
    >
      {problem.items.length > 0 ? (
        <List size="sm">
          {problem.items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      ) : null}
      {children}
    </Alert>
  );
}
