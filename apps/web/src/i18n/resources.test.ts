import { describe, expect, it } from 'vitest';
import { namespaces } from './resources';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  for (const [name, ns] of Object.entries(namespaces)) {
    it(`${name}: Japanese and English have the same keys, none empty`, () => {
      expect(keys(ns.en).sort()).toEqual(keys(ns.ja).sort());
      for (const lang of [ns.ja, ns.en]) {
        for (const key of keys(lang)) {
          const text = key
            .split('.')
            .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang);
          expect(typeof text === 'string' && text.trim().length > 0, `${name}.${key}`).toBe(true);
        }
      }
    });
  }
});
