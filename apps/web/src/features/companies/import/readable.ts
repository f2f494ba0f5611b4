/**
 * Mantine's light Alert titles and Badges draw their text in the colour itself (teal, orange,
 * red), which falls below 4.5:1 on the tinted background; these keep the text colour instead.
 */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-text)' } } as const;
export const READABLE_TEXT = 'var(--mantine-color-text)';
