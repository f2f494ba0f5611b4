import { kanaSortKey, normalizeForSearch, searchTokens, stripCompanyForm } from '@banso/shared';

/** Derived search columns of a company: kept in step with name/kana on every write. */
export function companySearchColumns(input: {
  name: string;
  nameKana: string | null;
  nameEn: string | null;
}): { searchText: string; searchTokens: string[]; kanaSort: string } {
  const parts = [
    input.name,
    input.nameKana,
    input.nameEn,
    input.nameKana ? stripCompanyForm(input.nameKana) : null,
  ]
    .filter((p): p is string => !!p && p.trim() !== '')
    .map(normalizeForSearch);
  const tokens = new Set<string>();
  for (const part of parts) for (const t of searchTokens(part)) tokens.add(t);
  return {
    // A newline never survives normalisation of a query, so no match spans two parts.
    searchText: [...new Set(parts)].join('\n'),
    searchTokens: [...tokens].sort(),
    kanaSort: kanaSortKey(stripCompanyForm(input.nameKana ?? input.name)),
  };
}
