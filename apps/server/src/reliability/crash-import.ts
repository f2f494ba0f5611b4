import type { Rng } from '../features/demo/prng';
import { type Api, type Driver, fetchSendingAgain, type RunningServer } from './crash-server';

/**
 * The import side of the crash harness: a company import over the API (the NDJSON progress form,
 * so the harness sees the import's phases and committed lines) is cut off by SIGKILL of the
 * server at a random point; after a restart the import must be resumable to the file's exact row
 * count, or have written nothing beyond the batches its record says are committed.
 */

/** The test file's company names: `株式会社テスト精工<i>` for rows 0 … rows−1 (test-files.ts). */
const IMPORTED_NAME = /株式会社テスト精工(\d+)/g;
export const IMPORT_BATCH = 1000; // the import's default batch size (the API does not set one)

export interface ImportKill {
  importId: string | null;
  /** Where the kill was aimed: 0 = the first progress line (validation), j = the j-th line of the writing phase. */
  killAt: number;
  phaseAtKill: 'validate' | 'write' | 'finished';
  lastCommittedLine: number;
}

/** Starts the import and kills the server at the chosen progress line (plus a seeded jitter). */
export async function importAndKill(
  server: RunningServer,
  token: string,
  file: Buffer,
  rng: Rng,
  batches: number,
): Promise<ImportKill> {
  const killAt = rng.int(0, batches + 1);
  const jitterMs = rng.int(0, 20);
  const state: ImportKill = {
    importId: null,
    killAt,
    phaseAtKill: 'validate',
    lastCommittedLine: 0,
  };
  let kill: Promise<void> | null = null;
  const killSoon = () => {
    kill ??= new Promise<void>((resolve) =>
      setTimeout(() => {
        server.child.kill('SIGKILL');
        resolve();
      }, jitterMs),
    );
  };
  let writeLines = 0;
  try {
    const res = await fetchSendingAgain(
      `${server.url}/api/v1/companies/import?fileName=crash.csv`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv',
          accept: 'application/x-ndjson',
        },
        body: new Uint8Array(file),
      },
      120_000,
    );
    if (res.status !== 200 || !res.body) throw new Error(`import answered ${res.status}`);
    let buffered = '';
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as {
          type: string;
          phase?: string;
          importId?: string;
          committedLine?: number;
          status?: string;
        };
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        if (line.type === 'progress' && line.phase === 'write') {
          writeLines++;
          state.importId = line.importId ?? state.importId;
          state.lastCommittedLine = line.committedLine ?? state.lastCommittedLine;
          if (!kill) state.phaseAtKill = 'write';
        }
        if (line.type !== 'progress') {
          if (line.type !== 'result' || line.status !== 'completed')
            throw new Error(`import ended with ${JSON.stringify(line)}`);
          if (!kill) state.phaseAtKill = 'finished';
          killSoon();
        }
        if (killAt === 0 || (killAt > 0 && writeLines >= killAt)) killSoon();
      }
    }
  } catch (error) {
    // The connection dies with the server; anything else before the kill is a failure.
    if (!kill) throw error;
  }
  killSoon();
  await kill;
  const run = await server.exit;
  if (run.signal !== 'SIGKILL')
    throw new Error(`the server ended by itself (${run.code}) during the import: ${run.stderr}`);
  return state;
}

/** How many times each test row's company is in the registry (from the CSV export). */
async function importedRows(baseUrl: string, token: string): Promise<Map<number, number>> {
  const res = await fetchSendingAgain(
    `${baseUrl}/api/v1/companies/export`,
    { headers: { authorization: `Bearer ${token}` } },
    60_000,
  );
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  const counts = new Map<number, number>();
  for (const m of (await res.text()).matchAll(IMPORTED_NAME))
    counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  return counts;
}

/** Rows 0 … n−1, each exactly once, and nothing else? */
const exactlyFirst = (counts: Map<number, number>, n: number) =>
  counts.size === n && [...counts].every(([i, c]) => i < n && c === 1);

export type ImportOutcome = 'resumed' | 'completed-before-kill' | 'nothing-written-rerun';

interface ImportRecordView {
  status: string;
  committedLine: number;
  inserted: number;
  rowsRead: number;
}

/**
 * After the restart: the import's record and the registry agree on a batch boundary (nothing
 * half-written), the record says the import stopped (interrupted, or still `running` on
 * PostgreSQL, where only an import without a batch for 15 minutes is declared dead), and a resume
 * with the same file ends with exactly the file's rows. Without a record (killed while
 * validating), nothing is written and a new import of the file completes.
 */
export async function checkImport(
  api: Api,
  server: RunningServer,
  token: string,
  file: Buffer,
  rows: number,
  killed: ImportKill,
  driver: Driver,
): Promise<ImportOutcome> {
  const before = await importedRows(server.url, token);
  const post = async (query: string) => {
    const res = await fetchSendingAgain(
      `${server.url}/api/v1/companies/import?fileName=crash.csv${query}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: new Uint8Array(file),
      },
      120_000,
    );
    return { status: res.status, json: (await res.json()) as ImportRecordView };
  };
  let outcome: ImportOutcome;
  if (!killed.importId) {
    if (before.size !== 0)
      throw new Error(`killed before its record, yet ${before.size} rows were written`);
    const again = await post('');
    if (again.status !== 200 || again.json.status !== 'completed')
      throw new Error(`a new import answered ${again.status} ${JSON.stringify(again.json)}`);
    outcome = 'nothing-written-rerun';
  } else {
    // The embedded database's restart marks the dead import interrupted (a maintenance task run
    // at start): wait for that, with a deadline.
    let record: ImportRecordView | null = null;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const got = await api('GET', `/api/v1/imports/${killed.importId}`);
      if (got.status !== 200) throw new Error(`import record: ${got.status}`);
      record = got.json as ImportRecordView;
      if (driver === 'postgres' || record.status !== 'running') break;
      if (Date.now() > deadline) throw new Error('the dead import was not marked interrupted');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const stopped = driver === 'pglite' ? 'interrupted' : 'running';
    if (record.status !== 'completed' && record.status !== stopped)
      throw new Error(`import record status ${record.status}, expected ${stopped} or completed`);
    // Nothing half-written: exactly the committed rows, on a batch boundary the record names.
    const committed = record.inserted;
    if (!exactlyFirst(before, committed))
      throw new Error(`registry holds ${before.size} test rows, the record says ${committed}`);
    if (committed % IMPORT_BATCH !== 0 && committed !== rows)
      throw new Error(`${committed} rows committed: not a batch boundary`);
    if (committed > 0 && record.committedLine !== committed + 1)
      throw new Error(`committed line ${record.committedLine} for ${committed} rows`);
    if (record.status === 'completed') {
      if (committed !== rows) throw new Error(`completed with ${committed} of ${rows} rows`);
      outcome = 'completed-before-kill';
    } else {
      const resumed = await post(`&resume=${killed.importId}`);
      if (resumed.status !== 200 || resumed.json.status !== 'completed')
        throw new Error(`resume answered ${resumed.status} ${JSON.stringify(resumed.json)}`);
      if (resumed.json.inserted !== rows)
        throw new Error(`resumed import counts ${resumed.json.inserted} of ${rows} rows`);
      outcome = 'resumed';
    }
  }
  const after = await importedRows(server.url, token);
  if (!exactlyFirst(after, rows))
    throw new Error(`after the import the registry holds ${after.size} of ${rows} test rows`);
  return outcome;
}
