/**
 * Test-only access to the raw reference data in /work/shared/data (outside the repository).
 * Set BANSO_SHARED_DATA to point elsewhere. Tests that need it are skipped when it is missing;
 * the generated JSON in packages/shared/data is always tested.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const SHARED_DATA_DIR =
  process.env.BANSO_SHARED_DATA ??
  fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));

export const hasSharedData = existsSync(`${SHARED_DATA_DIR}/localgovjp-utf8.csv`);

// On a laptop without ../shared these checks are skipped; in CI (../shared beside the clone) they must run.
if (!hasSharedData && process.env.CI === 'true') {
  throw new Error(`CI=true but the reference data is missing at ${SHARED_DATA_DIR}`);
}

export function readSharedData(file: string): string {
  return readFileSync(`${SHARED_DATA_DIR}/${file}`, 'utf8');
}

/** Parses a CSV with a header row (BOM stripped) with csv-parse. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}
