import { Alert, type CSSVariablesResolver, createTheme, Notification } from '@mantine/core';

/**
 * Colours chosen for JIS X 8341-3 / WCAG 2.1 AA: the primary shade 8 of blue
 * (#1971c2) has 4.9:1 on white; dimmed text uses gray 7 instead of gray 6.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  fontFamily:
    '"Noto Sans JP", system-ui, -apple-system, "Hiragino Sans", "Yu Gothic UI", Meiryo, sans-serif',
  headings: { fontFamily: '"Noto Sans JP", system-ui, sans-serif' },
  focusRing: 'auto',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  // People who ask their system for less motion get no transitions (notifications appear at once).
  respectReducedMotion: true,
  components: {
    // Alert titles in the text colour: red and yellow titles on their light tints fall below AA.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // A notification with a title draws its message in gray 6 (3.4:1 on white, below AA).
    Notification: Notification.extend({
      styles: { description: { color: 'var(--mantine-color-text)' } },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    '--mantine-color-placeholder': t.colors.gray[7] ?? '#495057',
    // Field errors (message and the invalid input's text): red 6 has only 3.3:1 on white, red 9 5.6:1.
    '--mantine-color-error': t.colors.red[9] ?? '#c92a2a',
  },
  dark: {},
});
