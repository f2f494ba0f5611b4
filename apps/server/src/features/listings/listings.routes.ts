import {
  JobAccepted,
  Listing,
  ListingCreate,
  ListingIdParam,
  ListingImportResult,
  ListingListQuery,
  ListingPage,
  ListingUpdate,
  Problem,
  VersionBody,
} from '@banso/shared';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type App, requireActor } from '../../http/env';
import { importRejection, PROBLEM_HEADERS } from '../../http/import-rejection';
import { body, conflictResponse, errorResponses, json, security } from '../../http/openapi-helpers';
import { presentListing } from './listings.presenter';
import type { ListingsService } from './listings.service';

const tags = ['matching'];

const ListingImportRejected = Problem.extend({ result: ListingImportResult }).meta({
  id: 'ListingImportRejected',
});

const fileBody = {
  description:
    'The file itself: CSV (comma- or tab-separated; UTF-8, Shift_JIS or UTF-16 with a BOM) with a header row, JSON Lines or a JSON array (sent as any of these types, or application/json).',
  required: true,
  content: {
    'text/csv': { schema: z.string().meta({ format: 'binary' }) },
    'application/x-ndjson': { schema: z.string().meta({ format: 'binary' }) },
    'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
  },
};

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'true: validate and count only, write nothing.' }),
});

export function registerListingsRoutes(app: App, deps: { listings: ListingsService }) {
  const s = deps.listings;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/listings',
      tags,
      summary: 'Open patents (開放特許) and other seeds and needs, newest first',
      security,
      request: { query: ListingListQuery },
      responses: { 200: json(ListingPage), ...errorResponses },
    }),
    async (c) => {
      const page = await s.list(requireActor(c), c.req.valid('query'));
      return c.json({ ...page, items: page.items.map(presentListing) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/listings',
      tags,
      summary: 'Register a listing',
      security,
      request: { body: body(ListingCreate) },
      responses: { 201: json(Listing, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = requireActor(c);
      const [row] = await s.createMany(actor, [c.req.valid('json')]);
      if (!row) throw new Error('no listing created');
      return c.json(presentListing(await s.get(actor, row.id)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/listings/import',
      tags,
      summary: 'Import listings from a file (all or nothing; a re-import updates by `id`)',
      description:
        'Columns: the API field names (camelCase or snake_case), the batch CLI names (id, title, abstract, ' +
        'fields, applicable_products, ipc, holder) or the Japanese headings of an INPIT-style table ' +
        '(発明の名称, 特許番号, 出願番号, 技術分野, 概要, 適用製品, 目的, 効果, 国際特許分類, 特許権者 …). ' +
        'A holder whose 法人番号 or exact name is registered is linked to that company. CSV may be comma- ' +
        'or tab-separated, in UTF-8, Shift_JIS or UTF-16 with a BOM. With any error (a dry run too), ' +
        'nothing is written and the answer is 422 `import_invalid`, as for company imports: `errors` name ' +
        '`line.<n>.<field>` and `result` lists every error with its line. With `Prefer: respond-async` the ' +
        'answer is 202 with a job id: GET /api/v1/jobs/{id} has the same ListingImportResult as `result` ' +
        'once the job has succeeded.',
      security,
      request: { query: ImportQuery, body: fileBody },
      responses: {
        200: json(ListingImportResult),
        202: {
          description: 'With `Prefer: respond-async`: the file is stored and the import is queued',
          headers: { Location: { schema: { type: 'string' }, description: '/api/v1/jobs/{id}' } },
          content: { 'application/json': { schema: JobAccepted } },
        },
        ...errorResponses,
        422: {
          description:
            'Rejected (import_invalid): nothing was imported; `errors` name line and field, `result` has them all',
          content: { 'application/problem+json': { schema: ListingImportRejected } },
        },
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const options = {
        dryRun: c.req.valid('query').dryRun === 'true',
        locale: c.get('locale'),
      };
      if (/(^|[,;\s])respond-async\b/i.test(c.req.header('prefer') ?? '')) {
        const job = await s.queueImport(actor, bytes, options);
        const location = `/api/v1/jobs/${job.id}`;
        return c.json({ jobId: job.id, status: 'queued' as const, location }, 202, { location });
      }
      const result = await s.importFile(actor, bytes, options);
      if (result.errors.length > 0) {
        const extra = { instance: c.req.path, requestId: c.get('requestId') };
        return c.json(
          importRejection(result, result.errors.length, options.locale, extra),
          422,
          PROBLEM_HEADERS,
        );
      }
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/listings/{id}',
      tags,
      summary: 'One listing',
      security,
      request: { params: ListingIdParam },
      responses: { 200: json(Listing), ...errorResponses },
    }),
    async (c) => c.json(presentListing(await s.get(requireActor(c), c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/listings/{id}',
      tags,
      summary: 'Change a listing (send the version you read)',
      security,
      request: { params: ListingIdParam, body: body(ListingUpdate) },
      responses: { 200: json(Listing), ...errorResponses, ...conflictResponse },
    }),
    async (c) =>
      c.json(
        presentListing(
          await s.update(requireActor(c), c.req.valid('param').id, c.req.valid('json')),
        ),
        200,
      ),
  );

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/v1/listings/{id}/${action}`,
        tags,
        summary: archived
          ? 'Archive a listing (kept, no longer matched)'
          : 'Restore an archived listing',
        security,
        request: { params: ListingIdParam, body: body(VersionBody) },
        responses: { 200: json(Listing), ...errorResponses, ...conflictResponse },
      }),
      async (c) =>
        c.json(
          presentListing(
            await s.setArchived(
              requireActor(c),
              c.req.valid('param').id,
              c.req.valid('json').version,
              archived,
            ),
          ),
          200,
        ),
    );
  }
}
