import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locale';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'ja'],
    ['', 'ja'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['ja,en;q=0.8', 'ja'],
    ['en;q=0.5,ja;q=0.9', 'ja'],
    ['fr-FR,en;q=0.5', 'en'],
    ['fr-FR', 'ja'],
    ['en;q=0', 'ja'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
