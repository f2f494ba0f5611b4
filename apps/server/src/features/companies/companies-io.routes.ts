import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ImportIdParam, ImportStreamEvent, JobAccepted, type Locale, Problem } from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AppError } from '../../app-error';
import type { AppDeps } from '../../context';
import { type App, requireActor } from '../../http/env';
import { importRejection } from '../../http/import-rejection';
import { errorResponses, json, security } from '../../http/openapi-helpers';
import { toProblem } from '../../http/problem';
import { createProcessTempDir, sweepDeadProcessTempDirs } from '../../runtime/process-temp-dir';
import { type ExportEncoding, exportCompaniesCsv } from './export/export-companies';
import {
  checkImportAllowed,
  getImportRecord,
  type ImportProgress,
  importCompaniesFromFile,
  type ImportRunResult as RunResult,
} from './import/import-companies';
import { queueCompanyImport } from './import/import-job';
import { type ImportOptions, resolveMapping, resolveMunicipality } from './import/import-options';
import { importProgressStream, NDJSON_TYPE } from './import/import-progress-stream';
import {
  ImportQuery,
  ImportRecord,
  ImportRunResult,
  presentImportRecord,
} from './import/import-record';

const tags = ['companies'];

const ImportRejected = Problem.extend({ result: ImportRunResult }).meta({ id: 'ImportRejected' });
const ExportQuery = z.object({
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8').meta({
    description: "'utf-8' (with BOM, opens in Excel) or 'shift_jis' (CP932).",
  }),
});

const csvBody = {
  description: 'The CSV file itself.',
  required: true,
  content: {
    'text/csv': { schema: z.string().meta({ format: 'binary' }) },
    'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
  },
};

/** The import's options from its query (the same for a queued job and a run in the request). */
function importOptionsOf(
  query: z.infer<typeof ImportQuery>,
  encoding: ImportOptions['encoding'],
  locale: Locale,
) {
  return {
    format: query.format,
    encoding,
    mode: query.mode,
    dryRun: query.dryRun ?? false,
    municipality: query.municipality ?? null,
    mapping: query.mapping ?? null,
    resume: query.resume ?? null,
    fileName: query.fileName ?? 'upload.csv',
    locale,
  };
}

/** `text/csv; charset=Shift_JIS` → 'shift_jis', when the client names the charset. */
function charsetEncoding(contentType: string): ImportOptions['encoding'] | undefined {
  const charset = /charset="?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (!charset) return undefined;
  if (charset === 'utf-8' || charset === 'utf8') return 'utf-8';
  if (['shift_jis', 'shift-jis', 'sjis', 'windows-31j', 'cp932', 'ms932'].includes(charset))
    return 'shift_jis';
  if (charset === 'utf-16le' || charset === 'utf-16be') return charset;
  return undefined;
}

/** `Prefer: respond-async` (RFC 7240): the client wants a job id now and the work in the background. */
function wantsAsync(prefer: string | undefined): boolean {
  return !!prefer && /(^|[,;\s])respond-async\b/i.test(prefer);
}

/** True when the client asks for the progress stream (and prefers it to plain JSON). */
function wantsNdjson(accept: string | undefined): boolean {
  return !!accept && accept.toLowerCase().includes(NDJSON_TYPE);
}

/** The 422 body of a rejected import: problem+json, its row errors, and the full result. */
const rejection = (
  result: RunResult,
  locale: 'ja' | 'en',
  extra: { instance: string; requestId: string },
) => importRejection(result, result.errorCount, locale, extra);

/**
 * Where a received upload and an export being written live while the request runs; named after
 * the process, so the next request removes what a killed process left (a 200 MB upload each).
 */
const UPLOAD_PREFIX = 'banso-import-';
const EXPORT_PREFIX = 'banso-export-';

const filenameHeader = (encoding: ExportEncoding, date: string) => {
  const ascii = `companies-${date}${encoding === 'shift_jis' ? '-sjis' : ''}.csv`;
  const japanese = `企業台帳-${date}${encoding === 'shift_jis' ? '-sjis' : ''}.csv`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(japanese)}`;
};

const toWebStream = (chunks: AsyncGenerator<Buffer>) =>
  Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>;

/** Import and export of the company registry (CSV; Banso format and the 国税庁 corporate-number data). */
export function registerCompaniesIoRoutes(app: App, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/companies/import',
      tags,
      summary:
        'Import companies from a CSV file (Banso format or 国税庁 法人番号データ), up to 200 MB',
      description:
        'Send the file as the body (text/csv or application/octet-stream), UTF-8 or Shift_JIS. Two formats: ' +
        'the 国税庁 法人番号公表サイト CSV (全件・差分, no header, 30 columns; only 最新履歴 = 1 rows; closed ' +
        'registrations become status closed), and the Banso CSV that GET /api/v1/companies/export writes: a ' +
        'header row of Japanese titles (法人番号, 名称, フリガナ, … , ID; English field names also accepted), list ' +
        "cells joined with '; ', enumerations in code form (sme, large …). Other files need `mapping`. " +
        'Re-importing updates the companies (key: 法人番号, then the ID column) and never duplicates them; a 国税庁 ' +
        'file only updates the registry fields. Errors carry the physical line number in the file.\n\n' +
        'Progress: send `Accept: application/x-ndjson` and the answer is 200 with a stream of JSON lines ' +
        '(ImportStreamEvent), once the upload is received and the options are valid: ' +
        '`{"type":"progress","phase":"validate"|"write","linesRead","committedLine","bytesRead","totalBytes",…}` ' +
        'at the start, at most every 250 ms while reading and after each committed batch, then exactly one ' +
        'last line: `{"type":"result",…ImportRunResult}`, or `{"type":"problem","problem":{…}}` with the ' +
        'problem+json body (and its `status`) the plain request would have answered — a rejected file is ' +
        '`status` 422 with `result`. When the client closes the stream, the import stops after the batch ' +
        'being written (status interrupted); GET /api/v1/imports/{id} (`importId` is in the progress lines ' +
        'once writing begins) tells how far it got: rows up to `committedLine` are committed, and `resume` ' +
        'with the same file continues after it. Without that Accept header the answer is the plain JSON ' +
        'below, and the import runs to its end whatever the client does.\n\n' +
        'In the background: send `Prefer: respond-async` and the answer, once the upload is stored, is 202 ' +
        'with a job id (JobAccepted, `Location: /api/v1/jobs/{id}`). GET /api/v1/jobs/{id} then shows the ' +
        "import's progress (the ImportProgressEvent fields), its result (ImportRunResult) or its error (a " +
        'rejected file: `import_invalid` with the result in `error.detail.result`). The upload is kept ' +
        'until the job ends: after a server restart the job continues after the last committed line.',
      security,
      request: { query: ImportQuery, body: csvBody },
      responses: {
        200: {
          description:
            'Imported (status completed), or validated (dryRun: status dry_run); with ' +
            '`Accept: application/x-ndjson`, the progress stream (one ImportStreamEvent per line)',
          content: {
            'application/json': { schema: ImportRunResult },
            'application/x-ndjson': { schema: ImportStreamEvent },
          },
        },
        202: {
          description:
            'With `Prefer: respond-async`: the upload is stored and the import is queued as a job',
          headers: { Location: { schema: { type: 'string' }, description: '/api/v1/jobs/{id}' } },
          content: { 'application/json': { schema: JobAccepted } },
        },
        ...errorResponses,
        413: {
          description: 'Over 200 MB (payload_too_large)',
          content: { 'application/problem+json': { schema: Problem } },
        },
        415: {
          description: 'Not a CSV upload (unsupported_media_type)',
          content: { 'application/problem+json': { schema: Problem } },
        },
        422: {
          description:
            'Rejected (import_invalid): nothing was imported; `errors` name line and field, `result` has them all',
          content: { 'application/problem+json': { schema: ImportRejected } },
        },
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      // Refused before a byte of the upload is read.
      checkImportAllowed(actor);
      const contentType = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|application\/octet-stream|text\/plain)\b/i.test(contentType)) {
        throw new AppError('unsupported_media_type', { log: `import content-type ${contentType}` });
      }
      const body = c.req.raw.body;
      if (!body) throw new AppError('bad_request', { log: 'import without a body' });
      const query = c.req.valid('query');
      // Option errors are answered before anything is read or streamed.
      resolveMapping(query.mapping);
      resolveMunicipality(query.municipality);
      const encodingOption =
        query.encoding === 'auto' ? (charsetEncoding(contentType) ?? 'auto') : query.encoding;
      if (wantsAsync(c.req.header('prefer'))) {
        const job = await queueCompanyImport(
          deps,
          actor,
          (file) =>
            pipeline(
              Readable.fromWeb(body as WebReadableStream<Uint8Array>),
              createWriteStream(file),
            ),
          importOptionsOf(query, encodingOption, c.get('locale')),
        );
        const location = `/api/v1/jobs/${job.id}`;
        return c.json({ jobId: job.id, status: 'queued' as const, location }, 202, {
          location,
        });
      }
      const streaming = wantsNdjson(c.req.header('accept'));
      await sweepDeadProcessTempDirs(UPLOAD_PREFIX);
      const dir = await createProcessTempDir(UPLOAD_PREFIX);
      const cleanup = () => rm(dir, { recursive: true, force: true });
      let handedOver = false;
      try {
        const file = path.join(dir, 'upload.csv');
        await pipeline(
          Readable.fromWeb(body as WebReadableStream<Uint8Array>),
          createWriteStream(file),
        );
        const encoding = encodingOption;
        const locale = c.get('locale');
        const extra = { instance: c.req.path, requestId: c.get('requestId') };
        const abort = new AbortController();
        const run = (onProgress?: (p: ImportProgress) => void) =>
          importCompaniesFromFile(
            deps,
            actor,
            file,
            {
              ...importOptionsOf(query, encoding, locale),
              ...(streaming ? { signal: abort.signal } : {}),
            },
            onProgress,
          );

        if (streaming) {
          const log = c.get('log');
          const stream = importProgressStream({
            totalBytes: (await stat(file)).size,
            run,
            finalLine: (result) =>
              result.status === 'rejected'
                ? { type: 'problem', problem: rejection(result, locale, extra) }
                : { type: 'result', ...result },
            errorLine: (error) => {
              const { status, body } = toProblem(error, locale, extra);
              if (status >= 500) log?.error({ err: error }, 'import failed');
              return { type: 'problem', problem: body };
            },
            abort,
            cleanup,
          });
          handedOver = true;
          // The documented application/x-ndjson form of the 200 answer; the route's typed
          // responses only know its JSON form, hence the cast.
          return c.body(stream, 200, {
            'content-type': `${NDJSON_TYPE}; charset=utf-8`,
            'cache-control': 'no-store',
          }) as never;
        }

        const result = await run();
        if (result.status === 'rejected') {
          return c.json(rejection(result, locale, extra), 422, {
            'content-type': 'application/problem+json; charset=utf-8',
          });
        }
        return c.json(result, 200);
      } finally {
        if (!handedOver) await cleanup();
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/imports/{id}',
      tags,
      summary: 'An import record: status, committed line, counts and row errors',
      security,
      request: { params: ImportIdParam },
      responses: { 200: json(ImportRecord), ...errorResponses },
    }),
    async (c) => {
      const record = await getImportRecord(deps, requireActor(c), c.req.valid('param').id);
      return c.json(presentImportRecord(record), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/companies/export',
      tags,
      summary: 'Export every company as a Banso CSV (kana order; imports back unchanged)',
      description:
        'Shift_JIS cannot hold every character: 〜 − ¥ ‖ — and a few others are written as their CP932 ' +
        'equivalents (～ － ￥ ∥ ―), characters with no Shift_JIS form as 〓; the counts are in the ' +
        'X-Banso-Substituted-Characters and X-Banso-Unencodable-Characters headers.',
      security,
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'The CSV file',
          headers: {
            'Content-Disposition': { schema: { type: 'string' } },
            'X-Banso-Substituted-Characters': {
              schema: { type: 'integer' },
              description: 'Shift_JIS only',
            },
            'X-Banso-Unencodable-Characters': {
              schema: { type: 'integer' },
              description: 'Shift_JIS only',
            },
          },
          content: { 'text/csv': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { encoding } = c.req.valid('query');
      const { chunks, stats } = exportCompaniesCsv(deps, actor, { encoding });
      const date = deps.now().toISOString().slice(0, 10);
      const headers: Record<string, string> = {
        'content-type': `text/csv; charset=${encoding === 'utf-8' ? 'utf-8' : 'Shift_JIS'}`,
        'content-disposition': filenameHeader(encoding, date),
        'cache-control': 'no-store',
      };
      if (encoding === 'utf-8') return c.body(toWebStream(chunks), 200, headers);

      // Shift_JIS: written to a temporary file first, so the substitution counts can go in the headers.
      await sweepDeadProcessTempDirs(EXPORT_PREFIX);
      const dir = await createProcessTempDir(EXPORT_PREFIX);
      const file = path.join(dir, 'export.csv');
      try {
        await pipeline(Readable.from(chunks), createWriteStream(file));
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      headers['x-banso-substituted-characters'] = String(stats.substituted);
      headers['x-banso-unencodable-characters'] = String(stats.unencodable);
      async function* fromFile(): AsyncGenerator<Buffer> {
        try {
          for await (const chunk of createReadStream(file)) yield chunk as Buffer;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      return c.body(toWebStream(fromFile()), 200, headers);
    },
  );
}
