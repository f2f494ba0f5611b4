// The one file of the matching package that uses Node APIs: it only FINDS the analyser's data
// files (kuromoji's dictionary folder, Sudachi's synonym JSON) so that the engine itself stays
// pure. Callers (CLI, server, tests, benchmarks) pass what it returns to createAnalyzer.
// biome-ignore lint/style/noRestrictedImports: locating package data needs module resolution
import { createRequire } from 'node:module';
// biome-ignore lint/style/noRestrictedImports: locating package data needs path handling
import path from 'node:path';
import { type Analyzer, sharedAnalyzer } from '../analyzer';
import type { SudachiSynonymGroup } from '../synonyms';

const require = createRequire(import.meta.url);

/** kuromoji's IPADIC dictionary folder inside its npm package. */
export function kuromojiDicPath(): string {
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

let groups: Promise<readonly SudachiSynonymGroup[]> | undefined;

/** Sudachi's synonym groups (14 MB JSON), read once per process. */
export function loadSudachiSynonyms(): Promise<readonly SudachiSynonymGroup[]> {
  groups ??= (
    require('sudachi-synonyms-dictionary') as {
      fetchDictionary(): Promise<readonly SudachiSynonymGroup[]>;
    }
  ).fetchDictionary();
  return groups;
}

/** The process-wide analyser with the packaged dictionary, synonyms and thesaurus. */
export async function nodeAnalyzer(): Promise<Analyzer> {
  return sharedAnalyzer({ dicPath: kuromojiDicPath(), synonymGroups: await loadSudachiSynonyms() });
}
