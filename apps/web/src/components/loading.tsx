import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A spinner that screen readers announce by its text. Mantine's Loader is a bare <span>, which
 * may not carry an aria-label (axe: aria-prohibited-attr), so the label is visually hidden text.
 */
export function Spinner({ label, size }: { label: string; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <>
      <Loader size={size} aria-hidden />
      <VisuallyHidden>{label}</VisuallyHidden>
    </>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Spinner label={t('states.loading')} />
    </Center>
  );
}
