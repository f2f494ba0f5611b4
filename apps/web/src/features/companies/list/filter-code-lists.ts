import {
  JSIC_DIVISIONS,
  JSIC_ENTRIES,
  MUNICIPALITIES,
  normalizeForSearch,
  PREFECTURES,
} from '@banso/shared';
import type { ComboboxItem, ComboboxItemGroup, ComboboxParsedItem } from '@mantine/core';

/**
 * The options of the company list's two code-list filters: places (about 1,900) and JSIC
 * divisions with their major groups. The lists are large (≈80 KB gzip with the JSIC names), so
 * the list page loads this module only when a filter needs it (opened, focused, or set in the
 * URL): the page a user lands on after login stays within its JavaScript budget.
 */

interface SearchableItem extends ComboboxItem {
  /** Normalised code, name and reading, for kana- and width-insensitive search. */
  key: string;
}

type Filter = (input: {
  options: ComboboxParsedItem[];
  search: string;
  limit: number;
}) => ComboboxParsedItem[];

export interface PlaceOptions {
  options: SearchableItem[];
  byValue: Map<string, SearchableItem>;
  filter: Filter;
}

/** Prefectures (whole area) and every municipality, in code order; the API takes either code. */
export function placeOptions(prefectureAll: (name: string) => string): PlaceOptions {
  const options: SearchableItem[] = [];
  const byPrefecture = new Map<string, (typeof MUNICIPALITIES)[number][]>();
  for (const m of MUNICIPALITIES) {
    const list = byPrefecture.get(m.prefecture) ?? [];
    list.push(m);
    byPrefecture.set(m.prefecture, list);
  }
  for (const p of PREFECTURES) {
    options.push({
      value: p.code,
      label: prefectureAll(p.name),
      key: normalizeForSearch(`${p.name}${p.nameKana}${p.nameEn}`),
    });
    for (const m of byPrefecture.get(p.name) ?? []) {
      options.push({
        value: m.code,
        label: `${p.name} ${m.name}`,
        key: normalizeForSearch(`${p.name}${m.name}${m.nameKana}`),
      });
    }
  }
  const byValue = new Map(options.map((o) => [o.value, o]));
  const filter: Filter = ({ search, limit }) => {
    const needle = normalizeForSearch(search);
    const out: ComboboxParsedItem[] = [];
    for (const option of options) {
      if (!needle || option.key.includes(needle)) out.push(option);
      if (out.length >= limit) break;
    }
    return out;
  };
  return { options, byValue, filter };
}

export interface JsicFilterOptions {
  /** One group per division (大分類): the division itself, then its major groups (中分類). */
  groups: (ComboboxItemGroup<SearchableItem> & { key: string })[];
  byValue: Map<string, SearchableItem>;
  filter: Filter;
}

/**
 * JSIC rev. 14 divisions A–T and their 99 major groups, for the list's industry filter: the
 * API takes either (`jsic=E`, `jsic=09`) as a prefix of the company's code. A search matches a
 * code or a name (Japanese or English); a division's name brings its whole group.
 */
export function jsicFilterOptions(
  language: 'ja' | 'en',
  allOf: (label: string) => string,
): JsicFilterOptions {
  const name = (e: { name: string; nameEn: string }) => (language === 'en' ? e.nameEn : e.name);
  const byValue = new Map<string, SearchableItem>();
  const groups = JSIC_DIVISIONS.map((d) => {
    const heading = `${d.code} ${name(d)}`;
    const division: SearchableItem = {
      value: d.code,
      label: allOf(heading),
      key: normalizeForSearch(`${d.code} ${d.name} ${d.nameEn}`),
    };
    const majors = JSIC_ENTRIES.filter((e) => e.level === 'majorGroup' && e.parent === d.code).map(
      (e): SearchableItem => ({
        value: e.code,
        label: `${e.code} ${name(e)}`,
        key: normalizeForSearch(`${e.code} ${e.name} ${e.nameEn}`),
      }),
    );
    const items = [division, ...majors];
    for (const item of items) byValue.set(item.value, item);
    return { group: heading, items, key: division.key };
  });
  const filter: Filter = ({ search, limit }) => {
    const needle = normalizeForSearch(search);
    const out: ComboboxParsedItem[] = [];
    let count = 0;
    for (const g of groups) {
      if (count >= limit) break;
      const items =
        !needle || g.key.includes(needle) ? g.items : g.items.filter((i) => i.key.includes(needle));
      const kept = items.slice(0, limit - count);
      if (kept.length > 0) {
        out.push({ group: g.group, items: kept });
        count += kept.length;
      }
    }
    return out;
  };
  return { groups, byValue, filter };
}
