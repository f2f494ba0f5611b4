import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VOCABULARIES } from './index';

/**
 * Every closed set has a label in both languages for every code, and its Japanese labels are
 * spelled only here: the test reads every source file of the apps and packages (tests, test
 * helpers and fixtures aside) and fails on a string literal that repeats a known label.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCANNED = ['apps', 'packages'];
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'data',
  'migrations',
  'fixtures',
  'testing',
  'test',
  'e2e',
]);
const VOCABULARY_DIR = 'packages/shared/src/vocabulary/';
const isTestFile = (name: string) => /\.(test|spec)\.tsx?$/.test(name) || name === 'testing.ts';

/**
 * Labels that are also ordinary words, used in other senses (a feature's name, a heading, a
 * person): a copy of them cannot be told from their other uses, so they are not looked for.
 */
const ORDINARY_WORDS = new Set([
  'その他', // every "other" in the UI
  'フォローアップ', // the follow-up records and their page, besides the visit kind
  'オンライン', // online meetings and events
  'イベント', // the events feature
  'スタートアップ', // startups in prose and in the matching rules
  '金融機関', // partner banks in prose, the supporter kind and the company kind
  '支援者', // the supporters page
  '経営者', // the owner in prose
  '下書き', // "save as draft" buttons
  '未完了', // open follow-ups in filters
  'コーディネーター', // the person, in prose (担当コーディネーター), a supporter kind and a user role
  '開放特許', // the listings feature's name, besides the listing kind
  'English', // every English sentence that names the language
]);

/**
 * Literals that legitimately contain a known label (prose naming it, a longer proper name),
 * each with why. Keyed by file (from the repository root) and the label found.
 */
const ALLOWED: Record<string, readonly string[]> = {
  // 出張キャラバン隊 (the caravan team) in the demo's summary: the programme's name, not the kind.
  'apps/server/src/cli/commands/demo.ts': ['出張キャラバン'],
  // Free text of fictional visits (the purpose of a demo visit).
  'apps/server/src/features/demo/demo-caravan.ts': ['副業・兼業人材'],
  // The Kawasaki KPI report's own words, loaded as published.
  'apps/server/src/features/programs/seed/kawasaki-programs.ts': [
    '福祉現場のニーズ',
    '副業・兼業人材',
  ],
};

interface KnownLabel {
  label: string;
  set: string;
}

function knownLabels(): KnownLabel[] {
  const seen = new Map<string, KnownLabel>();
  for (const v of VOCABULARIES)
    for (const code of v.codes) {
      const label = v.labelOf(code, 'ja');
      if (Array.from(label).length < 3 || ORDINARY_WORDS.has(label)) continue;
      if (!seen.has(label)) seen.set(label, { label, set: v.name });
    }
  return [...seen.values()];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sourceFiles(path);
    } else if (/\.tsx?$/.test(entry.name) && !isTestFile(entry.name)) yield path;
  }
}

/** The string literals of a source file, comments removed first. */
function stringLiterals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

/** A literal repeats a label when it is the label, or (for labels of 5+ characters) contains it. */
export function copiesIn(literals: readonly string[], labels: readonly KnownLabel[]): KnownLabel[] {
  return labels.filter(({ label }) =>
    literals.some((s) => s === label || (Array.from(label).length >= 5 && s.includes(label))),
  );
}

function secondCopies(): string[] {
  const labels = knownLabels();
  const found: string[] = [];
  for (const top of SCANNED)
    for (const file of sourceFiles(join(ROOT, top))) {
      const rel = relative(ROOT, file).replaceAll('\\', '/');
      if (rel.startsWith(VOCABULARY_DIR)) continue;
      const allowed = ALLOWED[rel] ?? [];
      for (const { label, set } of copiesIn(stringLiterals(readFileSync(file, 'utf8')), labels))
        if (!allowed.includes(label)) found.push(`${rel}: '${label}' (${set})`);
    }
  return found;
}

describe('vocabulary', () => {
  it.each(VOCABULARIES.map((v) => [v.name, v] as const))(
    '%s has a ja and an en label for every code, and no code twice',
    (_name, v) => {
      expect(new Set(v.codes).size).toBe(v.codes.length);
      expect(Object.keys(v.labels).sort()).toEqual([...v.codes].sort());
      for (const code of v.codes) {
        expect(v.labelOf(code, 'ja').trim()).not.toBe('');
        expect(v.labelOf(code, 'en').trim()).not.toBe('');
      }
      expect(Object.keys(v.ja)).toEqual([...v.codes]);
      expect(Object.keys(v.en)).toEqual([...v.codes]);
    },
  );

  it('labels differ within a set, so no two codes read alike', () => {
    for (const v of VOCABULARIES)
      for (const locale of ['ja', 'en'] as const) {
        const labels = v.codes.map((c) => v.labelOf(c, locale));
        expect(new Set(labels).size, `${v.name} ${locale}`).toBe(labels.length);
      }
  });

  it('names every set once', () => {
    const names = VOCABULARIES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds a copied label in a literal, alone or inside a longer text', () => {
    const labels = [
      { label: '出張キャラバン', set: 'visit_kind' },
      { label: '面談', set: 'match_stage' },
      { label: '中小企業', set: 'company_kind' },
    ];
    expect(
      copiesIn(stringLiterals("const x = { caravan: '出張キャラバン訪問' };"), labels),
    ).toEqual([labels[0]]);
    expect(copiesIn(stringLiterals('const k = `中小企業`;'), labels)).toEqual([labels[2]]);
    expect(
      copiesIn(stringLiterals("// '出張キャラバン'\nconst y = '中小企業の';"), labels),
    ).toEqual([]);
  });

  it('spells every known Japanese label only in packages/shared/src/vocabulary', () => {
    expect(secondCopies()).toEqual([]);
  });
});
