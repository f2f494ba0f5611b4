import { readFileSync } from 'node:fs';
import type { NeedDocument, SeedDocument } from '../documents';
import { needFromRecord, seedFromRecord } from '../records';

const dir = new URL('../../../../test/fixtures/matching/', import.meta.url);
const lines = (name: string) =>
  readFileSync(new URL(name, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The labelled evaluation set of test/fixtures/matching (tests and benchmarks only). */
export function loadEvalSet(): {
  patents: SeedDocument[];
  companies: NeedDocument[];
  pairs: Record<string, string>;
} {
  return {
    patents: lines('patents.jsonl').map(seedFromRecord),
    companies: [...lines('companies.jsonl'), ...lines('distractors.jsonl')].map(needFromRecord),
    pairs: JSON.parse(readFileSync(new URL('pairs.json', dir), 'utf8')) as Record<string, string>,
  };
}
