import { JSIC_ENTRIES, MUNICIPALITIES, normalizeForSearch } from '@banso/shared';
import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import type { UiLanguage } from '../../../lib/format';

/**
 * Options of the two code-list selects (JSIC and municipalities), built from
 * the lists shipped in packages/shared. Only the lazily loaded form imports
 * this module, so the lists stay out of the first page's bundle.
 */

export interface SearchableOptions {
  data: ComboboxItem[];
  filter: OptionsFilter;
}

/**
 * A filter that matches the search form (NFKC, lower case, hiragana, no spaces) of the query
 * against a prepared search text per value: '０９' finds 09, 'ｶﾜｻｷ' finds 川崎市.
 */
function searchFilter(searchText: Map<string, string>): OptionsFilter {
  return ({ options, search, limit }) => {
    const q = normalizeForSearch(search);
    const out: ComboboxParsedItem[] = [];
    for (const option of options) {
      if (out.length >= limit) break;
      if (!('value' in option)) continue;
      if (q === '' || searchText.get(option.value)?.includes(q)) out.push(option);
    }
    return out;
  };
}

const jsicCache = new Map<UiLanguage, SearchableOptions>();

/** Every JSIC rev. 14 code at every level, labelled 「0911 部分肉・冷凍肉製造業」. */
export function jsicOptions(language: UiLanguage): SearchableOptions {
  const cached = jsicCache.get(language);
  if (cached) return cached;
  const searchText = new Map<string, string>();
  const data = JSIC_ENTRIES.map((e) => {
    searchText.set(e.code, normalizeForSearch(`${e.code} ${e.name} ${e.nameEn}`));
    const label = language === 'en' ? `${e.code} ${e.name} (${e.nameEn})` : `${e.code} ${e.name}`;
    return { value: e.code, label };
  });
  const options = { data, filter: searchFilter(searchText) };
  jsicCache.set(language, options);
  return options;
}

let municipalityCache: SearchableOptions | undefined;

/** Label of a municipality: 「神奈川県 川崎市中原区」. */
export function municipalityLabel(prefecture: string, name: string): string {
  return `${prefecture} ${name.replace(/\s+/g, '')}`;
}

/** Every municipality and designated-city ward; the value is the 6-digit 地方公共団体コード. */
export function municipalityOptions(): SearchableOptions {
  if (municipalityCache) return municipalityCache;
  const searchText = new Map<string, string>();
  const data = MUNICIPALITIES.map((m) => {
    const label = municipalityLabel(m.prefecture, m.name);
    searchText.set(m.code, normalizeForSearch(`${label} ${m.nameKana} ${m.code}`));
    return { value: m.code, label };
  });
  municipalityCache = { data, filter: searchFilter(searchText) };
  return municipalityCache;
}
