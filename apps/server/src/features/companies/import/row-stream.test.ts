import { describe, expect, it } from 'vitest';
import { BANSO_COLUMNS } from './banso-columns';
import type { CsvRecord } from './csv-records';
import { municipalityFilter } from './municipality-filter';
import { ImportFileError } from './row-error';
import { openRowStream, type RowEvent, type RowStreamOptions } from './row-stream';
import { bansoTestCells, ntaTestCells, testCorporateNumber } from './test-files';

async function* recordsOf(rows: string[][]): AsyncGenerator<CsvRecord> {
  let line = 1;
  for (const fields of rows) yield { line: line++, fields };
}

const defaults: RowStreamOptions = { format: 'auto', mapping: null, municipality: null };

async function collect(rows: string[][], options: Partial<RowStreamOptions> = {}) {
  const stream = await openRowStream(recordsOf(rows), { ...defaults, ...options });
  const events: RowEvent[] = [];
  for await (const e of stream.events) events.push(e);
  return { format: stream.format, events };
}

const header = BANSO_COLUMNS.map((c) => c.title);

describe('openRowStream', () => {
  it('detects the 国税庁 format (also after the Web-API first line) and a Banso header', async () => {
    expect((await collect([ntaTestCells(1)])).format).toBe('nta');
    const api = await collect([['2024-04-01', '1', '1', '1'], ntaTestCells(1)]);
    expect(api.format).toBe('nta');
    expect(api.events.map((e) => e.kind)).toEqual(['row']);
    expect((await collect([header, bansoTestCells(1)])).format).toBe('banso');
  });

  it('reports the later of two rows with the same 法人番号 or ID, naming the first line', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const { events } = await collect([
      header,
      bansoTestCells(1, { id }),
      bansoTestCells(2),
      bansoTestCells(1, { name: '重複' }),
      bansoTestCells(3, { id }),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['row', 'row', 'invalid', 'invalid']);
    expect(events[2]).toMatchObject({
      line: 4,
      errors: [{ field: 'corporateNumber', code: 'duplicate_corporate_number' }],
    });
    expect(events[3]).toMatchObject({ line: 5, errors: [{ field: 'id', code: 'invalid_value' }] });
  });

  it('skips rows outside the municipality filter without validating them', async () => {
    const { events } = await collect(
      [
        ntaTestCells(1, { cityCode: '133' }),
        ntaTestCells(2, { cityCode: '101' }),
        ntaTestCells(3, { cityCode: '101', name: '' }),
      ],
      { municipality: municipalityFilter('14130') },
    );
    expect(events.map((e) => e.kind)).toEqual(['row', 'skipped', 'skipped']);
  });

  it('validates rows with the contract and reports every field problem of a row', async () => {
    const { events } = await collect([
      header,
      bansoTestCells(1, { corporateNumber: '1180301018772', postalCode: '12', kind: 'giant' }),
    ]);
    expect(events[0]).toMatchObject({ kind: 'invalid', line: 2 });
    const fields = events[0]?.kind === 'invalid' ? events[0].errors.map((e) => e.field).sort() : [];
    expect(fields).toEqual(['corporateNumber', 'kind', 'postalCode']);
    expect(testCorporateNumber(1)).toMatch(/^\d{13}$/);
  });

  it('rejects an empty file and a bad header as a whole', async () => {
    await expect(collect([])).rejects.toBeInstanceOf(ImportFileError);
    await expect(collect([['会社名', '住所']])).rejects.toBeInstanceOf(ImportFileError);
  });
});
