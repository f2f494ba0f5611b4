import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CompanyId } from '@banso/shared';
import { createProcessTempDir, sweepDeadProcessTempDirs } from '../../../runtime/process-temp-dir';
import { type CompanyData, DATA_FIELDS, type ImportRow } from './import-row';
import type { RowEvent } from './row-stream';

/**
 * The rows the validation pass accepted, kept in a temporary file (one JSON array per line) so
 * the writing pass does not decode, parse and validate the CSV a second time — that is about
 * half the CPU time of an import. A row is `[line, id, ownedBits, ...values in DATA_FIELDS order]`;
 * a skipped or invalid record is `[line]`. Only the run that made it reads it; a resumed run
 * reads the original file again.
 */
export function encodeSpoolLine(event: RowEvent): string {
  if (event.kind !== 'row') return `[${event.line}]\n`;
  const { row } = event;
  let owned = 0;
  const values = DATA_FIELDS.map((field, i) => {
    if (field in row.patch) owned |= 1 << i;
    return row.insert[field];
  });
  return `${JSON.stringify([row.line, row.id, owned, ...values])}\n`;
}

export function decodeSpoolLine(text: string): RowEvent {
  const cells = JSON.parse(text) as unknown[];
  const line = cells[0] as number;
  if (cells.length === 1) return { kind: 'skipped', line };
  const owned = cells[2] as number;
  const insert = {} as Record<string, unknown>;
  const patch = {} as Record<string, unknown>;
  DATA_FIELDS.forEach((field, i) => {
    const value = cells[i + 3];
    insert[field] = value;
    if (owned & (1 << i)) patch[field] = value;
  });
  const row: ImportRow = {
    line,
    id: cells[1] == null ? null : CompanyId.parse(cells[1]),
    insert: insert as CompanyData,
    patch: patch as Partial<CompanyData>,
    ntaUpdatedOn: (insert.ntaUpdatedOn as string | null) ?? null,
  };
  return { kind: 'row', row };
}

export function createSpoolWriter(path: string) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let buffer = '';
  const flush = async () => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk)) await once(out, 'drain');
  };
  return {
    async write(event: RowEvent): Promise<void> {
      buffer += encodeSpoolLine(event);
      if (buffer.length >= 1 << 16) await flush();
    },
    async close(): Promise<void> {
      await flush();
      out.end();
      await once(out, 'finish');
    },
    destroy(): void {
      out.destroy();
    },
  };
}

export async function* readSpool(path: string): AsyncGenerator<RowEvent> {
  const lines = createInterface({
    input: createReadStream(path, { highWaterMark: 1 << 20 }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    for await (const text of lines) if (text !== '') yield decodeSpoolLine(text);
  } finally {
    lines.close();
  }
}

const SPOOL_PREFIX = 'banso-spool-';

/** Removes the spools of processes that are gone (an import killed with SIGKILL cannot clean up). */
export const sweepStaleSpools = () => sweepDeadProcessTempDirs(SPOOL_PREFIX);

/** A fresh spool directory, named after this process so a later run can tell it is stale. */
export const createSpoolDir = (): Promise<string> => createProcessTempDir(SPOOL_PREFIX);
