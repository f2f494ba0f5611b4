import { describe, expect, it } from 'vitest';
import { i18n } from '.';
import { lazyNamespaces, namespaces } from './resources';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

type Bundle = { ja: object; en: object };
const every: [string, () => Promise<Bundle>][] = [
  ...Object.entries(namespaces).map(([name, ns]): [string, () => Promise<Bundle>] => [
    name,
    async () => ns,
  ]),
  ...Object.entries(lazyNamespaces),
];

describe('translations', () => {
  for (const [name, load] of every) {
    it(`${name}: Japanese and English have the same keys, none empty`, async () => {
      const ns = await load();
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

describe('loading', () => {
  it('reads a feature’s namespace from its module, in both languages, when asked for it', async () => {
    for (const lng of ['ja', 'en']) i18n.removeResourceBundle(lng, 'programs');
    expect(i18n.exists('programs:nav', { lng: 'ja' })).toBe(false);
    await i18n.reloadResources(['ja', 'en'], ['programs']);
    expect(i18n.t('programs:nav', { lng: 'ja' })).toBe('事業・KPI');
    expect(i18n.t('programs:nav', { lng: 'en' })).toBe('Programs & KPIs');
  });

  it('has every menu entry in the shell’s common namespace', async () => {
    const { NAV_ITEMS } = await import('../app/navigation');
    for (const item of NAV_ITEMS) {
      expect(item.label, 'a nav label must not need a feature’s namespace').not.toContain(':');
      expect(i18n.exists(item.label, { lng: 'ja' }), item.label).toBe(true);
      expect(i18n.exists(item.label, { lng: 'en' }), item.label).toBe(true);
    }
  });
});
