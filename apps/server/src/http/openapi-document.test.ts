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
});
