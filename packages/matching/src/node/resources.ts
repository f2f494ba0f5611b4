// The one file of the matching package that uses Node APIs: it finds and reads the analyser's
// data files (kuromoji's dictionary folder, Sudachi's synonym JSON) so that the engine itself
// stays pure. Callers (CLI, server, tests, benchmarks) pass what it returns to createAnalyzer.
// biome-ignore lint/style/noRestrictedImports: reading the synonym file needs the file system
import { readFileSync } from 'node:fs';
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

/**
 * Sudachi's synonym groups (a 14 MB JSON file). Read from the file rather than through the
 * package's `require`, which would keep the parsed objects in the module cache for the life of
 * the process; the analyser keeps only the compact table it builds from them.
 */
export async function loadSudachiSynonyms(): Promise<readonly SudachiSynonymGroup[]> {
  const file = path.join(
    path.dirname(require.resolve('sudachi-synonyms-dictionary')),
    'sudachi-synonyms-dictionary.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as SudachiSynonymGroup[];
}

let analyzer: Promise<Analyzer> | undefined;

/** The process-wide analyser with the packaged dictionary, synonyms and thesaurus (built once). */
export function nodeAnalyzer(): Promise<Analyzer> {
  analyzer ??= loadSudachiSynonyms().then((synonymGroups) =>
    sharedAnalyzer({ dicPath: kuromojiDicPath(), synonymGroups }),
  );
  analyzer.catch(() => {
    analyzer = undefined;
  });
  return analyzer;
}
