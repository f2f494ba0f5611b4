import type { Database } from '@banso/db';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { createApp, OPENAPI_INFO } from './app';

/**
 * The OpenAPI document, built from the routes without a database (registering
 * routes never queries). Committed as docs/openapi.json so API changes show as diffs.
 */
export function buildOpenApiDocument(): unknown {
  const unusable = new Proxy(
    {},
    {
      get() {
        throw new Error('the OpenAPI document is built without a database');
      },
    },
  ) as Database;
  const { app } = createApp({
    db: unusable,
    driver: 'pglite',
    config: loadConfig({}),
    logger: createLogger('silent'),
    now: () => new Date(0),
  });
  return app.getOpenAPI31Document(OPENAPI_INFO);
}

export const serializeOpenApi = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
