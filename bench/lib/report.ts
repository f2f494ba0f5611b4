import type { ColdStartResult } from '../cold-start';
import type { ImportResultSet } from '../import';
import type { SearchMethod, SearchResult } from '../search';
import type { Machine } from './machine';
import { markdownTable, ms } from './stats';

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  command: string;
  settings: Record<string, number | string>;
  machine: Machine;
  loadAverage: { start: number[]; end: number[] };
  search: SearchResult[];
  import: ImportResultSet[] | { skipped: string };
  coldStart: ColdStartResult | null;
}

const DRIVER_LABEL = { pglite: 'PGlite', postgres: 'PostgreSQL' } as const;
const METHOD_LABEL: Record<SearchMethod, string> = {
  banso: 'Banso',
  ilike: 'ILIKE',
  'ilike+pg_trgm': 'ILIKE + pg_trgm',
};
const int = (n: number) => Math.round(n).toLocaleString('en');

function slowest(c: SearchResult['classes'][number]): string {
  const medians = c.queryMedians.banso ?? [];
  let worst = -1;
  for (const [i, v] of medians.entries()) if (worst < 0 || v > (medians[worst] ?? 0)) worst = i;
  if (worst < 0) return '–';
  return `${c.queries[worst]} (${ms(medians[worst] ?? Number.NaN)} ms, ${int(c.matches[worst] ?? 0)})`;
}

function searchSection(r: SearchResult): string {
  const methods = (['banso', 'ilike', 'ilike+pg_trgm'] as const).filter((m) =>
    r.classes.some((c) => c.methods[m]),
  );
  const header = [
    'query class',
    'queries',
    ...methods.map((m) => `${METHOD_LABEL[m]} p50 / p99 ms`),
    `found on page 1 (${methods.map((m) => METHOD_LABEL[m]).join(' / ')})`,
    'slowest query for Banso (median ms, matches)',
  ];
  const rows = r.classes.map((c) => {
    const possible = c.methods.banso?.possible ?? 0;
    return [
      c.name,
      c.queries.join(' '),
      ...methods.map((m) => {
        const s = c.methods[m];
        return s ? `${ms(s.p50)} / ${ms(s.p99)} (n=${s.n})` : '–';
      }),
      `${methods.map((m) => c.methods[m]?.found ?? '–').join(' / ')} of ${possible}`,
      slowest(c),
    ];
  });
  const trgm =
    r.trigramIndexSeconds !== undefined
      ? `; pg_trgm indexes built in ${r.trigramIndexSeconds.toFixed(1)} s`
      : '';
  return [
    `### Search — ${DRIVER_LABEL[r.driver]} (PostgreSQL ${r.serverVersion}), ${int(r.companies)} companies`,
    '',
    `Bulk load ${r.loadSeconds.toFixed(1)} s (${int(r.loadRowsPerSecond)} rows/s, multi-row INSERT)${trgm}. ` +
      `Each query up to ${r.repetitions} timed runs after one warm-up (fewer when slow, at least 3).`,
    '',
    markdownTable(header, rows),
  ].join('\n');
}

function importSection(results: BenchReport['import']): string {
  if (!Array.isArray(results)) return `### CSV import\n\nSkipped: ${results.skipped}`;
  const rows = results.flatMap((r) => [
    [
      DRIVER_LABEL[r.driver],
      'new companies',
      int(r.first.rows),
      r.first.seconds.toFixed(1),
      r.first.validateSeconds.toFixed(1),
      int(r.first.rowsPerSecond),
      `${int(r.first.inserted)} / ${int(r.first.updated)} / ${int(r.first.unchanged)}`,
    ],
    ...(r.again
      ? [
          [
            DRIVER_LABEL[r.driver],
            'same file again',
            int(r.again.rows),
            r.again.seconds.toFixed(1),
            r.again.validateSeconds.toFixed(1),
            int(r.again.rowsPerSecond),
            `${int(r.again.inserted)} / ${int(r.again.updated)} / ${int(r.again.unchanged)}`,
          ],
        ]
      : []),
  ]);
  const size = results[0] ? `${(results[0].fileBytes / 2 ** 20).toFixed(1)} MiB` : '';
  return [
    `### CSV import (Banso format, UTF-8, ${size})`,
    '',
    markdownTable(
      [
        'driver',
        'run',
        'rows',
        'total s',
        'validate pass s',
        'rows/s',
        'inserted / updated / unchanged',
      ],
      rows,
    ),
  ].join('\n');
}

function coldStartSection(result: ColdStartResult | null): string {
  if (!result) return '';
  return [
    '### Cold start: `banso serve` (`npm start`) to the first 200 from /api/health',
    '',
    markdownTable(
      ['case', 'median ms', 'runs ms'],
      result.cases.map((c) => [c.name, ms(c.medianMs), c.runs.map(ms).join(', ')]),
    ),
  ].join('\n');
}

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  return [
    `## Run of ${report.startedAt}`,
    '',
    `Command: \`${report.command}\` (${Object.entries(report.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')})`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.pglite}; ` +
      `${m.postgres ?? 'PostgreSQL not reachable'}. Load average at start ${report.loadAverage.start.map((x) => x.toFixed(1)).join(' ')}, ` +
      `at end ${report.loadAverage.end.map((x) => x.toFixed(1)).join(' ')}.`,
    '',
    ...report.search.map(searchSection).flatMap((s) => [s, '']),
    importSection(report.import),
    '',
    coldStartSection(report.coldStart),
    '',
  ].join('\n');
}
