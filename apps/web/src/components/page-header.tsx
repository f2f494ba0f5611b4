import { Group, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The page's one h1, its document title, and its main actions. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} | ${t('appName')}`);
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
