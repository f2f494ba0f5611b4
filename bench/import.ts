import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DriverName } from '@banso/db';
import type { CompanyCreate } from '@banso/shared';
import { stringify } from 'csv-stringify/sync';
import {
  BANSO_COLUMNS,
  formatCell,
} from '../apps/server/src/features/companies/import/banso-columns';
import { escapeFormula } from '../apps/server/src/features/companies/import/formula-escape';
import { importCompaniesFromFile } from '../apps/server/src/features/companies/import/import-companies';
import { createBenchTenant, openBenchDatabase } from './lib/bench-db';
import { timed } from './lib/stats';

/**
 * CSV import: a Banso-format file (UTF-8 with BOM, CRLF, the columns of banso-columns.ts, as
 * `banso export` writes it) of generated companies, imported with importCompaniesFromFile —
 * the function behind `banso import` and the API — into an empty organisation; optionally the
 * same file again.
 */

export interface ImportRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Seconds of the first pass (reading and validating every row) before writing starts. */
  validateSeconds: number;
  inserted: number;
  updated: number;
  unchanged: number;
  status: string;
}

export interface ImportResultSet {
  driver: DriverName;
  fileBytes: number;
  first: ImportRun;
  /** The same file imported a second time (only when asked for). */
  again?: ImportRun;
}

const toCsv = (records: string[][]) =>
  stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });

/** Writes the companies as a Banso CSV file; returns its size in bytes. */
export async function writeBansoCsv(
  file: string,
  companies: readonly CompanyCreate[],
): Promise<number> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      out.write(text, (error) => (error ? reject(error) : resolve())),
    );
  await write(`\ufeff${toCsv([BANSO_COLUMNS.map((c) => c.title)])}`);
  const record = companies as readonly Partial<Record<string, unknown>>[];
  for (let i = 0; i < record.length; i += 2000) {
    const page = record.slice(i, i + 2000);
    await write(
      toCsv(
        page.map((c) =>
          BANSO_COLUMNS.map((column) => escapeFormula(formatCell(column.kind, c[column.key]))),
        ),
      ),
    );
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return statSync(file).size;
}

async function importOnce(
  deps: Parameters<typeof importCompaniesFromFile>[0],
  actor: Parameters<typeof importCompaniesFromFile>[1],
  file: string,
): Promise<ImportRun> {
  let writeStartedAt: number | null = null;
  const started = performance.now();
  const run = await timed(() =>
    importCompaniesFromFile(deps, actor, file, {}, (p) => {
      if (p.phase === 'write' && writeStartedAt === null) writeStartedAt = performance.now();
    }),
  );
  const result = run.value;
  if (result.status !== 'completed') {
    throw new Error(`import ${result.status}: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  return {
    rows: result.rowsRead,
    seconds: run.ms / 1000,
    rowsPerSecond: result.rowsRead / (run.ms / 1000),
    validateSeconds: ((writeStartedAt ?? performance.now()) - started) / 1000,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    status: result.status,
  };
}

export interface ImportBenchOptions {
  /** Also import the same file a second time (the update path: every row compared, none changed). */
  again: boolean;
  log: (message: string) => void;
}

/** A temporary CSV of the companies, for runImportBenchmark; remove() deletes it. */
export async function prepareImportFile(companies: readonly CompanyCreate[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'banso-bench-import-'));
  const file = path.join(dir, `companies-${companies.length}.csv`);
  const bytes = await writeBansoCsv(file, companies);
  return { file, bytes, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function runImportBenchmark(
  driver: DriverName,
  csv: { file: string; bytes: number },
  options: ImportBenchOptions,
): Promise<ImportResultSet> {
  const bench = await openBenchDatabase(driver, 'import');
  try {
    const actor = await createBenchTenant(bench.db);
    const deps = { db: bench.db, now: () => new Date() };
    options.log(`${driver}: importing ${csv.file}`);
    const first = await importOnce(deps, actor, csv.file);
    if (!options.again) return { driver, fileBytes: csv.bytes, first };
    options.log(`${driver}: importing the same file again`);
    const again = await importOnce(deps, actor, csv.file);
    return { driver, fileBytes: csv.bytes, first, again };
  } finally {
    await bench.destroy();
  }
}
