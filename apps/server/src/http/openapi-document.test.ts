import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, serializeOpenApi } from './openapi-document';

describe('docs/openapi.json', () => {
  it('is the document the routes generate (run `npm run openapi` after changing the API)', () => {
    const committed = readFileSync(
      new URL('../../../../docs/openapi.json', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(serializeOpenApi(buildOpenApiDocument()));
  });

  it('documents 413 payload_too_large on every operation: the body limit applies to every /api request', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        op: `${method} ${path}`,
        responses: op.responses,
      })),
    );
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((o) => !o.responses['413']).map((o) => o.op)).toEqual([]);
  });
});
